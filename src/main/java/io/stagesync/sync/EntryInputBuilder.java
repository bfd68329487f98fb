package io.stagesync.sync;

import io.stagesync.sync.schema.FieldSchema;
import io.stagesync.sync.schema.ModelPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the mutation input of one entry: values, localizations, and links through the id map (a link whose
 * target is not mapped yet is left for the relations phase). Create keeps the source's timestamps.
 */
public final class EntryInputBuilder {

    public EntryWrite create(SyncRun run, EntryWork work) {
        return build(run, work, true);
    }

    public EntryWrite update(SyncRun run, EntryWork work) {
        return build(run, work, false);
    }

    private EntryWrite build(SyncRun run, EntryWork work, boolean create) {
        ModelPlan plan = run.model(work.model());
        SourceEntry e = work.entry();
        Map<String, Object> data = new LinkedHashMap<>();
        if (create) {
            data.put("createdAt", e.createdAt());
            data.put("updatedAt", e.updatedAt());
        }
        for (FieldSchema f : plan.values()) {
            Object v = e.values().get(f.name());
            if (f.name().equals(plan.sourceIdField())) {
                v = EntryMatcher.storedSourceId(plan, e);
            }
            if (v != null || !create) {
                data.put(f.name(), v);
            }
        }
        Map<String, List<String>> pending = new LinkedHashMap<>();
        for (FieldSchema f : plan.links()) {
            List<String> ids = e.links().getOrDefault(f.name(), List.of());
            List<String> targets = new ArrayList<>();
            for (String id : ids) {
                if (work.linkIds().containsKey(id)) {
                    targets.add(work.linkIds().get(id));
                }
            }
            if (targets.size() < ids.size()) {
                pending.put(f.name(), ids);
                if (f.list() && !targets.isEmpty()) {
                    // the mapped part now, in source order; the full list once every target exists
                    data.put(f.name(), linkInput(f, targets, create));
                }
            } else if (!(create && ids.isEmpty())) {
                data.put(f.name(), linkInput(f, targets, create));
            }
        }
        Map<String, Object> localizations = localizations(plan, e, create);
        if (localizations != null) {
            data.put("localizations", localizations);
        }
        return new EntryWrite(create ? EntryWork.Action.CREATE : EntryWork.Action.UPDATE, plan.name(), e.id(),
                work.targetId(), work.hash(), data, pending, work);
    }

    /** The relation input: bare selectors with connect on create; set (ordered) or connect/disconnect on update. */
    public static Object linkInput(FieldSchema f, List<String> targetIds, boolean create) {
        List<Map<String, Object>> selectors = targetIds.stream().map(id -> Map.<String, Object>of("id", id)).toList();
        if (f.list()) {
            return create ? Map.of("connect", selectors) : Map.of("set", selectors);
        }
        return selectors.isEmpty() ? Map.of("disconnect", true) : Map.of("connect", selectors.get(0));
    }

    private static Map<String, Object> localizations(ModelPlan plan, SourceEntry e, boolean create) {
        List<String> fields = plan.values().stream().filter(FieldSchema::localized).map(FieldSchema::name).toList();
        if (fields.isEmpty() || e.localizations().isEmpty()) {
            return null;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        e.localizations().forEach((locale, values) -> {
            Map<String, Object> fieldData = new LinkedHashMap<>();
            fields.forEach(f -> fieldData.put(f, values.get(f)));
            if (create) {
                Map<String, Object> withTimes = new LinkedHashMap<>(fieldData);
                withTimes.put("createdAt", values.get("createdAt"));
                withTimes.put("updatedAt", values.get("updatedAt"));
                items.add(Map.of("locale", locale, "data", withTimes));
            } else {
                items.add(Map.of("locale", locale, "create", fieldData, "update", fieldData));
            }
        });
        return Map.of(create ? "create" : "upsert", items);
    }
}
