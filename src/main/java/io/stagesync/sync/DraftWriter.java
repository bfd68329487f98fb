package io.stagesync.sync;

import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.state.EntryStateRepository;
import io.stagesync.state.IdMapRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drafts phase for one model: after the publish phase has published the published version of entries whose draft
 * differs from it, writes their drafts on top (an update, not published), so the target holds both versions as the
 * source does. The entries to do are marked in the state store when their published version is written, so a run
 * killed before this phase leaves them to the next run, which reads them again from the source by id. An entry whose
 * published version was not written (its id map row does not hold that version's hash) stays marked for the next run.
 */
public final class DraftWriter {

    private static final Logger log = LoggerFactory.getLogger(DraftWriter.class);

    private final IdMapRepository idMap;
    private final EntryStateRepository states;
    private final EntryMatcher matcher;
    private final EntryWriteBuilder builder;
    private final EntryHasher hasher = new EntryHasher();

    public DraftWriter(IdMapRepository idMap, EntryStateRepository states, EntryMatcher matcher, EntryWriteBuilder builder) {
        this.idMap = idMap;
        this.states = states;
        this.matcher = matcher;
        this.builder = builder;
    }

    /** The draft updates of the model's entries marked in the state store (this run's and those an earlier run left). */
    public List<EntryWrite> writes(SyncRun run, String model) {
        List<EntryWrite> writes = new ArrayList<>();
        List<String> pending = run.planOnly() || !run.running() ? List.of()
                : states.pendingDrafts(run.sourceStage(), run.targetStage(), model);
        ModelCounters c = run.counters(model);
        c.draftsTotal.set(pending.size());
        run.progress().phaseStarted("drafts:" + model, pending.size());
        if (pending.isEmpty()) {
            return writes;
        }
        ModelPlan plan = run.model(model);
        Map<String, SourceEntry> entries = entries(run, plan, pending);
        Map<String, IdMapRepository.Mapping> mapped = idMap.findAll(run.sourceStage(), run.targetStage(), model, pending);
        Map<String, String> links = matcher.resolveLinks(run, plan, List.copyOf(entries.values()));
        List<String> done = new ArrayList<>();
        for (String id : pending) {
            SourceEntry e = entries.get(id);
            IdMapRepository.Mapping m = mapped.get(id);
            if (e == null || !hasher.draftDiffers(e) || m != null && hasher.hash(e).equals(m.contentHash())) {
                // gone from the source, its draft published meanwhile, or its draft already written
                done.add(id);
                continue;
            }
            if (m == null || !hasher.contentHash(e.published()).equals(m.contentHash())) {
                continue;
            }
            Map<String, String> entryLinks = new java.util.HashMap<>();
            EntryMatcher.referencedIds(plan, e).stream().filter(links::containsKey).forEach(t -> entryLinks.put(t, links.get(t)));
            EntryWork draft = new EntryWork(model, EntryWork.Action.UPDATE, e, m.targetId(), hasher.hash(e), entryLinks,
                    EntryMatcher.pendingLinks(plan, e, entryLinks));
            writes.add(builder.draft(run, draft));
        }
        states.clearDrafts(run.sourceStage(), run.targetStage(), model, done);
        c.draftsDone.addAndGet(done.size());
        return writes;
    }

    /** The entries to write: this run's from memory, the others read again from the source by id. */
    private Map<String, SourceEntry> entries(SyncRun run, ModelPlan plan, List<String> ids) {
        Map<String, EntryWork> inMemory = run.draftsOnTop(plan.name());
        Map<String, SourceEntry> entries = new LinkedHashMap<>();
        List<String> toRead = new ArrayList<>();
        for (String id : ids) {
            EntryWork w = inMemory.get(id);
            if (w != null) {
                entries.put(id, w.entry());
            } else {
                toRead.add(id);
            }
        }
        run.readSource(plan, toRead).forEach(e -> entries.put(e.id(), e));
        if (!toRead.isEmpty()) {
            log.info("Drafts left by an earlier run model={} count={}", plan.name(), toRead.size());
        }
        return entries;
    }

    /** Counts the drafts written (the batch results of {@code direct:sync-entries-write}) and clears their marks. */
    public void finish(SyncRun run, String model, List<?> results) {
        Set<String> written = new HashSet<>();
        for (Object o : results == null ? List.of() : results) {
            if (o instanceof BatchResult r) {
                written.addAll(r.written().keySet());
            }
        }
        ModelCounters c = run.counters(model);
        if (!run.planOnly()) {
            states.clearDrafts(run.sourceStage(), run.targetStage(), model, written);
        }
        c.drafts.addAndGet(written.size());
        run.progress().progress("drafts:" + model, c.draftsDone.addAndGet(written.size()), c.draftsTotal.get());
        run.progress().phaseFinished("drafts:" + model);
        if (!written.isEmpty()) {
            log.info("Drafts on top model={} written={}", model, written.size());
        }
    }
}
