package io.stagesync.sync;

import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.state.IdMapRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The drafts phase for one model: after the publish phase has published the published version of entries whose draft
 * differs from it, writes their drafts on top (an update, not published), so the target holds both versions as the
 * source does. An entry whose published version was not written (its id map row does not hold that version's hash)
 * is left for the next run, which sees it as changed.
 */
public final class DraftWriter {

    private static final Logger log = LoggerFactory.getLogger(DraftWriter.class);

    private final IdMapRepository idMap;
    private final EntryMatcher matcher;
    private final EntryWriteBuilder builder;
    private final EntryHasher hasher = new EntryHasher();

    public DraftWriter(IdMapRepository idMap, EntryMatcher matcher, EntryWriteBuilder builder) {
        this.idMap = idMap;
        this.matcher = matcher;
        this.builder = builder;
    }

    /** The draft updates of the model's entries written as published first in this run. */
    public List<EntryWrite> writes(SyncRun run, String model) {
        Map<String, EntryWork> drafts = run.draftsOnTop(model);
        List<EntryWrite> writes = new ArrayList<>();
        if (drafts.isEmpty() || run.planOnly() || !run.running()) {
            return writes;
        }
        ModelPlan plan = run.model(model);
        Map<String, IdMapRepository.Mapping> mapped = idMap.findAll(run.sourceStage(), run.targetStage(), model, List.copyOf(drafts.keySet()));
        List<SourceEntry> entries = drafts.values().stream().map(EntryWork::entry).toList();
        Map<String, String> links = matcher.resolveLinks(run, plan, entries);
        for (EntryWork w : drafts.values()) {
            IdMapRepository.Mapping m = mapped.get(w.sourceId());
            if (m == null || !hasher.contentHash(w.entry().published()).equals(m.contentHash())) {
                continue;
            }
            SourceEntry e = w.entry();
            Map<String, String> entryLinks = new java.util.HashMap<>();
            EntryMatcher.referencedIds(plan, e).stream().filter(links::containsKey).forEach(id -> entryLinks.put(id, links.get(id)));
            EntryWork draft = new EntryWork(model, EntryWork.Action.UPDATE, e, m.targetId(), w.hash(), entryLinks,
                    EntryMatcher.pendingLinks(plan, e, entryLinks));
            writes.add(builder.draft(run, draft));
        }
        return writes;
    }

    /** Counts the drafts written (the batch results of {@code direct:sync-entries-write}). */
    public void finish(SyncRun run, String model, List<?> results) {
        long written = 0;
        for (Object o : results == null ? List.of() : results) {
            if (o instanceof BatchResult r) {
                written += r.written().size();
            }
        }
        run.counters(model).drafts.addAndGet(written);
        if (written > 0) {
            log.info("Drafts on top model={} written={}", model, written);
        }
    }
}
