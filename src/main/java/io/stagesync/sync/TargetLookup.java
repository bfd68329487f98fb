package io.stagesync.sync;

import io.stagesync.graphql.GraphQLResult;
import io.stagesync.state.IdMapRepository;
import io.stagesync.sync.schema.ModelPlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds target entries for source entries the id map does not know: same id (a cloned environment), then the
 * stored source id ({@code syncSourceId}), then the configured business key. Skipped for a model whose target
 * entries are all in the id map already, which is every model of a first sync into an empty stage.
 */
public final class TargetLookup {

    /** The keys of one source entry to look for. */
    public record Key(String sourceId, String storedSourceId, String matchValue) {
    }

    private final IdMapRepository idMap;
    private final ReadDocumentBuilder documents;

    public TargetLookup(IdMapRepository idMap, ReadDocumentBuilder documents) {
        this.idMap = idMap;
        this.documents = documents;
    }

    /** True when the target may hold entries of the model that the id map does not know. */
    @SuppressWarnings("unchecked")
    public boolean needed(SyncRun run, ModelPlan plan) {
        return run.lookupNeeded().computeIfAbsent(plan.name(), m -> {
            GraphQLResult r = run.target().execute(documents.countQuery(plan, run.plan().locales()), Map.of());
            Object page = r.data().get("page");
            if (r.hasErrors() || !(page instanceof Map)) {
                throw new IllegalStateException("Counting " + m + " in stage " + run.targetStage() + " failed: " + r.errorMessages());
            }
            long count = ((Number) ((Map<String, Object>) ((Map<String, Object>) page).get("aggregate")).get("count")).longValue();
            long mapped = idMap.findModel(run.sourceStage(), run.targetStage(), m).size();
            return count > mapped;
        });
    }

    /** The target ids found, by source id (at most 100 keys per call). */
    @SuppressWarnings("unchecked")
    public Map<String, String> find(SyncRun run, ModelPlan plan, List<Key> keys) {
        Map<String, String> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("ids", keys.stream().map(Key::sourceId).toList());
        if (plan.sourceIdField() != null) {
            vars.put("keys", keys.stream().map(Key::storedSourceId).filter(Objects::nonNull).toList());
        }
        if (plan.matchField() != null) {
            vars.put("matches", keys.stream().map(Key::matchValue).filter(Objects::nonNull).toList());
        }
        GraphQLResult r = run.target().execute(documents.lookupQuery(plan, run.plan().locales()), vars);
        if (r.hasErrors()) {
            throw new IllegalStateException("Looking up " + plan.name() + " in stage " + run.targetStage() + " failed: " + r.errorMessages());
        }
        Map<String, String> byId = index(r.data().get("byId"), "id");
        Map<String, String> byKey = plan.sourceIdField() == null ? Map.of() : index(r.data().get("byKey"), plan.sourceIdField());
        Map<String, String> byMatch = plan.matchField() == null ? Map.of() : index(r.data().get("byMatch"), plan.matchField());
        for (Key k : keys) {
            String target = byId.containsKey(k.sourceId()) ? k.sourceId()
                    : k.storedSourceId() != null && byKey.containsKey(k.storedSourceId()) ? byKey.get(k.storedSourceId())
                    : k.matchValue() != null ? byMatch.get(k.matchValue()) : null;
            if (target != null) {
                found.put(k.sourceId(), target);
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> index(Object list, String keyField) {
        Map<String, String> index = new HashMap<>();
        for (Object o : list instanceof List<?> l ? l : new ArrayList<>()) {
            Map<String, Object> node = (Map<String, Object>) o;
            if (node.get(keyField) != null) {
                index.put(String.valueOf(node.get(keyField)), (String) node.get("id"));
            }
        }
        return index;
    }
}
