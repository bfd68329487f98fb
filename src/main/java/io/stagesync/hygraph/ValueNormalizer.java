package io.stagesync.hygraph;

import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.Reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the read value of a field into its neutral form: union members and links inside components become
 * {@link Reference}s, rich text keeps its AST with each embed's or link's {@code nodeId} as a {@link Reference}, a
 * component becomes {@code {__typename, <fields>..., $localizations: {locale: {<localized fields>}}}} (its own ids
 * left out: components are written by value). Content below the read depth is reported in {@code warnings}.
 */
final class ValueNormalizer {
    static final String TYPENAME = "__typename";
    static final String LOCALIZATIONS = "$localizations";

    private final Map<String, List<FieldSchema>> components;
    private final List<String> warnings;
    private final String where;

    ValueNormalizer(Map<String, List<FieldSchema>> components, List<String> warnings, String where) {
        this.components = components;
        this.warnings = warnings;
        this.where = where;
    }

    Object value(FieldSchema f, Object raw, int depth) {
        return value(f, raw, depth, where + "." + f.name());
    }

    /** {@code path} names the field for warnings ({@code Article <id>.sections.callouts}). */
    private Object value(FieldSchema f, Object raw, int depth, String path) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof List<?> list && f.kind() != FieldSchema.Kind.SCALAR) {
            List<Object> out = new ArrayList<>();
            // lists are whole here: the dialect read on past the nested page, inside components too
            list.forEach(item -> out.add(one(f, item, depth, path)));
            return out;
        }
        return one(f, raw, depth, path);
    }

    @SuppressWarnings("unchecked")
    private Object one(FieldSchema f, Object raw, int depth, String path) {
        if (raw == null) {
            return null;
        }
        return switch (f.kind()) {
            case RICHTEXT -> raw instanceof Map<?, ?> m ? richText(m.get("raw")) : raw;
            case RELATION, ASSET -> new Reference(f.typeName(), (String) ((Map<String, Object>) raw).get("id"));
            case UNION -> new Reference((String) ((Map<String, Object>) raw).get(TYPENAME), (String) ((Map<String, Object>) raw).get("id"));
            case COMPONENT -> component((Map<String, Object>) raw, depth + 1, path);
            default -> raw;
        };
    }

    private Map<String, Object> component(Map<String, Object> raw, int depth, String path) {
        String type = (String) raw.get(TYPENAME);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(TYPENAME, type);
        if (depth > FieldSelections.MAX_DEPTH) {
            warnings.add(path + ": a " + type + " component nested deeper than " + FieldSelections.MAX_DEPTH
                    + " levels is not synced (its content is left out)");
            return out;
        }
        List<FieldSchema> fields = components.getOrDefault(type, List.of());
        for (FieldSchema f : fields) {
            if (!f.localized()) {
                out.put(f.name(), value(f, raw.get(type + FieldSelections.SEPARATOR + f.name()), depth, path + "." + f.name()));
            }
        }
        if (raw.get(type + FieldSelections.SEPARATOR + FieldSelections.LOCALIZATIONS) instanceof List<?> locs) {
            Map<String, Object> byLocale = new LinkedHashMap<>();
            for (Object o : locs) {
                @SuppressWarnings("unchecked")
                Map<String, Object> loc = (Map<String, Object>) o;
                Map<String, Object> data = new LinkedHashMap<>();
                fields.stream().filter(FieldSchema::localized)
                        .forEach(f -> data.put(f.name(), value(f, loc.get(f.name()), depth, path + "." + f.name())));
                byLocale.put((String) loc.get("locale"), data);
            }
            out.put(LOCALIZATIONS, byLocale);
        }
        return out;
    }

    /** The AST with every {@code nodeId} (embeds, links to entries and assets) as a reference. */
    @SuppressWarnings("unchecked")
    static Object richText(Object ast) {
        if (ast instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, richText(v)));
            if (out.get("nodeId") instanceof String id && out.get("nodeType") instanceof String type) {
                out.put("nodeId", new Reference(type, id));
            }
            return out;
        }
        if (ast instanceof List<?> l) {
            return l.stream().map(ValueNormalizer::richText).toList();
        }
        return ast;
    }
}
