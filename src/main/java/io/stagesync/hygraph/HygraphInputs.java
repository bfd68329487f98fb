package io.stagesync.hygraph;

import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.SourceEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a neutral {@link EntryWrite} into Hygraph's mutation input: values, {@code connect}/{@code set} relation
 * inputs and localization inputs. A create keeps the source's timestamps and leaves out empty values.
 */
public final class HygraphInputs {

    public Map<String, Object> data(ModelPlan plan, EntryWrite w) {
        return data(plan, w, new ValueInputs(Map.of(), List.of()), Map.of());
    }

    /**
     * The input of a write; {@code existing} holds the target's component ids by field ({@code [{__typename, id}]})
     * for an update, so component lists are replaced.
     */
    Map<String, Object> data(ModelPlan plan, EntryWrite w, ValueInputs valueInputs, Map<String, List<Map<String, Object>>> existing) {
        boolean create = w.create();
        SourceEntry e = w.entry();
        Map<String, Object> data = new LinkedHashMap<>();
        if (create && e != null) {
            data.put("createdAt", e.createdAt());
            data.put("updatedAt", e.updatedAt());
        }
        w.values().forEach((field, v) -> {
            FieldSchema f = plan.model().field(field).orElse(null);
            Object in = f == null ? v : valueInputs.input(f, v, create, existing.get(field));
            if (!create || !ValueInputs.empty(in)) {
                data.put(field, in);
            }
        });
        w.links().forEach((field, targets) -> plan.model().field(field)
                .ifPresent(f -> data.put(field, linkInput(f, targets, create))));
        Map<String, Object> localizations = e == null ? null : localizations(plan, e, create, valueInputs);
        if (localizations != null) {
            data.put("localizations", localizations);
        }
        return data;
    }

    /** The relation input: bare selectors with connect on create; set (ordered) or connect/disconnect on update. */
    static Object linkInput(FieldSchema f, List<String> targetIds, boolean create) {
        List<Map<String, Object>> selectors = targetIds.stream().map(id -> Map.<String, Object>of("id", id)).toList();
        if (f.list()) {
            return create ? Map.of("connect", selectors) : Map.of("set", selectors);
        }
        return selectors.isEmpty() ? Map.of("disconnect", true) : Map.of("connect", selectors.get(0));
    }

    private static Map<String, Object> localizations(ModelPlan plan, SourceEntry e, boolean create, ValueInputs valueInputs) {
        List<FieldSchema> fields = plan.values().stream().filter(FieldSchema::localized).toList();
        if (fields.isEmpty() || create && e.localizations().isEmpty()) {
            return null;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        e.localizations().forEach((locale, values) -> {
            Map<String, Object> fieldData = new LinkedHashMap<>();
            fields.forEach(f -> fieldData.put(f.name(), valueInputs.input(f, values.get(f.name()), create, null)));
            if (create) {
                Map<String, Object> withTimes = new LinkedHashMap<>(fieldData);
                withTimes.put("createdAt", values.get("createdAt"));
                withTimes.put("updatedAt", values.get("updatedAt"));
                items.add(Map.of("locale", locale, "data", withTimes));
            } else {
                items.add(Map.of("locale", locale, "create", fieldData, "update", fieldData));
            }
        });
        if (create) {
            return Map.of("create", items);
        }
        // an update mirrors the source's locales: one it lacks is removed (an entry written as its published version
        // must not keep a newer locale of the target's draft, or publishing would publish it)
        List<String> gone = valueInputs.locales().stream().skip(1).filter(l -> !e.localizations().containsKey(l)).toList();
        if (items.isEmpty() && gone.isEmpty()) {
            return null;
        }
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("upsert", items);
        if (!gone.isEmpty()) {
            update.put("delete", gone);
        }
        return update;
    }
}
