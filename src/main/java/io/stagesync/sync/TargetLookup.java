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

    /** The target ids found, by source id (at most the dialect's ids per call). */
    public Map<String, String> find(SyncRun run, ModelPlan plan, List<LookupKey> keys) {
        Map<String, String> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        TargetMatches matches = run.target().lookup(plan, run.plan().locales(), keys);
        for (LookupKey k : keys) {
            String target = matches.targetOf(k);
            if (target != null) {
                found.put(k.sourceId(), target);
            }
        }
        return found;
    }
}
