package io.stagesync.sync;

import io.stagesync.dialect.ModelPlan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.CheckpointStore;
import io.stagesync.state.EntryStateRepository;
import io.stagesync.state.EntryStateRepository.EntryState;
import io.stagesync.state.SyncCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finishes a page once all its writes are done: counts, per-entry state (links left for the relations phase,
 * publish state wanted, drafts to write on top of a published version), then the checkpoint, and at the model's last page its watermark.
 */
public final class PageCommitter {

    private static final Logger log = LoggerFactory.getLogger(PageCommitter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CheckpointStore checkpoints;
    private final EntryStateRepository states;
    private final IdMapRepository idMap;
    private final PublishStateReconciler publishStates;

    public PageCommitter(CheckpointStore checkpoints, EntryStateRepository states, IdMapRepository idMap,
                         PublishStateReconciler publishStates) {
        this.checkpoints = checkpoints;
        this.states = states;
        this.idMap = idMap;
        this.publishStates = publishStates;
    }

    public SyncCheckpoint commit(SyncRun run, SyncCheckpoint cp, EntryPage page, List<EntryWork> works, List<?> results) {
        ModelPlan plan = run.model(page.model());
        ModelCounters c = run.counters(plan.name());
        Set<String> ok = new HashSet<>();
        long failed = 0;
        for (Object o : results == null ? List.of() : results) {
            if (o instanceof BatchResult r) {
                ok.addAll(r.written().keySet());
                c.created.addAndGet(r.created());
                c.updated.addAndGet(r.updated());
                failed += r.failures().size();
            }
        }
        List<EntryState> changed = new ArrayList<>();
        Map<String, EntryState> existing = states.load(run.sourceStage(), run.targetStage(), plan.name(),
                works.stream().map(EntryWork::sourceId).toList());
        for (EntryWork w : works) {
            if (w.action() == EntryWork.Action.SKIP) {
                c.unchanged.incrementAndGet();
            } else if (run.planOnly()) {
                (w.action() == EntryWork.Action.CREATE ? c.created : c.updated).incrementAndGet();
                continue;
            }
            if (run.planOnly() || (w.action() != EntryWork.Action.SKIP && !ok.contains(w.sourceId()))) {
                continue;
            }
            EntryState old = existing.get(w.sourceId());
            String pending = w.action() == EntryWork.Action.SKIP ? (old == null ? null : old.pendingLinks()) : pendingJson(w);
            // a (re)created target entry is not published yet, whatever was applied to the one it replaces
            String applied = old == null || w.action() == EntryWork.Action.CREATE ? null : old.publishApplied();
            EntryState now = new EntryState(plan.name(), w.sourceId(), pending, w.entry().publishedAt(), applied);
            if (old == null ? (pending != null || now.publishWanted() != null) : !old.equals(now)) {
                changed.add(now);
            }
        }
        boolean last = !page.hasNext() || page.entries().isEmpty();
        SyncCheckpoint next = cp.next(page.endCursor(), page.windowEnd(), page.sourcePages(), failed, last);
        if (!run.planOnly()) {
            states.saveAll(run.sourceStage(), run.targetStage(), changed);
            // written in their published version: their drafts are written on top by the drafts phase, or by a rerun
            List<String> drafts = works.stream().map(EntryWork::sourceId)
                    .filter(id -> ok.contains(id) && run.draftsOnTop(plan.name()).containsKey(id)).toList();
            states.markDrafts(run.sourceStage(), run.targetStage(), plan.name(), drafts);
            if (last && cp.watermark() != null) {
                publishStates.reconcileIfNeeded(run, plan.name(), page);
            }
            checkpoints.save(run.runId(), next);
            if (last && next.failed() == 0 && next.windowEnd() != null && run.fatal() == null) {
                checkpoints.saveWatermark(run.sourceStage(), run.targetStage(), plan.name(), next.windowEnd());
            }
        } else if (last) {
            Set<String> gone = new HashSet<>(idMap.findModel(run.sourceStage(), run.targetStage(), plan.name()).keySet());
            gone.removeAll(run.seenIds(plan.name()));
            c.planDelete.set(gone.size());
        }
        log.info("Page done model={} page={} read={} written={} failed={} cursor={}", plan.name(), next.pages(),
                page.entries().size(), ok.size(), failed, next.cursor());
        run.progress().progress("entries:" + plan.name(), c.read.get(), page.total());
        if (last) {
            run.progress().phaseFinished("entries:" + plan.name());
        }
        return next;
    }

    /** The links of a written entry that still wait for their target, as JSON (source ids by field), or null. */
    static String pendingJson(EntryWork w) {
        if (w.pendingLinks().isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(w.pendingLinks());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
