package io.stagesync.migrate;

import io.stagesync.dialect.ContentState;
import io.stagesync.dialect.PageRequest;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.SourcePage;
import io.stagesync.state.MigrationRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Reads a migrate run's entries through the stage's dialect, a page at a time after the run's cursor (or the one entry
 * of {@code --id}), and saves the cursor once a page is done, so a killed run resumes at the page it stopped in. The
 * next page is read ahead while the current one is migrated: the pages are in cursor order, and writing the entries of
 * one page does not change which entries the next one holds.
 */
public final class MigratePager {

    private static final Logger log = LoggerFactory.getLogger(MigratePager.class);

    private final MigrationRecords records;
    private final ExecutorService readAhead;

    /** @param readAhead the Camel-managed pool that reads the next page while the current one is migrated */
    public MigratePager(MigrationRecords records, ExecutorService readAhead) {
        this.records = records;
        this.readAhead = readAhead;
    }

    public List<SourceEntry> read(MigrateRun run) {
        if (run.request().entryId() != null) {
            List<SourceEntry> one = run.dialect().readByIds(run.plan(), run.locales(), List.of(run.request().entryId()));
            run.pageRead(null, false, one.size());
            if (one.isEmpty()) {
                run.fail(run.request().entryId(), "no " + run.model() + " entry with this id in stage " + run.stage());
            }
            return one;
        }
        CompletableFuture<SourcePage> ahead = run.takeAhead(run.cursor());
        SourcePage page;
        try {
            page = ahead != null ? ahead.join() : fetch(run, run.cursor());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        boolean more = page.hasNext() && !page.entries().isEmpty();
        run.pageRead(page.endCursor(), more, page.total());
        if (more && run.running()) {
            String next = page.endCursor();
            run.readAhead(next, CompletableFuture.supplyAsync(() -> fetch(run, next), readAhead));
        }
        log.debug("Read page model={} count={} after={}", run.model(), page.entries().size(), run.cursor());
        return page.entries();
    }

    private static SourcePage fetch(MigrateRun run, String cursor) {
        return run.dialect().readPage(run.plan(), run.locales(), new PageRequest(cursor, null, run.pageSize(), ContentState.DRAFT));
    }

    /** The page's entries are all written and recorded: the run continues after it. */
    public void commit(MigrateRun run) {
        String cursor = run.pageDone();
        if (!run.dryRun() && run.request().entryId() == null) {
            records.saveCursor(run.runId(), cursor);
        }
        run.progress().progress("migrate:" + run.model(), run.done(), run.total());
        log.info("Migrated page model={} stage={} updated={} notModified={} failed={} runId={}", run.model(), run.stage(),
                run.updated.size(), run.notModified.size(), run.failed.size(), run.runId());
    }
}
