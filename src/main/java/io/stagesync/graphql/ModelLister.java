package io.stagesync.graphql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists the models of a stage from its introspection result ({@code graphql/list-models.graphql}):
 * every object type implementing {@code Node} that has a {@code <plural>Connection} query.
 */
public final class ModelLister {

    /** System models that are listed and flagged. */
    private static final Set<String> SYSTEM_MODELS = Set.of("Asset");
    /** Hygraph system types that are not content and are never synced. */
    private static final Set<String> IGNORED = Set.of("User", "ScheduledOperation", "ScheduledRelease");

    private static final String QUERY = loadQuery();

    /** The introspection document whose result {@link #list} reads. */
    public String query() {
        return QUERY;
    }

    /** The models, sorted by apiId. */
    public List<ModelRef> list(Map<String, Object> data) {
        Map<?, ?> schema = map(data.get("__schema"), "__schema");
        Set<String> nodeTypes = new HashSet<>();
        for (Object t : list(schema.get("types"), "__schema.types")) {
            Map<?, ?> type = map(t, "__schema.types[]");
            if ("OBJECT".equals(type.get("kind")) && implementsNode(type)) {
                nodeTypes.add((String) type.get("name"));
            }
        }
        Map<?, ?> queryType = map(schema.get("queryType"), "__schema.queryType");
        List<ModelRef> models = new ArrayList<>();
        for (Object f : list(queryType.get("fields"), "__schema.queryType.fields")) {
            Map<?, ?> field = map(f, "__schema.queryType.fields[]");
            String name = (String) field.get("name");
            String typeName = namedType(field.get("type"));
            if (name == null || typeName == null || !name.endsWith("Connection") || !typeName.endsWith("Connection")) {
                continue;
            }
            String model = typeName.substring(0, typeName.length() - "Connection".length());
            if (nodeTypes.contains(model) && !IGNORED.contains(model)) {
                String plural = name.substring(0, name.length() - "Connection".length());
                models.add(new ModelRef(model, Character.toUpperCase(plural.charAt(0)) + plural.substring(1), name,
                        SYSTEM_MODELS.contains(model)));
            }
        }
        models.sort(Comparator.comparing(ModelRef::apiId));
        return models;
    }

    private static String loadQuery() {
        try (var in = ModelLister.class.getResourceAsStream("/graphql/list-models.graphql")) {
            if (in == null) {
                throw new IllegalStateException("classpath resource graphql/list-models.graphql is missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean implementsNode(Map<?, ?> type) {
        if (type.get("interfaces") instanceof List<?> interfaces) {
            for (Object i : interfaces) {
                if (i instanceof Map<?, ?> m && "Node".equals(m.get("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The name under any NON_NULL/LIST wrappers. */
    private static String namedType(Object type) {
        Object current = type;
        while (current instanceof Map<?, ?> t) {
            if (t.get("name") != null) {
                return (String) t.get("name");
            }
            current = t.get("ofType");
        }
        return null;
    }

    private static Map<?, ?> map(Object value, String where) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException("Introspection result has no object at " + where);
    }

    private static List<?> list(Object value, String where) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("Introspection result has no list at " + where);
    }
}
