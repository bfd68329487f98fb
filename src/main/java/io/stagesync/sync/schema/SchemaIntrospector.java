package io.stagesync.sync.schema;

import io.stagesync.graphql.GraphQLResult;
import io.stagesync.graphql.GraphQLStageClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Introspects a stage's GraphQL schema and derives its models, their fields and the generated operation names.
 */
public final class SchemaIntrospector {

    static final String QUERY = """
            query Introspect { __schema { queryType { name } mutationType { name }
              types { kind name interfaces { name } enumValues(includeDeprecated: true) { name }
                fields(includeDeprecated: true) { name args { name defaultValue type { ...T } } type { ...T } }
                inputFields { name type { ...T } } } } }
            fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
            """;

    private static final Set<String> SYSTEM_MODELS = Set.of("Asset", "User", "ScheduledOperation", "ScheduledRelease");
    private static final Set<String> SYSTEM_INPUTS = Set.of("createdAt", "updatedAt", "publishedAt", "localizations");

    /** Reads the schema of the client's stage. */
    public StageSchema introspect(GraphQLStageClient client) {
        GraphQLResult result = client.execute(QUERY, Map.of());
        if (result.hasErrors() || !result.data().containsKey("__schema")) {
            throw new IllegalStateException("Cannot introspect stage " + client.stage() + ": " + result.errorMessages());
        }
        return derive(client.stage(), result.data());
    }

    /** Derives the schema from an introspection answer's {@code data}. */
    @SuppressWarnings("unchecked")
    public StageSchema derive(String stage, Map<String, Object> data) {
        IntrospectedTypes types = new IntrospectedTypes((Map<String, Object>) data.get("__schema"));
        Map<String, Set<String>> enums = types.enums();
        List<String> locales = new ArrayList<>(enums.getOrDefault("Locale", Set.of("en")));
        List<String> skipped = new ArrayList<>();
        Map<String, ModelSchema> models = new LinkedHashMap<>();
        for (String model : types.nodeTypes()) {
            if (SYSTEM_MODELS.contains(model) || !types.has(model + "CreateInput")) {
                continue;
            }
            models.put(model, model(types, model, skipped));
        }
        String defaultLocale = types.defaultLocale();
        if (defaultLocale != null && locales.remove(defaultLocale)) {
            locales.add(0, defaultLocale);
        }
        return new StageSchema(stage, List.copyOf(locales), Map.copyOf(models), enums, List.copyOf(skipped));
    }

    private ModelSchema model(IntrospectedTypes types, String model, List<String> skipped) {
        Set<String> localized = new LinkedHashSet<>(types.inputFieldNames(model + "CreateLocalizationDataInput"));
        List<FieldSchema> fields = new ArrayList<>();
        for (Map<String, Object> input : types.inputFields(model + "CreateInput")) {
            String name = (String) input.get("name");
            if (SYSTEM_INPUTS.contains(name)) {
                continue;
            }
            IntrospectedTypes.TypeRef ref = IntrospectedTypes.TypeRef.of(input.get("type"));
            FieldSchema field = field(types, name, ref, localized.contains(name));
            if (field == null) {
                skipped.add(model + "." + name + ": type " + ref.name() + " is not copied (components, unions and "
                        + "structured inputs are not supported)");
            } else {
                fields.add(field);
            }
        }
        Set<String> unique = new LinkedHashSet<>(types.inputFieldNames(model + "WhereUniqueInput"));
        unique.remove("id");
        String plural = types.connectionQuery(model);
        if (plural == null) {
            throw new IllegalStateException("Model " + model + " has no connection query (<plural>Connection) in the schema");
        }
        String publishMany = types.mutationReturning("publishMany", model + "Connection");
        return new ModelSchema(model, plural.substring(0, plural.length() - "Connection".length()), plural,
                publishMany, types.mutationReturning("unpublishMany", model + "Connection"),
                publishMany != null && types.mutationHasArg(publishMany, "locales"), fields, unique,
                new LinkedHashSet<>(types.inputFieldNames(model + "WhereInput")));
    }

    private static FieldSchema field(IntrospectedTypes types, String name, IntrospectedTypes.TypeRef ref, boolean localized) {
        String type = ref.name();
        for (String suffix : List.of("CreateOneInlineInput", "CreateManyInlineInput")) {
            if (type.endsWith(suffix)) {
                String target = type.substring(0, type.length() - suffix.length());
                boolean list = suffix.startsWith("CreateMany");
                if ("Asset".equals(target)) {
                    return new FieldSchema(name, FieldSchema.Kind.ASSET, target, list, false);
                }
                return types.isNode(target) ? new FieldSchema(name, FieldSchema.Kind.RELATION, target, list, false) : null;
            }
        }
        return switch (ref.kind()) {
            case "SCALAR" -> new FieldSchema(name, FieldSchema.Kind.SCALAR, type, ref.list(), localized);
            case "ENUM" -> new FieldSchema(name, FieldSchema.Kind.ENUM, type, ref.list(), localized);
            default -> null;
        };
    }
}
