package io.stagesync.sync;

import io.stagesync.graphql.GraphQLResult;
import io.stagesync.sync.schema.ModelPlan;
import io.stagesync.sync.state.CheckpointStore;
import io.stagesync.sync.state.SyncCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads a model's source entries page by page with the connection cursor, from the watermark of the last
 * successful run (or everything with {@code --full}), resuming an interrupted run at its checkpoint. The next
 * page is read ahead while the current one is written, so the target's request budget is not left idle.
 */
public final class EntryPageReader {

    private static final Logger log = LoggerFactory.getLogger(EntryPageReader.class);
    public static final String PHASE = "entries";

    private final CheckpointStore checkpoints;
    private final ReadDocumentBuilder documents;
    private final EntryNormalizer normalizer = new EntryNormalizer();
    private final Map<String, CompletableFuture<EntryPage>> ahead = new ConcurrentHashMap<>();
    private final ExecutorService readAhead = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "sync-read-ahead");
        t.setDaemon(true);
        return t;
    });

    public EntryPageReader(CheckpointStore checkpoints, ReadDocumentBuilder documents) {
        this.checkpoints = checkpoints;
        this.documents = documents;
    }

    /** The checkpoint a model's pass starts from. */
    public SyncCheckpoint start(SyncRun run, String model) {
        SyncCheckpoint resumed = run.resumeFrom(model);
        if (resumed != null && !run.planOnly()) {
            log.info("Resuming model={} runId={} pages={} cursor={} done={}", model, run.runId(), resumed.pages(),
                    resumed.cursor(), resumed.done());
            return resumed;
        }
        boolean incremental = !run.full() && !run.planOnly() && run.model(model).model().whereFields().contains("updatedAt_gt");
        String watermark = incremental ? checkpoints.watermark(run.sourceStage(), run.targetStage(), model).orElse(null) : null;
        log.info("Starting model={} runId={} watermark={}", model, run.runId(), watermark);
        run.progress().phaseStarted(PHASE + ":" + model, -1);
        return SyncCheckpoint.start(run.sourceStage(), run.targetStage(), PHASE, model, watermark);
    }

    /**
     * Reads the next {@code pagesPerStep} source pages after the checkpoint's cursor as one step (their writes then
     * run together), each page read ahead while the previous one is processed.
     */
    public EntryPage read(SyncRun run, SyncCheckpoint cp) {
        List<SourceEntry> entries = new ArrayList<>();
        EntryPage first = null;
        EntryPage last = null;
        String cursor = cp.cursor();
        int pages = 0;
        while (pages < run.settings().pagesPerStep() && (last == null || (last.hasNext() && !last.entries().isEmpty()))) {
            last = take(run, cp, cursor);
            first = first == null ? last : first;
            entries.addAll(last.entries());
            cursor = last.endCursor() == null ? cursor : last.endCursor();
            pages++;
        }
        run.counters(cp.model()).read.addAndGet(entries.size());
        return new EntryPage(cp.model(), entries, cursor, last.hasNext() && !last.entries().isEmpty(), first.total(),
                first.latestUpdatedAt(), pages, first.sourcePublished(), first.recentlyPublished());
    }

    private EntryPage take(SyncRun run, SyncCheckpoint cp, String cursor) {
        SyncCheckpoint at = cursor == null ? cp : cp.next(cursor, null, 0, false);
        CompletableFuture<EntryPage> prefetched = ahead.remove(key(run, cp.model(), cursor));
        EntryPage page;
        try {
            page = prefetched != null ? prefetched.join() : fetch(run, at);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (page.hasNext() && !page.entries().isEmpty() && run.running()) {
            SyncCheckpoint next = cp.next(page.endCursor(), null, 0, false);
            ahead.put(key(run, cp.model(), page.endCursor()), CompletableFuture.supplyAsync(() -> fetch(run, next), readAhead));
        }
        return page;
    }

    private static String key(SyncRun run, String model, String cursor) {
        return run.runId() + "|" + model + "|" + cursor;
    }

    @SuppressWarnings("unchecked")
    private EntryPage fetch(SyncRun run, SyncCheckpoint cp) {
        ModelPlan plan = run.model(cp.model());
        Map<String, Object> vars = new HashMap<>();
        vars.put("first", run.settings().pageSize());
        vars.put("after", cp.cursor());
        vars.put("where", cp.watermark() == null ? null : Map.of("updatedAt_gt", cp.watermark()));
        vars.put("recent", cp.watermark() == null ? null : Map.of("publishedAt_gt", cp.watermark()));
        GraphQLResult result = run.source().execute(documents.readQuery(plan, run.plan().locales()), vars);
        Object page = result.data().get("page");
        if (result.hasErrors() || !(page instanceof Map)) {
            throw new IllegalStateException("Reading " + cp.model() + " from stage " + run.sourceStage() + " failed after cursor "
                    + cp.cursor() + ": " + result.errorMessages());
        }
        Map<String, Object> connection = (Map<String, Object>) page;
        Map<String, Object> info = (Map<String, Object>) connection.get("pageInfo");
        List<SourceEntry> entries = new ArrayList<>();
        for (Object edge : (List<Object>) connection.get("edges")) {
            Map<String, Object> node = (Map<String, Object>) ((Map<String, Object>) edge).get("node");
            SourceEntry entry = normalizer.normalize(plan, run.plan().defaultLocale(), node);
            entry.links().forEach((field, ids) -> {
                if (ids.size() >= ReadDocumentBuilder.NESTED_FIRST) {
                    run.warn(plan.name() + " " + entry.id() + "." + field + ": " + ids.size()
                            + " links read, the stage's nested page limit; further links are not synced");
                }
            });
            entries.add(entry);
        }
        Object aggregate = connection.get("aggregate");
        long total = aggregate instanceof Map<?, ?> a && a.get("count") instanceof Number n ? n.longValue() : -1;
        log.debug("Read page model={} count={} after={}", cp.model(), entries.size(), cp.cursor());
        String latest = null;
        if (result.data().get("latest") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> n) {
            latest = (String) n.get("updatedAt");
        }
        return new EntryPage(cp.model(), entries, (String) info.get("endCursor"),
                Boolean.TRUE.equals(info.get("hasNextPage")), total, latest, 1, count(result.data().get("published")),
                count(result.data().get("recent")));
    }

    private static long count(Object connection) {
        return connection instanceof Map<?, ?> c && c.get("aggregate") instanceof Map<?, ?> a && a.get("count") instanceof Number n
                ? n.longValue() : -1;
    }
}
