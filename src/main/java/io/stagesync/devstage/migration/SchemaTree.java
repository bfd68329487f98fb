package io.stagesync.devstage.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An environment's model definition as an editable JSON tree: locales, enumerations, models with their declared
 * fields, and remote sources (kept for the Management API only). Schema changes edit this tree; the result is parsed
 * again by {@code ModelDefinitionParser}, so every edit ends in a definition devstage can serve.
 */
public final class SchemaTree {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String ASSET = "Asset";

    private final Map<String, Object> root;

    private SchemaTree(Map<String, Object> root) {
        this.root = root;
    }

    public static SchemaTree parse(String json) {
        try {
            return new SchemaTree(MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Model definition is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    List<String> locales() {
        return (List<String>) root.computeIfAbsent("locales", k -> new ArrayList<>());
    }

    List<Map<String, Object>> enumerations() {
        return list("enumerations");
    }

    List<Map<String, Object>> models() {
        return list("models");
    }

    /** Components: declared like models (apiId, apiIdPlural, fields), held by value in component fields. */
    List<Map<String, Object>> components() {
        return list("components");
    }

    Optional<Map<String, Object>> component(String apiId) {
        return byKey(components(), "apiId", apiId);
    }

    /** A model or a component: the parent of a field ({@code modelApiId}/{@code parentApiId} name either). */
    Optional<Map<String, Object>> parent(String apiId) {
        return model(apiId).or(() -> component(apiId));
    }

    boolean isComponent(String apiId) {
        return component(apiId).isPresent();
    }

    /** The components a COMPONENT field may hold ({@code component}, or {@code components} of a modular field). */
    @SuppressWarnings("unchecked")
    static List<String> members(Map<String, Object> field) {
        if (field.get("components") instanceof List<?> l) {
            return (List<String>) l;
        }
        if (field.get("models") instanceof List<?> l) {
            return (List<String>) l;
        }
        return field.get("component") instanceof String c ? List.of(c) : List.of();
    }

    List<Map<String, Object>> remoteSources() {
        return list("remoteSources");
    }

    /** Custom content stages (DRAFT and PUBLISHED are built in): kept for the Management API, not served as content stages. */
    List<Map<String, Object>> stages() {
        return list("stages");
    }

    Optional<Map<String, Object>> stage(String apiId) {
        return byKey(stages(), "apiId", apiId);
    }

    Optional<Map<String, Object>> enumeration(String apiId) {
        return byKey(enumerations(), "apiId", apiId);
    }

    Optional<Map<String, Object>> model(String apiId) {
        return byKey(models(), "apiId", apiId);
    }

    Optional<Map<String, Object>> remoteSource(String prefix) {
        return byKey(remoteSources(), "prefix", prefix);
    }

    @SuppressWarnings("unchecked")
    static List<String> values(Map<String, Object> enumeration) {
        return (List<String>) enumeration.computeIfAbsent("values", k -> new ArrayList<>());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> fields(Map<String, Object> model) {
        return (List<Map<String, Object>>) model.computeIfAbsent("fields", k -> new ArrayList<>());
    }

    /** A declared field of a model or component. */
    Optional<Map<String, Object>> field(String model, String apiId) {
        return parent(model).flatMap(m -> byKey(fields(m), "apiId", apiId));
    }

    /** The declaration that owns a field: the field itself, or the relation field whose reverse side it is. */
    Optional<FieldRef> fieldRef(String model, String apiId) {
        Optional<Map<String, Object>> declared = field(model, apiId);
        if (declared.isPresent()) {
            return Optional.of(new FieldRef(model, declared.get(), false));
        }
        for (Map<String, Object> m : models()) {
            for (Map<String, Object> f : fields(m)) {
                if (f.get("reverseField") instanceof Map<?, ?> r && apiId.equals(r.get("apiId")) && model.equals(target(f))) {
                    return Optional.of(new FieldRef((String) m.get("apiId"), f, true));
                }
            }
        }
        return Optional.empty();
    }

    /** A field declaration with the model declaring it; {@code reverse} when it was found by its reverse side. */
    record FieldRef(String owner, Map<String, Object> field, boolean reverse) {
        String apiId() {
            return (String) field.get("apiId");
        }
    }

    /** The related model of a RELATION/ASSET field, else null. */
    static String target(Map<String, Object> field) {
        return switch (String.valueOf(field.get("type"))) {
            case "RELATION" -> (String) field.get("model");
            case "ASSET" -> ASSET;
            default -> null;
        };
    }

    static boolean flag(Map<String, Object> map, String key) {
        return Boolean.TRUE.equals(map.get(key));
    }

    /** A display name: the stored one, else the apiId split into words. */
    static String displayName(Map<String, Object> element, String apiId) {
        if (element.get("displayName") instanceof String s) {
            return s;
        }
        String words = apiId.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    SchemaTree copy() {
        return parse(toJson());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String key) {
        return (List<Map<String, Object>>) root.computeIfAbsent(key, k -> new ArrayList<>());
    }

    private static Optional<Map<String, Object>> byKey(List<Map<String, Object>> list, String key, String value) {
        return list.stream().filter(e -> value != null && value.equals(e.get(key))).findFirst();
    }
}
