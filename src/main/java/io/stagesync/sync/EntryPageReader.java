package io.stagesync.sync;

import java.util.Map;

import io.stagesync.dialect.ContentState;
import io.stagesync.dialect.PageRequest;
import io.stagesync.dialect.SourcePage;

import io.stagesync.dialect.SourceEntry;

import io.stagesync.state.CheckpointStore;
import io.stagesync.state.SyncCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Reads a model's source entries page by page with the connection cursor, from the watermark of the last
 * successful run (or everything with {@code --full}), resuming an interrupted run at its checkpoint. The next
 * page is read ahead while the current one is written, so the target's request budget is not left idle.
 */
public final class EntryPageReader {

    private static final Logger log = LoggerFactory.getLogger(EntryPageReader.class);
    public static final String PHASE = "entries";

    private final CheckpointStore checkpoints;
    private final Map<String, CompletableFuture<EntryPage>> ahead = new ConcurrentHashMap<>();
    private final ExecutorService readAhead;

    /** @param readAhead the Camel-managed pool that reads the next page while the current one is written */
    public EntryPageReader(CheckpointStore checkpoints, ExecutorService readAhead) {
        this.checkpoints = checkpoints;
        this.readAhead = readAhead;
    }

    /** The checkpoint a model's pass starts from. */
    public SyncCheckpoint start(SyncRun run, String model) {
        SyncCheckpoint resumed = run.resumeFrom(model);
        if (resumed != null && !run.planOnly()) {
            log.info("Resuming model={} runId={} pages={} cursor={} done={}", model, run.runId(), resumed.pages(),
                    resumed.cursor(), resumed.done());
            return resumed;
        }
        boolean incremental = !run.full() && !run.planOnly() && run.model(model).model().watermark();
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

    private EntryPage fetch(SyncRun run, SyncCheckpoint cp) {
        SourcePage page = run.source().readPage(run.model(cp.model()), run.plan().locales(),
                new PageRequest(cp.cursor(), cp.watermark(), run.settings().pageSize(), ContentState.DRAFT));
        page.warnings().forEach(run::warn);
        log.debug("Read page model={} count={} after={}", cp.model(), page.entries().size(), cp.cursor());
        return new EntryPage(cp.model(), page.entries(), page.endCursor(), page.hasNext(), page.total(), page.latestUpdatedAt(), 1,
                page.sourcePublished(), page.recentlyPublished());
    }
}
