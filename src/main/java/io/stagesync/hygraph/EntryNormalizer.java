package io.stagesync.hygraph;

import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.FieldSchema;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a node of the source's read answer into a {@link SourceEntry}: default-locale values, other locales'
 * localized values, link ids in order, the published timestamp and, when the node selects it, the published version.
 */
public final class EntryNormalizer {

    public SourceEntry normalize(ModelPlan plan, String defaultLocale, Map<String, Object> node) {
        return normalize(plan, defaultLocale, node, Map.of(), new ArrayList<>());
    }

    /** Normalises with the stage's components; content that cannot be read completely is named in {@code warnings}. */
    @SuppressWarnings("unchecked")
    public SourceEntry normalize(ModelPlan plan, String defaultLocale, Map<String, Object> node,
                                 Map<String, List<FieldSchema>> components, List<String> warnings) {
        ValueNormalizer normal = new ValueNormalizer(components, warnings, plan.name() + " " + node.get("id"));
        Map<String, Map<String, Object>> byLocale = new LinkedHashMap<>();
        Object locs = node.get("localizations");
        if (locs instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> loc = (Map<String, Object>) o;
                byLocale.put((String) loc.get("locale"), loc);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, List<String>> links = new LinkedHashMap<>();
        for (FieldSchema f : plan.written()) {
            Object v = node.get(f.name());
            if (f.isLink()) {
                links.put(f.name(), ids(v));
            } else if (f.localized() && byLocale.containsKey(defaultLocale)) {
                values.put(f.name(), normal.value(f, byLocale.get(defaultLocale).get(f.name()), 0));
            } else {
                values.put(f.name(), normal.value(f, v, 0));
            }
        }
        Map<String, Map<String, Object>> localizations = new LinkedHashMap<>();
        byLocale.forEach((locale, loc) -> {
            if (!locale.equals(defaultLocale)) {
                Map<String, Object> data = new LinkedHashMap<>();
                plan.written().stream().filter(FieldSchema::localized).forEach(f -> data.put(f.name(), normal.value(f, loc.get(f.name()), 0)));
                data.put("createdAt", loc.get("createdAt"));
                data.put("updatedAt", loc.get("updatedAt"));
                localizations.put(locale, data);
            }
        });
        String publishedAt = publishedAt(node.get("documentInStages"));
        SourceEntry published = null;
        if (node.get("documentInStages") instanceof List<?> stages && !stages.isEmpty()
                && ((Map<String, Object>) stages.get(0)).containsKey("id")) {
            SourceEntry p = normalize(plan, defaultLocale, (Map<String, Object>) stages.get(0), components, warnings);
            published = new SourceEntry(p.id(), p.createdAt(), p.updatedAt(), p.values(), p.localizations(), p.links(), publishedAt);
        }
        return new SourceEntry((String) node.get("id"), (String) node.get("createdAt"), (String) node.get("updatedAt"),
                values, localizations, links, publishedAt, published);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Object v) {
        List<String> ids = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(o -> ids.add((String) ((Map<String, Object>) o).get("id")));
        } else if (v instanceof Map<?, ?> m) {
            ids.add((String) m.get("id"));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static String publishedAt(Object stages) {
        if (stages instanceof List<?> list && !list.isEmpty()) {
            Object at = ((Map<String, Object>) list.get(0)).get("publishedAt");
            return at == null ? "published" : at.toString();
        }
        return null;
    }
}
