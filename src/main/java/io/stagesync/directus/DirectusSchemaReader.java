package io.stagesync.directus;

import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelSchema;
import io.stagesync.dialect.StageSchema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a Directus schema snapshot ({@code GET /schema/snapshot}: collections, fields, relations) into the neutral
 * {@link StageSchema}, and keeps per collection what reads and writes need ({@link DirectusModel}). Junction
 * collections of many-to-many, many-to-any and translations fields, and the languages collection, are no models of
 * their own; a one-to-many field is the other side of a many-to-one field and is written from there.
 */
final class DirectusSchemaReader {

    /** The neutral schema and the collection details, by collection. */
    record Read(StageSchema schema, Map<String, DirectusModel> models) {
    }

    /** The system collection of files, and the neutral model of assets that its links point at. */
    static final String FILES = "directus_files";
    static final String ASSET = "Asset";
    private static final Set<String> STAMPS = Set.of("date-created", "date-updated", "user-created", "user-updated");

    @SuppressWarnings("unchecked")
    Read read(String stage, Map<String, Object> snapshot, String statusField, List<String> locales) {
        List<Map<String, Object>> collections = (List<Map<String, Object>>) snapshot.getOrDefault("collections", List.of());
        List<Map<String, Object>> fields = (List<Map<String, Object>>) snapshot.getOrDefault("fields", List.of());
        List<Map<String, Object>> relations = (List<Map<String, Object>>) snapshot.getOrDefault("relations", List.of());

        Set<String> hidden = new HashSet<>();
        Map<String, Map<String, Object>> relationOf = new LinkedHashMap<>();   // "collection.field" -> relation
        for (Map<String, Object> r : relations) {
            relationOf.put(r.get("collection") + "." + r.get("field"), r);
            Map<String, Object> meta = map(r.get("meta"));
            if (meta.get("junction_field") != null) {
                hidden.add((String) r.get("collection"));
            }
        }
        Map<String, String> primaryKeys = new TreeMap<>();
        for (Map<String, Object> f : fields) {
            if (Boolean.TRUE.equals(map(f.get("schema")).get("is_primary_key"))) {
                primaryKeys.put((String) f.get("collection"), (String) f.get("field"));
            }
        }

        Map<String, ModelSchema> models = new TreeMap<>();
        Map<String, DirectusModel> details = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        Set<String> languageCollections = new HashSet<>();
        for (Map<String, Object> c : collections) {
            String name = (String) c.get("collection");
            if (c.get("schema") == null || name.startsWith("directus_") || hidden.contains(name) || !primaryKeys.containsKey(name)) {
                continue;
            }
            List<FieldSchema> neutral = new ArrayList<>();
            Set<String> unique = new HashSet<>();
            List<String> scalars = new ArrayList<>();
            Map<String, DirectusModel.Related> m2o = new LinkedHashMap<>();
            Map<String, DirectusModel.Junction> m2m = new LinkedHashMap<>();
            Map<String, DirectusModel.AnyJunction> m2a = new LinkedHashMap<>();
            DirectusModel.Translations translations = null;
            String created = null;
            String updated = null;
            String status = null;
            for (Map<String, Object> f : fields) {
                if (!name.equals(f.get("collection"))) {
                    continue;
                }
                String field = (String) f.get("field");
                String type = (String) f.get("type");
                Map<String, Object> meta = map(f.get("meta"));
                List<String> special = meta.get("special") instanceof List<?> l ? (List<String>) l : List.of();
                Map<String, Object> schema = map(f.get("schema"));
                if (field.equals(primaryKeys.get(name))) {
                    continue;
                }
                if (special.contains("date-created")) {
                    created = field;
                    continue;
                }
                if (special.contains("date-updated")) {
                    updated = field;
                    continue;
                }
                if (special.stream().anyMatch(STAMPS::contains)) {
                    continue;
                }
                if (field.equals(statusField)) {
                    status = field;
                    continue;
                }
                Map<String, Object> own = relationOf.get(name + "." + field);
                if (special.contains("translations")) {
                    translations = translations(name, field, relations, primaryKeys, fields);
                    if (translations == null) {
                        skipped.add(name + "." + field + ": translations without a languages relation");
                        continue;
                    }
                    languageCollections.add(translations.languageCollection());
                    for (String t : translations.fields()) {
                        neutral.add(new FieldSchema(t, FieldSchema.Kind.SCALAR, scalarType(typeOf(fields, translations.collection(), t)), false, true));
                    }
                } else if (special.contains("m2m") || special.contains("files")) {
                    DirectusModel.Junction j = junction(name, field, relations, primaryKeys);
                    if (j == null) {
                        skipped.add(name + "." + field + ": many-to-many without its junction relations");
                        continue;
                    }
                    m2m.put(field, j);
                    neutral.add(FILES.equals(j.related()) ? new FieldSchema(field, FieldSchema.Kind.ASSET, ASSET, true, false)
                            : new FieldSchema(field, FieldSchema.Kind.RELATION, j.related(), true, false));
                } else if (special.contains("m2a")) {
                    DirectusModel.AnyJunction j = anyJunction(name, field, relations, primaryKeys);
                    if (j == null) {
                        skipped.add(name + "." + field + ": many-to-any without its junction relations");
                        continue;
                    }
                    m2a.put(field, j);
                    neutral.add(new FieldSchema(field, FieldSchema.Kind.UNION, j.junction() + "." + j.item(), true, false,
                            List.copyOf(j.members().keySet())));
                } else if ("alias".equals(type)) {
                    // o2m: the many-to-one field on the other side is written; presentation fields hold no data
                    continue;
                } else if (own != null && own.get("related_collection") != null) {
                    String related = (String) own.get("related_collection");
                    if (FILES.equals(related)) {
                        m2o.put(field, new DirectusModel.Related(related, "id"));
                        neutral.add(new FieldSchema(field, FieldSchema.Kind.ASSET, ASSET, false, false));
                        continue;
                    }
                    if (related.startsWith("directus_")) {
                        skipped.add(name + "." + field + ": a link to the system collection " + related + " is not copied");
                        continue;
                    }
                    m2o.put(field, new DirectusModel.Related(related, primaryKeys.getOrDefault(related, "id")));
                    neutral.add(new FieldSchema(field, FieldSchema.Kind.RELATION, related, false, false));
                } else {
                    String scalar = scalarType(type);
                    if (scalar == null) {
                        skipped.add(name + "." + field + ": Directus type " + type + " is not copied");
                        continue;
                    }
                    scalars.add(field);
                    neutral.add(new FieldSchema(field, FieldSchema.Kind.SCALAR, scalar, false, false));
                    if (Boolean.TRUE.equals(schema.get("is_unique"))) {
                        unique.add(field);
                    }
                }
            }
            if (status == null && statusField != null && !statusField.isBlank()) {
                skipped.add(name + "." + statusField + ": the collection has no status field; its items count as published");
            }
            models.put(name, new ModelSchema(name, neutral, unique, updated != null || created != null, true, true));
            details.put(name, new DirectusModel(name, primaryKeys.get(name), created, updated, status, scalars, m2o, m2m, translations, m2a));
        }
        languageCollections.forEach(l -> {
            models.remove(l);
            details.remove(l);
            skipped.remove(l + "." + statusField + ": the collection has no status field; its items count as published");
        });
        // a many-to-one field is its own column: never the other side of a link back (the one-to-many side is an alias)
        return new Read(new StageSchema(stage, locales, models, Map.of(), Map.of(), skipped, true), details);
    }

