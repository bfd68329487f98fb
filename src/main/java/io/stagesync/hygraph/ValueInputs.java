package io.stagesync.hygraph;

import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.Reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hygraph's inputs for neutral values (hygraph-api 4.2, 4.3): rich text with its references as ids, unions keyed
 * by member model, components rebuilt by value (create inputs, in order, localized fields through their
 * {@code localizations}). On update a component list is replaced: the target's components are deleted by id and
 * the source's created in order; a single component is replaced by a create.
 */
final class ValueInputs {
    private final Map<String, List<FieldSchema>> components;
    private final String defaultLocale;
    private final List<String> locales;

    ValueInputs(Map<String, List<FieldSchema>> components, List<String> locales) {
        this.components = components;
        this.locales = locales.isEmpty() ? List.of("en") : List.copyOf(locales);
        this.defaultLocale = this.locales.get(0);
    }

    /** The stage's locales, default first. */
    List<String> locales() {
        return locales;
    }

    /**
     * The input of one field's value; {@code existing} holds the target's component ids of the field
     * ({@code [__typename, id]} pairs) on update, null on create.
     */
    Object input(FieldSchema f, Object value, boolean create, List<Map<String, Object>> existing) {
        return switch (f.kind()) {
            case RICHTEXT -> value instanceof List<?> l ? l.stream().map(ValueInputs::richText).toList() : richText(value);
            case UNION -> union(f, value, create);
            case COMPONENT -> component(f, value, create, existing);
            case RELATION, ASSET -> link(f, value);
            default -> value;
        };
    }

    /** Leaves a create input out when it holds nothing (null, empty list). */
    static boolean empty(Object value) {
        return value == null || value instanceof List<?> l && l.isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Object richText(Object ast) {
        if (ast instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> {
                if (v instanceof Reference r) {
                    out.put(k, r.id());
                } else if (!(k.equals("nodeId") && v == null)) {
                    out.put(k, richText(v));
                }
            });
            return out;
        }
        if (ast instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object item : l) {
                // an embed or link whose target is not mapped yet is left out until it is
                if (!(item instanceof Map<?, ?> node && node.containsKey("nodeType") && node.get("nodeId") == null)) {
                    out.add(richText(item));
                }
            }
            return out;
        }
        return ast;
    }

    private static Object union(FieldSchema f, Object value, boolean create) {
        if (f.list()) {
            List<Map<String, Object>> members = refs(value).stream()
                    .map(r -> Map.<String, Object>of(r.model(), Map.of("id", r.id()))).toList();
            return create ? Map.of("connect", members) : Map.of("set", members);
        }
        if (value instanceof Reference r) {
            return Map.of("connect", Map.of(r.model(), Map.of("id", r.id())));
        }
        return create ? null : Map.of("disconnect", true);
    }

    /** A relation or asset inside a component (always part of a create input: bare selectors). */
    private static Object link(FieldSchema f, Object value) {
        if (f.list()) {
            return Map.of("connect", refs(value).stream().map(r -> Map.<String, Object>of("id", r.id())).toList());
        }
        return value instanceof Reference r ? Map.of("connect", Map.of("id", r.id())) : null;
    }

    private static List<Reference> refs(Object value) {
        List<Reference> refs = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.stream().filter(Reference.class::isInstance).map(Reference.class::cast).forEach(refs::add);
        }
        return refs;
    }

    @SuppressWarnings("unchecked")
    private Object component(FieldSchema f, Object value, boolean create, List<Map<String, Object>> existing) {
        boolean modular = f.members().size() > 1;
        if (!f.list()) {
            if (value == null) {
                return create ? null : Map.of("delete", true);
            }
            Map<String, Object> c = (Map<String, Object>) value;
            return Map.of("create", member(modular, c, create(c)));
        }
        List<Object> items = new ArrayList<>();
        for (Object v : value instanceof List<?> l ? l : List.of()) {
            Map<String, Object> c = (Map<String, Object>) v;
            Map<String, Object> data = create(c);
            items.add(member(modular, c, create ? data : Map.of("data", data)));
        }
        if (create) {
            return Map.of("create", items);
        }
        List<Object> deletes = new ArrayList<>();
        for (Map<String, Object> old : existing == null ? List.<Map<String, Object>>of() : existing) {
            Map<String, Object> where = Map.of("id", old.get("id"));
            deletes.add(modular ? Map.of((String) old.get(ValueNormalizer.TYPENAME), where) : where);
        }
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("delete", deletes);
        in.put("create", items);
        return in;
    }

    private static Object member(boolean modular, Map<String, Object> c, Object data) {
        return modular ? Map.of((String) c.get(ValueNormalizer.TYPENAME), data) : data;
    }

    /** The create input of one component, nested components and localizations included. */
    @SuppressWarnings("unchecked")
    Map<String, Object> create(Map<String, Object> c) {
        String type = (String) c.get(ValueNormalizer.TYPENAME);
        List<FieldSchema> fields = components.getOrDefault(type, List.of());
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Map<String, Object>> locs = c.get(ValueNormalizer.LOCALIZATIONS) instanceof Map<?, ?> m
                ? (Map<String, Map<String, Object>>) m : Map.of();
        for (FieldSchema f : fields) {
            Object v = f.localized() ? locs.getOrDefault(defaultLocale, Map.of()).get(f.name()) : c.get(f.name());
            Object in = input(f, v, true, null);
            if (!empty(in) && !(in instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("connect") && empty(map.get("connect")))) {
                data.put(f.name(), in);
            }
        }
        List<Map<String, Object>> others = new ArrayList<>();
        locs.forEach((locale, values) -> {
            if (!locale.equals(defaultLocale)) {
                Map<String, Object> d = new LinkedHashMap<>();
                fields.stream().filter(FieldSchema::localized).forEach(f -> {
                    Object in = input(f, values.get(f.name()), true, null);
                    if (in != null) {
                        d.put(f.name(), in);
                    }
                });
                others.add(Map.of("locale", locale, "data", d));
            }
        });
        if (!others.isEmpty()) {
            data.put("localizations", Map.of("create", others));
        }
        return data;
    }
}
