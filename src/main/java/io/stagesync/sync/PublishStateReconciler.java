package io.stagesync.sync;

import io.stagesync.dialect.ContentState;
import io.stagesync.dialect.PageRequest;
import io.stagesync.dialect.SourcePage;

import io.stagesync.dialect.ModelPlan;

import io.stagesync.state.IdMapRepository;
import io.stagesync.state.EntryStateRepository;
import io.stagesync.state.EntryStateRepository.EntryState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Catches publish-only changes in an incremental run (publishing does not move {@code updatedAt}): when the source's
 * published count or its recent publishes disagree with the state store, it lists the source's published ids and
 * updates the wanted publish state of every synced entry, which the publish phase then applies.
 */
public final class PublishStateReconciler {

    private static final Logger log = LoggerFactory.getLogger(PublishStateReconciler.class);

    private final EntryStateRepository states;
    private final IdMapRepository idMap;
    public PublishStateReconciler(EntryStateRepository states, IdMapRepository idMap) {
        this.states = states;
        this.idMap = idMap;
    }

    /** Reconciles when the page's counts show a publish-only change; returns the entries whose wanted state changed. */
    public int reconcileIfNeeded(SyncRun run, String model, EntryPage lastPage) {
        long wanted = states.countPublishWanted(run.sourceStage(), run.targetStage(), model);
        if (lastPage.recentlyPublished() <= 0 && (lastPage.sourcePublished() < 0 || lastPage.sourcePublished() == wanted)) {
            return 0;
        }
        return reconcile(run, run.model(model));
    }

    private int reconcile(SyncRun run, ModelPlan plan) {
        Map<String, String> published = new HashMap<>();
        String after = null;
        do {
            SourcePage page = run.source().readPage(plan, run.plan().locales(),
                    new PageRequest(after, null, run.source().maxIdsPerCall(), ContentState.PUBLISHED));
            page.entries().forEach(e -> published.put(e.id(), e.publishedAt()));
            after = page.hasNext() ? page.endCursor() : null;
        } while (after != null);
        Map<String, EntryState> known = new HashMap<>();
        states.all(run.sourceStage(), run.targetStage(), plan.name()).forEach(s -> known.put(s.sourceId(), s));
        Map<String, IdMapRepository.Mapping> synced = idMap.findModel(run.sourceStage(), run.targetStage(), plan.name());
        List<EntryState> changed = new ArrayList<>();
        for (String id : synced.keySet()) {
            EntryState old = known.get(id);
            String want = published.get(id);
            if (!Objects.equals(old == null ? null : old.publishWanted(), want)) {
                changed.add(new EntryState(plan.name(), id, old == null ? null : old.pendingLinks(), want,
                        old == null ? null : old.publishApplied()));
            }
        }
        states.saveAll(run.sourceStage(), run.targetStage(), changed);
        log.info("Publish state reconciled model={} sourcePublished={} changed={}", plan.name(), published.size(), changed.size());
        return changed.size();
    }
}