    /** The translations junction of {@code collection.field}: one relation back to the item, one to the languages. */
    private static DirectusModel.Translations translations(String collection, String field, List<Map<String, Object>> relations,
                                                           Map<String, String> primaryKeys, List<Map<String, Object>> fields) {
        DirectusModel.Junction j = junction(collection, field, relations, primaryKeys);
        if (j == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Map<String, Object> f : fields) {
            String name = (String) f.get("field");
            if (j.junction().equals(f.get("collection")) && !name.equals(primaryKeys.get(j.junction()))
                    && !name.equals(j.toThis()) && !name.equals(j.toRelated()) && !"alias".equals(f.get("type"))
                    && scalarType((String) f.get("type")) != null) {
                values.add(name);
            }
        }
        return new DirectusModel.Translations(field, j.junction(), j.toThis(), j.toRelated(), j.related(), j.relatedKey(), values);
    }

    private static DirectusModel.Junction junction(String collection, String field, List<Map<String, Object>> relations,
                                                   Map<String, String> primaryKeys) {
        List<Map<String, Object>> sides = junctionRelations(collection, field, relations, on -> on.get("related_collection") != null);
        if (sides == null) {
            return null;
        }
        String related = (String) sides.get(1).get("related_collection");
        return new DirectusModel.Junction((String) sides.get(0).get("collection"), (String) sides.get(0).get("field"),
                (String) sides.get(1).get("field"), related, primaryKeys.getOrDefault(related, "id"));
    }

