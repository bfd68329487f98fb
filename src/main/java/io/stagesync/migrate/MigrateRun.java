package io.stagesync.migrate;

import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.sync.SyncProgress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one migrate run while it runs: request, the stage's dialect, the model's plan, where the pages stand,
 * and the ids by outcome. It travels through the route as the exchange property {@code migrateRun}.
 */
public final class MigrateRun {

    private final String runId;
    private final MigrateRequest request;
    private final Dialect dialect;
    private final ModelPlan plan;
    private final List<String> locales;
    private final SemVer to;
    private final int pageSize;
    private final int batchSize;
    private final SyncProgress progress;
    final List<String> updated = Collections.synchronizedList(new ArrayList<>());
    final List<String> notModified = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, Object>> failed = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, Object>> diffs = Collections.synchronizedList(new ArrayList<>());
    /** Per entry the versions recorded as applied by this run, and whether they changed it. */
    final List<Map<String, Object>> applied = Collections.synchronizedList(new ArrayList<>());
    private volatile String cursor;
    private volatile String nextCursor;
    private volatile boolean hasNext = true;
    private volatile long total = -1;
    private volatile String fatal;
    private volatile String aheadCursor;
    private volatile java.util.concurrent.CompletableFuture<io.stagesync.dialect.SourcePage> ahead;

    public MigrateRun(String runId, MigrateRequest request, Dialect dialect, ModelPlan plan, List<String> locales, SemVer to,
                      int pageSize, int batchSize, SyncProgress progress, String cursor) {
        this.runId = runId;
        this.request = request;
        this.dialect = dialect;
        this.plan = plan;
        this.locales = List.copyOf(locales);
        this.to = to;
        this.pageSize = pageSize;
        this.batchSize = batchSize;
        this.progress = progress == null ? SyncProgress.NONE : progress;
        this.cursor = cursor;
    }

    public String runId() { return runId; }
    public MigrateRequest request() { return request; }
    public Dialect dialect() { return dialect; }
    public ModelPlan plan() { return plan; }
    public String model() { return plan.name(); }
    public String stage() { return request.stage(); }
    public List<String> locales() { return locales; }
    public SemVer to() { return to; }
    public int pageSize() { return pageSize; }
    public int batchSize() { return batchSize; }
    public SyncProgress progress() { return progress; }
    public boolean dryRun() { return request.dryRun(); }
    public String cursor() { return cursor; }
    public boolean hasNext() { return hasNext; }
    public long total() { return total; }

    /** The page just read ends at {@code endCursor}; {@code more}: another page follows. */
    void pageRead(String endCursor, boolean more, long pageTotal) {
        nextCursor = endCursor == null ? cursor : endCursor;
        hasNext = more;
        if (pageTotal >= 0) {
            total = pageTotal;
        }
    }

    /** The page is done: the run continues after it. */
    String pageDone() {
        cursor = nextCursor;
        return cursor;
    }

    /** The page after {@code cursor} being read ahead. */
    void readAhead(String cursor, java.util.concurrent.CompletableFuture<io.stagesync.dialect.SourcePage> page) {
        aheadCursor = cursor;
        ahead = page;
    }

    /** The page read ahead after {@code cursor}, or null when none was started for it. */
    java.util.concurrent.CompletableFuture<io.stagesync.dialect.SourcePage> takeAhead(String cursor) {
        java.util.concurrent.CompletableFuture<io.stagesync.dialect.SourcePage> page = ahead;
        ahead = null;
        return page != null && java.util.Objects.equals(aheadCursor, cursor) ? page : null;
    }

    public long done() {
        return updated.size() + notModified.size() + failed.size();
    }

    public void fail(String id, String reason) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("reason", reason);
        failed.add(f);
        progress.log("WARN", "migrate", "failed model=" + model() + " id=" + id + " reason=" + reason);
    }

    /** A failure that stops the run (stage unreachable, state store down). */
    public void fatal(String reason) {
        if (fatal == null) {
            fatal = reason;
        }
    }

    public String fatal() {
        return fatal;
    }

    /** False once the run failed for good or was cancelled: the pages stop. */
    public boolean running() {
        return fatal == null && !progress.cancelled();
    }
}
