package io.stagesync.sync;

import io.stagesync.dialect.LookupKey;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.TargetMatches;
import io.stagesync.state.IdMapRepository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds target entries for source entries the id map does not know: same id (a cloned environment), then the
 * stored source id ({@code syncSourceId}), then the configured business key. Skipped for a model whose target
 * entries are all in the id map already, which is every model of a first sync into an empty stage.
 */
public final class TargetLookup {

    private final IdMapRepository idMap;

    public TargetLookup(IdMapRepository idMap) {
        this.idMap = idMap;
    }

    /** True when the target may hold entries of the model that the id map does not know. */
    public boolean needed(SyncRun run, ModelPlan plan) {
        return run.lookupNeeded().computeIfAbsent(plan.name(), m -> {
            long count = run.target().count(plan, run.plan().locales());
            long mapped = idMap.findModel(run.sourceStage(), run.targetStage(), m).size();
            return count > mapped;
        });
    }

    /**
     * The target ids found, by source id. The keys are sent in chunks of the dialect's ids per call, because a stage
     * answers at most that many entries per list: a larger look-up would miss the rest, and their creates would
     * collide with the entries already there.
     */
    public Map<String, String> find(SyncRun run, ModelPlan plan, List<LookupKey> keys) {
        Map<String, String> found = new HashMap<>();
        int max = run.target().maxIdsPerCall();
        for (int from = 0; from < keys.size(); from += max) {
            List<LookupKey> chunk = keys.subList(from, Math.min(keys.size(), from + max));
            TargetMatches matches = run.target().lookup(plan, run.plan().locales(), chunk);
            for (LookupKey k : chunk) {
                String target = matches.targetOf(k);
                if (target != null) {
                    found.put(k.sourceId(), target);
                }
            }
        }
        return found;
    }
}