    /**
     * The many-to-any junction of {@code collection.field}: one relation back to the item (naming the alias field and
     * the junction's item field), one from the item field to any of the allowed collections.
     */
    @SuppressWarnings("unchecked")
    private static DirectusModel.AnyJunction anyJunction(String collection, String field, List<Map<String, Object>> relations,
                                                         Map<String, String> primaryKeys) {
        List<Map<String, Object>> sides = junctionRelations(collection, field, relations, on -> map(on.get("meta"))
                .get("one_allowed_collections") instanceof List<?> && map(on.get("meta")).get("one_collection_field") != null);
        if (sides == null) {
            return null;
        }
        String junction = (String) sides.get(0).get("collection");
        Map<String, Object> any = map(sides.get(1).get("meta"));
        Map<String, String> members = new LinkedHashMap<>();
        ((List<String>) any.get("one_allowed_collections")).forEach(m -> members.put(m, primaryKeys.getOrDefault(m, "id")));
        return new DirectusModel.AnyJunction(junction, primaryKeys.getOrDefault(junction, "id"), (String) sides.get(0).get("field"),
                (String) sides.get(1).get("field"), (String) any.get("one_collection_field"), members,
                (String) map(sides.get(0).get("meta")).get("sort_field"));
    }

    /**
     * The two relations of the junction behind the alias field {@code collection.field}: the one back to the item (its
     * meta names the alias field and the junction's other field), then the one on from that other field, if
     * {@code onward} accepts it; null when the snapshot lacks them.
     */
    private static List<Map<String, Object>> junctionRelations(String collection, String field, List<Map<String, Object>> relations,
                                                               java.util.function.Predicate<Map<String, Object>> onward) {
        for (Map<String, Object> back : relations) {
            Map<String, Object> meta = map(back.get("meta"));
            if (collection.equals(back.get("related_collection")) && field.equals(meta.get("one_field")) && meta.get("junction_field") != null) {
                for (Map<String, Object> on : relations) {
                    if (back.get("collection").equals(on.get("collection")) && meta.get("junction_field").equals(on.get("field")) && onward.test(on)) {
                        return List.of(back, on);
                    }
                }
            }
        }
        return null;
    }

    private static String typeOf(List<Map<String, Object>> fields, String collection, String field) {
        return fields.stream().filter(f -> collection.equals(f.get("collection")) && field.equals(f.get("field")))
                .map(f -> (String) f.get("type")).findFirst().orElse("string");
    }

    /** The neutral scalar type of a Directus field type, or null for a type the engine does not copy. */
    static String scalarType(String type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "string", "text", "uuid", "hash", "csv", "bigInteger", "decimal" -> "String";
            case "integer" -> "Int";
            case "float" -> "Float";
            case "boolean" -> "Boolean";
            case "json" -> "Json";
            case "dateTime", "timestamp" -> "DateTime";
            case "date" -> "Date";
            case "time" -> "Time";
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
