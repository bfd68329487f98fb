package io.stagesync.hygraph;

import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.SchemaAdmin;
import io.stagesync.dialect.SchemaEdit;
import io.stagesync.dialect.StageRequestException;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Hygraph's Management API for schema changes: finds the stage's environment by its exact content API endpoint (as
 * the Management SDK does), reads field ids, plural names and remote sources, and submits neutral
 * {@link SchemaEdit}s as one {@code submitBatchChanges} batch, polling {@code migration(id)} up to a timeout.
 * The Management API URL is derived from the content API URL as the SDK derives it: host {@code api} →
 * {@code management}, path {@code /graphql}.
 */
final class HygraphSchemaAdmin implements SchemaAdmin {

    static final String ENVIRONMENTS = "{ viewer { ... on TokenViewer { project { id environments { id name endpoint } } }"
            + " ... on AppTokenViewer { project { id environments { id name endpoint } } } } }";
    static final String CONTENT_MODEL = "query ($p: ID!, $e: String!) { viewer { project(id: $p) { environment(name: $e) {"
            + " contentModel { models { apiId apiIdPlural fields { id apiId } } components { apiId apiIdPlural fields { id apiId } }"
            + " remoteSources { prefix displayName description url type kind introspectionMethod"
            + " oAuth { clientId scopes authorizationUrl authorizationGrantType } }"
            + " stages { apiId displayName colorPaletteId isSystem } } } } } }";
    static final String SUBMIT = "mutation ($data: BatchMigrationInput!) { submitBatchChanges(data: $data) {"
            + " migration { id status errors } } }";
    static final String MIGRATION = "query ($p: ID!, $e: String!, $m: ID!) { viewer { project(id: $p) { environment(name: $e) {"
            + " migration(id: $m) { id status errors } } } } }";
    private static final Map<String, String> SIMPLE_TYPES = Map.of("String", "STRING", "Int", "INT", "Float", "FLOAT",
            "Boolean", "BOOLEAN", "DateTime", "DATETIME", "Date", "DATE", "Json", "JSON", "RichTextAST", "RICHTEXT",
            "Hex", "COLOR", "ID", "ID");
    private static final Set<String> RUNNING = Set.of("QUEUED", "RUNNING");

    private final Function<String, HygraphClient> clients;
    private final Function<String, String> contentApis;

    /** Where a stage's environment lives in the Management API. */
    private record Environment(String projectId, String id, String name) {
    }

    /**
     * @param clients     the Management API client of a stage
     * @param contentApis the content API URL of a stage (matched against the environments' endpoints)
     */
    HygraphSchemaAdmin(Function<String, HygraphClient> clients, Function<String, String> contentApis) {
        this.clients = clients;
        this.contentApis = contentApis;
    }

