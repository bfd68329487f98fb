package io.stagesync.hygraph;

import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelSchema;
import io.stagesync.dialect.StageSchema;
import io.stagesync.hygraph.GraphQLResult;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Introspects a stage's GraphQL schema and derives its models and fields (CMS-neutral) and Hygraph's generated
 * operation names of each model.
 */
public final class SchemaIntrospector {

    /** The neutral schema and the operation names by model. */
    public record Description(StageSchema schema, Map<String, HygraphModel> names) {
    }

    static final String QUERY = """
            query Introspect { __schema { queryType { name } mutationType { name }
              types { kind name interfaces { name } possibleTypes { name } enumValues(includeDeprecated: true) { name }
                fields(includeDeprecated: true) { name args { name defaultValue type { ...T } } type { ...T } }
                inputFields { name type { ...T } } } } }
            fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
            """;

    private static final Set<String> SYSTEM_MODELS = Set.of("Asset", "User", "ScheduledOperation", "ScheduledRelease");
    private static final Set<String> SYSTEM_INPUTS = Set.of("createdAt", "updatedAt", "publishedAt", "localizations");

    /** Reads the schema of the client's stage (its pending scheduled publishing is listed per run, see {@link ScheduledOperationsReader}). */
    public Description introspect(HygraphClient client) {
        GraphQLResult result = client.execute(QUERY, Map.of());
        if (result.hasErrors() || !result.data().containsKey("__schema")) {
            throw new IllegalStateException("Cannot introspect stage " + client.stage() + ": " + result.errorMessages());
        }
        return derive(client.stage(), result.data());
    }

    /** Derives the schema from an introspection answer's {@code data}. */
    @SuppressWarnings("unchecked")
    public Description derive(String stage, Map<String, Object> data) {
        IntrospectedTypes types = new IntrospectedTypes((Map<String, Object>) data.get("__schema"));
        Map<String, Set<String>> enums = types.enums();
        List<String> locales = new ArrayList<>(enums.getOrDefault("Locale", Set.of("en")));
        List<String> skipped = new ArrayList<>();
        Map<String, ModelSchema> models = new LinkedHashMap<>();
        Map<String, HygraphModel> names = new LinkedHashMap<>();
        for (String model : types.nodeTypes()) {
            if (SYSTEM_MODELS.contains(model) || !types.has(model + "CreateInput")) {
                continue;
            }
            HygraphModel named = names(types, model);
            names.put(model, named);
            models.put(model, model(types, named, skipped));
        }
        Map<String, List<FieldSchema>> components = new LinkedHashMap<>();
        List<String> todo = new ArrayList<>();
        models.values().forEach(m -> m.fields().forEach(f -> addComponents(f, todo)));
        while (!todo.isEmpty()) {
            String c = todo.remove(0);
            if (!components.containsKey(c)) {
                List<FieldSchema> fields = fields(types, c, skipped, new LinkedHashSet<>());
                components.put(c, fields);
                fields.forEach(f -> addComponents(f, todo));
            }
        }
        String defaultLocale = types.defaultLocale();
        if (defaultLocale != null && locales.remove(defaultLocale)) {
            locales.add(0, defaultLocale);
        }
        return new Description(new StageSchema(stage, List.copyOf(locales), Map.copyOf(models), enums, Map.copyOf(components),
                List.copyOf(skipped)), Map.copyOf(names));
    }

    private static HygraphModel names(IntrospectedTypes types, String model) {
        String plural = types.connectionQuery(model);
        if (plural == null) {
            throw new IllegalStateException("Model " + model + " has no connection query (<plural>Connection) in the schema");
        }
        String publishMany = types.mutationReturning("publishMany", model + "Connection");
        return new HygraphModel(model, plural.substring(0, plural.length() - "Connection".length()), plural,
                publishMany, types.mutationReturning("unpublishMany", model + "Connection"),
                types.mutationReturning("deleteMany", model + "Connection"),
                publishMany != null && types.mutationHasArg(publishMany, "locales"),
                new LinkedHashSet<>(types.inputFieldNames(model + "WhereInput")));
    }

    private static void addComponents(FieldSchema f, List<String> todo) {
        if (f.kind() == FieldSchema.Kind.COMPONENT) {
            todo.addAll(f.members());
        }
    }

    /**
     * The writable fields of a model or component, from its create input; the others are reported as skipped. The
     * names of required inputs are added to {@code required}.
     */
    private static List<FieldSchema> fields(IntrospectedTypes types, String model, List<String> skipped, Set<String> required) {
        Set<String> localized = new LinkedHashSet<>(types.inputFieldNames(model + "CreateLocalizationDataInput"));
        List<FieldSchema> fields = new ArrayList<>();
        for (Map<String, Object> input : types.inputFields(model + "CreateInput")) {
            String name = (String) input.get("name");
            if (SYSTEM_INPUTS.contains(name)) {
                continue;
            }
            IntrospectedTypes.TypeRef ref = IntrospectedTypes.TypeRef.of(input.get("type"));
            if (input.get("type") instanceof Map<?, ?> type && "NON_NULL".equals(type.get("kind"))) {
                required.add(name);
            }
            FieldSchema field = field(types, name, ref, localized.contains(name));
            if (field == null) {
                skipped.add(model + "." + name + ": type " + ref.name() + " is not copied (no known field kind: "
                        + "remote fields and other structured inputs are not supported)");
            } else {
                fields.add(field);
            }
        }
        return fields;
    }

    private ModelSchema model(IntrospectedTypes types, HygraphModel names, List<String> skipped) {
        String model = names.name();
        Set<String> required = new LinkedHashSet<>();
        List<FieldSchema> fields = fields(types, model, skipped, required);
        Set<String> unique = new LinkedHashSet<>(types.inputFieldNames(model + "WhereUniqueInput"));
        unique.remove("id");
        return new ModelSchema(model, fields, unique, names.whereFields().contains("updatedAt_gt"),
                names.publishMany() != null, names.unpublishMany() != null, required);
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
                if (types.isNode(target)) {
                    return new FieldSchema(name, FieldSchema.Kind.RELATION, target, list, false);
                }
                if (types.isComponent(target)) {
                    return new FieldSchema(name, FieldSchema.Kind.COMPONENT, target, list, false, List.of(target));
                }
                List<String> members = types.possibleTypes(target);
                if (!members.isEmpty() && members.stream().allMatch(types::isNode)) {
                    return new FieldSchema(name, FieldSchema.Kind.UNION, target, list, false, members);
                }
                if (!members.isEmpty() && members.stream().allMatch(types::isComponent)) {
                    return new FieldSchema(name, FieldSchema.Kind.COMPONENT, target, list, false, members);
                }
                return null;
            }
        }
        return switch (ref.kind()) {
            case "SCALAR" -> new FieldSchema(name, "RichTextAST".equals(type) ? FieldSchema.Kind.RICHTEXT : FieldSchema.Kind.SCALAR,
                    type, ref.list(), localized);
            case "ENUM" -> new FieldSchema(name, FieldSchema.Kind.ENUM, type, ref.list(), localized);
            case "INPUT_OBJECT" -> switch (type) {
                case "LocationInput" -> new FieldSchema(name, FieldSchema.Kind.LOCATION, "Location", ref.list(), localized);
                case "ColorInput" -> new FieldSchema(name, FieldSchema.Kind.COLOR, "Color", ref.list(), localized);
                default -> null;
            };
            default -> null;
        };
    }
}
