package io.stagesync.hygraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Look-ups over the {@code __schema.types} list of an introspection answer.
 */
final class IntrospectedTypes {

    /** A field or argument type, unwrapped from NON_NULL and LIST. */
    record TypeRef(String kind, String name, boolean list) {
        @SuppressWarnings("unchecked")
        static TypeRef of(Object type) {
            Map<String, Object> t = (Map<String, Object>) type;
            boolean list = false;
            while (t != null && ("NON_NULL".equals(t.get("kind")) || "LIST".equals(t.get("kind")))) {
                list |= "LIST".equals(t.get("kind"));
                t = (Map<String, Object>) t.get("ofType");
            }
            return t == null ? new TypeRef("UNKNOWN", "?", list) : new TypeRef((String) t.get("kind"), (String) t.get("name"), list);
        }
    }

    private final Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    private final String queryType;
    private final String mutationType;

    @SuppressWarnings("unchecked")
    IntrospectedTypes(Map<String, Object> schema) {
        for (Object t : (List<Object>) schema.get("types")) {
            Map<String, Object> type = (Map<String, Object>) t;
            byName.put((String) type.get("name"), type);
        }
        queryType = name(schema.get("queryType"), "Query");
        mutationType = name(schema.get("mutationType"), "Mutation");
    }

    @SuppressWarnings("unchecked")
    private static String name(Object ref, String fallback) {
        return ref instanceof Map<?, ?> m && m.get("name") != null ? (String) ((Map<String, Object>) m).get("name") : fallback;
    }

    boolean has(String type) {
        return byName.containsKey(type);
    }

    @SuppressWarnings("unchecked")
    boolean isNode(String type) {
        Map<String, Object> t = byName.get(type);
        if (t == null || t.get("interfaces") == null) {
            return false;
        }
        return ((List<Map<String, Object>>) t.get("interfaces")).stream().anyMatch(i -> "Node".equals(i.get("name")));
    }

    /** An object type that is an Entity but not a Node: a component. */
    @SuppressWarnings("unchecked")
    boolean isComponent(String type) {
        Map<String, Object> t = byName.get(type);
        if (t == null || !"OBJECT".equals(t.get("kind")) || t.get("interfaces") == null || isNode(type)) {
            return false;
        }
        return ((List<Map<String, Object>>) t.get("interfaces")).stream().anyMatch(i -> "Entity".equals(i.get("name")));
    }

    /** The members of a union type (empty for other types). */
    @SuppressWarnings("unchecked")
    List<String> possibleTypes(String type) {
        Map<String, Object> t = byName.get(type);
        if (t == null || !"UNION".equals(t.get("kind")) || t.get("possibleTypes") == null) {
            return List.of();
        }
        return ((List<Map<String, Object>>) t.get("possibleTypes")).stream().map(p -> (String) p.get("name")).toList();
    }

    List<String> nodeTypes() {
        return byName.keySet().stream().filter(n -> "OBJECT".equals(byName.get(n).get("kind")) && isNode(n)).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Set<String>> enums() {
        Map<String, Set<String>> enums = new LinkedHashMap<>();
        byName.forEach((name, t) -> {
            if ("ENUM".equals(t.get("kind")) && !name.startsWith("__") && t.get("enumValues") != null) {
                Set<String> values = new LinkedHashSet<>();
                ((List<Map<String, Object>>) t.get("enumValues")).forEach(v -> values.add((String) v.get("name")));
                enums.put(name, values);
            }
        });
        return enums;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> inputFields(String type) {
        Map<String, Object> t = byName.get(type);
        return t == null || t.get("inputFields") == null ? List.of() : (List<Map<String, Object>>) t.get("inputFields");
    }

    List<String> inputFieldNames(String type) {
        List<String> names = new ArrayList<>();
        inputFields(type).forEach(f -> names.add((String) f.get("name")));
        return names;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> fields(String type) {
        Map<String, Object> t = byName.get(type);
        return t == null || t.get("fields") == null ? List.of() : (List<Map<String, Object>>) t.get("fields");
    }

    /** The query field returning {@code <Model>Connection} ({@code hotelsConnection}). */
    String connectionQuery(String model) {
        for (Map<String, Object> f : fields(queryType)) {
            String name = (String) f.get("name");
            if (name.endsWith("Connection") && (model + "Connection").equals(TypeRef.of(f.get("type")).name())) {
                return name;
            }
        }
        return null;
    }

    String mutationReturning(String prefix, String returnType) {
        for (Map<String, Object> f : fields(mutationType)) {
            String name = (String) f.get("name");
            if (name.startsWith(prefix) && name.endsWith("Connection") && returnType.equals(TypeRef.of(f.get("type")).name())) {
                return name;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    boolean mutationHasArg(String mutation, String arg) {
        return fields(mutationType).stream().filter(f -> mutation.equals(f.get("name")))
                .flatMap(f -> ((List<Map<String, Object>>) f.get("args")).stream()).anyMatch(a -> arg.equals(a.get("name")));
    }

    /** The default locale from a list query's {@code locales} default ({@code "[en]"}), or null. */
    @SuppressWarnings("unchecked")
    String defaultLocale() {
        for (Map<String, Object> f : fields(queryType)) {
            for (Map<String, Object> a : (List<Map<String, Object>>) f.getOrDefault("args", List.of())) {
                if ("locales".equals(a.get("name")) && a.get("defaultValue") instanceof String d) {
                    String v = d.replaceAll("[\\[\\]\\s\"]", "");
                    if (!v.isEmpty()) {
                        return v.split(",")[0];
                    }
                }
            }
        }
        return null;
    }
}
