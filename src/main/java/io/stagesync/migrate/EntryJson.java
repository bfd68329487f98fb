package io.stagesync.migrate;

import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.SourceEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry as the JSON a migration step sees: {@code id}, {@code createdAt}, {@code updatedAt}, every field at the top
 * level (a link field as the linked id, or a list of ids), and {@code localizations} with the other locales' values.
 * Back from a step, the fields of the model are taken from it; id and timestamps always stay the stage's.
 */
public final class EntryJson {

    private static final String LOCALIZATIONS = "localizations";

    private EntryJson() {
    }

    public static Map<String, Object> toJson(ModelPlan plan, SourceEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("createdAt", e.createdAt());
        json.put("updatedAt", e.updatedAt());
        e.values().forEach(json::put);
        for (FieldSchema f : plan.links()) {
            List<String> ids = e.links().getOrDefault(f.name(), List.of());
            json.put(f.name(), f.list() ? new ArrayList<>(ids) : ids.isEmpty() ? null : ids.get(0));
        }
        Map<String, Object> locs = new LinkedHashMap<>();
        e.localizations().forEach((locale, values) -> {
            Map<String, Object> v = new LinkedHashMap<>(values);
            v.remove("createdAt");
            v.remove("updatedAt");
            locs.put(locale, v);
        });
        json.put(LOCALIZATIONS, locs);
        return json;
    }

    /** The entry with the fields the step returned (unknown keys are ignored; a field left out keeps its value). */
    @SuppressWarnings("unchecked")
    public static SourceEntry fromJson(ModelPlan plan, SourceEntry original, Map<String, Object> json) {
        Map<String, Object> values = new LinkedHashMap<>(original.values());
        for (FieldSchema f : plan.values()) {
            if (json.containsKey(f.name())) {
                values.put(f.name(), json.get(f.name()));
            }
        }
        Map<String, List<String>> links = new LinkedHashMap<>(original.links());
        for (FieldSchema f : plan.links()) {
            if (json.containsKey(f.name())) {
                Object v = json.get(f.name());
                links.put(f.name(), v == null ? List.of() : v instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                        : List.of(String.valueOf(v)));
            }
        }
        Map<String, Map<String, Object>> locs = new LinkedHashMap<>();
        Object given = json.get(LOCALIZATIONS);
        if (given instanceof Map<?, ?> map) {
            map.forEach((locale, data) -> {
                Map<String, Object> v = new LinkedHashMap<>(original.localizations().getOrDefault(String.valueOf(locale), Map.of()));
                if (data instanceof Map<?, ?> d) {
                    d.forEach((k, val) -> v.put(String.valueOf(k), val));
                }
                locs.put(String.valueOf(locale), v);
            });
        } else {
            locs.putAll(original.localizations());
        }
        return new SourceEntry(original.id(), original.createdAt(), original.updatedAt(), values, locs, links,
                original.publishedAt(), original.published());
    }

    /** The same entry with another published version. */
    public static SourceEntry withPublished(SourceEntry e, SourceEntry published) {
        return new SourceEntry(e.id(), e.createdAt(), e.updatedAt(), e.values(), e.localizations(), e.links(), e.publishedAt(), published);
    }
}