    /** The Management API URL for a content API URL, as the Management SDK derives it. */
    static String managementUrl(String contentApi) {
        URI uri = URI.create(contentApi);
        String host = uri.getHost().replaceFirst("api", "management");
        return uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/graphql";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Extras extras(String stage) {
        Environment env = environment(stage);
        Map<String, Object> data = call(stage, CONTENT_MODEL, Map.of("p", env.projectId(), "e", env.name()));
        Map<String, Object> model = (Map<String, Object>) at(data, "viewer", "project", "environment", "contentModel");
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> plurals = new LinkedHashMap<>();
        List<Map<String, Object>> parents = new ArrayList<>((List<Map<String, Object>>) model.get("models"));
        parents.addAll((List<Map<String, Object>>) model.getOrDefault("components", List.of()));
        for (Map<String, Object> m : parents) {
            plurals.put((String) m.get("apiId"), (String) m.get("apiIdPlural"));
            for (Map<String, Object> f : (List<Map<String, Object>>) m.get("fields")) {
                ids.put(m.get("apiId") + "." + f.get("apiId"), (String) f.get("id"));
            }
        }
        Map<String, Map<String, Object>> remote = new LinkedHashMap<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) model.getOrDefault("remoteSources", List.of())) {
            Map<String, Object> settings = new LinkedHashMap<>(r);
            settings.values().removeIf(v -> v == null);
            remote.put((String) r.get("prefix"), settings);
        }
        Map<String, Map<String, Object>> stages = new LinkedHashMap<>();
        for (Map<String, Object> st : (List<Map<String, Object>>) model.getOrDefault("stages", List.of())) {
            if (!Boolean.TRUE.equals(st.get("isSystem"))) {
                stages.put((String) st.get("apiId"), Map.of("displayName", String.valueOf(st.get("displayName")),
                        "color", String.valueOf(st.get("colorPaletteId"))));
            }
        }
        return new Extras(ids, plurals, remote, stages);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Outcome apply(String stage, List<SchemaEdit> changes, Map<String, String> secrets, long timeoutMs) {
        Environment env = environment(stage);
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (SchemaEdit edit : changes) {
            inputs.add(toInput(edit, secrets));
        }
        Map<String, Object> data = Map.of("environmentId", env.id(), "name", "stagesync-" + UUID.randomUUID(), "changes", inputs);
        Map<String, Object> submitted = call(stage, SUBMIT, Map.of("data", data));
        Map<String, Object> migration = (Map<String, Object>) at(submitted, "submitBatchChanges", "migration");
        String id = (String) migration.get("id");
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (RUNNING.contains(String.valueOf(migration.get("status")))) {
            if (System.currentTimeMillis() > deadline) {
                return new Outcome(id, "TIMEOUT", "migration " + id + " did not finish within " + timeoutMs
                        + " ms; the stage may still apply it (a later schema diff shows whether it did)");
            }
            sleep(Math.min(1000, Math.max(50, timeoutMs / 100)));
            try {
                Map<String, Object> polled = call(stage, MIGRATION, Map.of("p", env.projectId(), "e", env.name(), "m", id));
                migration = (Map<String, Object>) at(polled, "viewer", "project", "environment", "migration");
            } catch (StageRequestException e) {
                // a failed poll is asked again until the deadline
            }
        }
        return new Outcome(id, String.valueOf(migration.get("status")), (String) migration.get("errors"));
    }

    /** One {@code BatchMigrationChangeInput} for a neutral edit. */
    static Map<String, Object> toInput(SchemaEdit e, Map<String, String> secrets) {
        Map<String, Object> in = new LinkedHashMap<>();
        String operation = switch (e.action()) {
            case "add-locale" -> put(in, "createLocale", "apiId", e.model(), "displayName", e.model());
            case "remove-locale" -> put(in, "deleteLocale", "apiId", e.model());
            case "add-enum" -> put(in, "createEnumeration", "apiId", e.model(), "displayName", e.model(),
                    "values", e.values().stream().map(v -> Map.of("apiId", v, "displayName", v)).toList());
            case "add-enum-values" -> put(in, "updateEnumeration", "apiId", e.model(),
                    "valuesToCreate", e.values().stream().map(v -> Map.of("apiId", v, "displayName", v)).toList());
            case "remove-enum-values" -> put(in, "updateEnumeration", "apiId", e.model(), "valuesToDelete", e.values());
            case "remove-enum" -> put(in, "deleteEnumeration", "apiId", e.model());
            case "add-model" -> put(in, "createModel", "apiId", e.model(), "apiIdPlural", plural(e), "displayName", e.model());
            case "remove-model" -> put(in, "deleteModel", "apiId", e.model());
            case "add-component" -> put(in, "createComponent", "apiId", e.model(), "apiIdPlural", plural(e), "displayName", e.model());
            case "remove-component" -> put(in, "deleteComponent", "apiId", e.model());
            case "remove-field" -> put(in, "deleteField", "apiId", e.field(), parentKey(e), e.model());
            case "add-field" -> createField(in, e);
            case "change-field" -> updateField(in, e, false);
            case "rename-field" -> updateField(in, e, true);
            case "add-remote-source", "change-remote-source" -> remoteSource(in, e, secrets);
            case "remove-remote-source" -> put(in, "deleteRemoteSource", "prefix", e.model());
            case "add-stage" -> put(in, "createStage", "apiId", e.model(), "displayName", e.settings().get("displayName"),
                    "color", e.settings().get("color"));
            case "change-stage" -> put(in, "updateStage", "apiId", e.model(), "display", e.settings().get("displayName"),
                    "color", e.settings().get("color"));
            case "remove-stage" -> put(in, "deleteStage", "apiId", e.model());
            default -> throw new IllegalArgumentException("Unknown schema change '" + e.action() + "'");
        };
        return Map.of(operation, in);
    }

    /** {@code parentApiId} for a field of a component, {@code modelApiId} for a model's (as Hygraph's own diff names them). */
    private static String parentKey(SchemaEdit e) {
        return e.settings() != null && "component".equals(e.settings().get("parent")) ? "parentApiId" : "modelApiId";
    }

    /** A component field holding several components (modular): its type is a union of them. */
    private static boolean modular(FieldSchema f) {
        return f.members().size() > 1 || !f.members().isEmpty() && !f.members().get(0).equals(f.typeName());
    }

    private static String createField(Map<String, Object> in, SchemaEdit e) {
        FieldSchema f = e.definition();
        in.put("apiId", e.field());
        in.put(f.kind() == FieldSchema.Kind.COMPONENT ? "parentApiId" : parentKey(e), e.model());
        in.put("displayName", e.field());
        in.put("isList", f.list());
        String operation;
        if (f.kind() == FieldSchema.Kind.COMPONENT) {
            in.put("isRequired", e.required());
            if (modular(f)) {
                in.put("componentApiIds", f.members());
                return "createComponentUnionField";
            }
            in.put("componentApiId", f.typeName());
            return "createComponentField";
        }
        if (f.kind() == FieldSchema.Kind.UNION) {
            in.put("reverseField", Map.of("modelApiIds", f.members()));
            return "createUnionField";
        }
        if (f.isLink()) {
            operation = "createRelationalField";
            in.put("type", f.kind() == FieldSchema.Kind.ASSET ? "ASSET" : "RELATION");
            Map<String, Object> reverse = new LinkedHashMap<>();
            String reverseName = e.reverse() == null ? e.field() + e.model() : e.reverse().field();
            reverse.put("apiId", reverseName);
            reverse.put("modelApiId", f.typeName());
            reverse.put("displayName", reverseName);
            reverse.put("isList", e.reverse() == null || e.reverse().list());
            if (e.reverse() == null) {
                reverse.put("isUnidirectional", true);
            }
            in.put("reverseField", reverse);
            if (e.required()) {
                in.put("isRequired", true);
            }
            return operation;
        }
        if (f.kind() == FieldSchema.Kind.ENUM) {
            operation = "createEnumerableField";
            in.put("enumerationApiId", f.typeName());
        } else {
            operation = "createSimpleField";
            in.put("type", simpleType(f));
        }
        in.put("isLocalized", f.localized());
        in.put("isRequired", e.required());
        in.put("isUnique", e.unique());
        if (e.migrationValue() != null) {
            in.put("migrationValue", e.migrationValue());
        }
        return operation;
    }

    private static String updateField(Map<String, Object> in, SchemaEdit e, boolean rename) {
        FieldSchema f = e.definition();
        in.put("apiId", e.field());
        in.put(f.kind() == FieldSchema.Kind.COMPONENT ? "parentApiId" : parentKey(e), e.model());
        if (rename) {
            in.put("newApiId", e.newName());
        } else if (f.kind() == FieldSchema.Kind.UNION) {
            in.put("reverseField", Map.of("modelApiIds", f.members()));
        } else if (f.kind() == FieldSchema.Kind.COMPONENT) {
            if (modular(f)) {
                in.put("componentApiIds", f.members());
            } else {
                in.put("isList", f.list());
                in.put("isRequired", e.required());
            }
        } else {
            in.put("isList", f.list());
            in.put("isRequired", e.required());
            if (!f.isLink()) {
                in.put("isLocalized", f.localized());
                in.put("isUnique", e.unique());
            }
            if (e.migrationValue() != null) {
                in.put("migrationValue", e.migrationValue());
            }
        }
        return switch (f.kind()) {
            case UNION -> "updateUnionField";
            case COMPONENT -> modular(f) ? "updateComponentUnionField" : "updateComponentField";
            case ENUM -> "updateEnumerableField";
            case RELATION, ASSET -> "updateRelationalField";
            default -> "updateSimpleField";
        };
    }

    @SuppressWarnings("unchecked")
    private static String remoteSource(Map<String, Object> in, SchemaEdit e, Map<String, String> secrets) {
        Map<String, Object> settings = new LinkedHashMap<>(e.settings());
        String type = String.valueOf(settings.remove("type"));
        settings.forEach(in::put);
        in.put("prefix", e.model());
        if (in.get("oAuth") instanceof Map<?, ?> oauth) {
            Map<String, Object> withSecret = new LinkedHashMap<>((Map<String, Object>) oauth);
            withSecret.put("clientSecret", secrets.get(e.model()));
            in.put("oAuth", withSecret);
        }
        String kind = "REST".equals(type) ? "RESTRemoteSource" : "GraphQLRemoteSource";
        return (e.action().startsWith("add") ? "create" : "update") + kind;
    }

    private static String simpleType(FieldSchema f) {
        switch (f.kind()) {
            case LOCATION, COLOR, RICHTEXT -> {
                return f.kind().name();
            }
            default -> {
            }
        }
        String type = SIMPLE_TYPES.get(f.typeName());
        if (type == null) {
            throw new IllegalArgumentException("Field type " + f.typeName() + " has no Hygraph simple field type");
        }
        return type;
    }

    private static Object plural(SchemaEdit e) {
        Object plural = e.settings() == null ? null : e.settings().get("plural");
        return plural != null ? plural : e.model() + "s";
    }

    private static String put(Map<String, Object> in, String operation, Object... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            in.put((String) keyValues[i], keyValues[i + 1]);
        }
        return operation;
    }

    @SuppressWarnings("unchecked")
    private Environment environment(String stage) {
        String endpoint = contentApis.apply(stage);
        Map<String, Object> data = call(stage, ENVIRONMENTS, Map.of());
        Map<String, Object> project = (Map<String, Object>) at(data, "viewer", "project");
        for (Map<String, Object> env : (List<Map<String, Object>>) project.get("environments")) {
            if (endpoint.equals(env.get("endpoint"))) {
                return new Environment((String) project.get("id"), (String) env.get("id"), (String) env.get("name"));
            }
        }
        throw new IllegalArgumentException("Stage " + stage + ": no environment of the Management API at "
                + managementUrl(endpoint) + " has the endpoint " + endpoint);
    }

    private Map<String, Object> call(String stage, String query, Map<String, Object> variables) {
        GraphQLResult result = clients.apply(stage).execute(query, variables);
        if (result.hasErrors() || result.data() == null) {
            throw new IllegalArgumentException("Stage " + stage + ": the Management API answered " + result.errorMessages());
        }
        return result.data();
    }

    private static Object at(Map<String, Object> data, String... path) {
        Object current = data;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map) || map.get(key) == null) {
                throw new IllegalArgumentException("The Management API answer has no " + String.join(".", path));
            }
            current = map.get(key);
        }
        return current;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema migration", e);
        }
    }
}
