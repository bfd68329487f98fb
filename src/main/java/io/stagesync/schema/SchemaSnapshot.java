package io.stagesync.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelSchema;
import io.stagesync.dialect.SchemaAdmin;
import io.stagesync.dialect.StageSchema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stage's schema in the canonical form the schema diff compares, stores as a base and hashes to seal a plan:
 * locales (default first), enumerations with sorted values, models with their fields in schema order, remote
 * sources (never with a secret), components with their fields (names are unique across models and components), and
 * custom content stages with their settings, and the stage's own settings the neutral description does not compare
 * (left out of the JSON when there are none, so the hash of a stage without them is as before).
 */
public record SchemaSnapshot(List<String> locales, Map<String, List<String>> enums, Map<String, Model> models,
                             Map<String, Map<String, Object>> remoteSources, Map<String, Model> components,
                             Map<String, Map<String, Object>> stages,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, Object>> settings) {

    public SchemaSnapshot {
        components = components == null ? Map.of() : components;
        stages = stages == null ? Map.of() : stages;
        settings = settings == null ? Map.of() : settings;
    }

    /** A schema without settings of the stage's own. */
    public SchemaSnapshot(List<String> locales, Map<String, List<String>> enums, Map<String, Model> models,
                          Map<String, Map<String, Object>> remoteSources, Map<String, Model> components,
                          Map<String, Map<String, Object>> stages) {
        this(locales, enums, models, remoteSources, components, stages, Map.of());
    }

    /** A schema without components and custom stages (and a base stored before they were compared). */
    public SchemaSnapshot(List<String> locales, Map<String, List<String>> enums, Map<String, Model> models,
                          Map<String, Map<String, Object>> remoteSources) {
        this(locales, enums, models, remoteSources, Map.of(), Map.of(), Map.of());
    }

    /** A model or a component by name, or null. */
    Model parent(String name) {
        Model m = models.get(name);
        return m != null ? m : components.get(name);
    }

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A model: its plural name (or null) and its fields by name, in schema order. */
    public record Model(String plural, Map<String, Field> fields) {
    }

    /**
     * A field; {@code id} is the stage's id of the field, or null when the stage gives none; {@code members} are the
     * models of a union field and the components of a component field (several: modular).
     */
    public record Field(String kind, String type, boolean list, boolean localized, boolean required, boolean unique, String id,
                        List<String> members) {

        public Field {
            members = members == null ? List.of() : List.copyOf(members);
        }

        public Field(String kind, String type, boolean list, boolean localized, boolean required, boolean unique, String id) {
            this(kind, type, list, localized, required, unique, id, List.of());
        }

        FieldSchema toFieldSchema(String name) {
            return new FieldSchema(name, FieldSchema.Kind.valueOf(kind), type, list, localized, members);
        }

        /** Everything but the id: equal signatures describe the same field. */
        String signature() {
            return kind + " " + (list ? "[" + type + "]" : type) + (localized ? " localized" : "") + (required ? " required" : "")
                    + (unique ? " unique" : "") + (members.isEmpty() ? "" : " of " + members);
        }

        boolean sameType(Field other) {
            return kind.equals(other.kind) && type.equals(other.type);
        }

        boolean isLink() {
            return kind.equals("RELATION") || kind.equals("ASSET");
        }
    }

    public static SchemaSnapshot of(StageSchema schema, SchemaAdmin.Extras extras) {
        // the enumerations the models' fields use: a stage's other enums are its own (order inputs, stages, locales)
        Map<String, List<String>> enums = new TreeMap<>();
        List<FieldSchema> all = new java.util.ArrayList<>();
        schema.models().values().forEach(m -> all.addAll(m.fields()));
        schema.components().values().forEach(all::addAll);
        all.stream().filter(f -> f.kind() == FieldSchema.Kind.ENUM)
                .forEach(f -> enums.put(f.typeName(), schema.enums().getOrDefault(f.typeName(), java.util.Set.of())
                        .stream().sorted().toList()));
        Map<String, Model> models = new TreeMap<>();
        for (ModelSchema m : schema.models().values()) {
            Map<String, Field> fields = new LinkedHashMap<>();
            for (FieldSchema f : m.fields()) {
                fields.put(f.name(), new Field(f.kind().name(), f.typeName(), f.list(), f.localized(),
                        m.requiredFields().contains(f.name()), m.uniqueFields().contains(f.name()),
                        extras.fieldIds().get(m.name() + "." + f.name()), f.members()));
            }
            models.put(m.name(), new Model(extras.plurals().get(m.name()), fields));
        }
        // the description does not say which fields of a component are required or unique
        Map<String, Model> components = new TreeMap<>();
        schema.components().forEach((name, list) -> {
            Map<String, Field> fields = new LinkedHashMap<>();
            for (FieldSchema f : list) {
                fields.put(f.name(), new Field(f.kind().name(), f.typeName(), f.list(), f.localized(), false, false,
                        extras.fieldIds().get(name + "." + f.name()), f.members()));
            }
            components.put(name, new Model(extras.plurals().get(name), fields));
        });
        return new SchemaSnapshot(List.copyOf(schema.locales()), enums, models, new TreeMap<>(extras.remoteSources()), components,
                new TreeMap<>(extras.stages()), new TreeMap<>(extras.settings()));
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SchemaSnapshot fromJson(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, SchemaSnapshot.class);
    }

    /** SHA-256 of the canonical JSON, field ids included: any change of the schema changes it. */
    public String hash() {
        return sha256(toJson());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
