package io.stagesync.devstage.migration;

import io.stagesync.devstage.store.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Applies a batch of Management API changes ({@code [{"createSimpleField": {...}}, ...]}) to a copy of an
 * environment's schema tree and documents, in order. The first change that cannot be applied fails the batch with
 * its message; the caller then keeps the environment as it was (all or nothing).
 * Content follows the schema: a renamed field keeps its values, a deleted field loses them, a field that becomes
 * required on entries without a value is filled from {@code migrationValue} or the batch fails.
 */
public final class SchemaMigrator {
    private static final Set<String> SIMPLE_TYPES = Set.of("STRING", "INT", "FLOAT", "BOOLEAN", "DATETIME", "DATE", "JSON",
            "RICHTEXT", "LOCATION", "COLOR");

    private final SchemaTree tree;
    private final List<StagedDocument> documents;

    /** A document in one stage. */
    public record StagedDocument(String stage, Document document) {
    }

    /** Thrown for the change that fails; its message is the migration's error. */
    public static final class MigrationException extends RuntimeException {
        MigrationException(String message) {
            super(message);
        }
    }

    public SchemaMigrator(SchemaTree tree, List<StagedDocument> documents) {
        this.tree = tree.copy();
        this.documents = new ArrayList<>();
        documents.forEach(d -> this.documents.add(new StagedDocument(d.stage(), deepCopy(d.document()))));
    }

    public SchemaTree tree() {
        return tree;
    }

    public List<StagedDocument> documents() {
        return documents;
    }

    /** Applies every change in order; throws {@link MigrationException} naming the change at fault. */
    public void apply(List<Map<String, Object>> changes) {
        for (int i = 0; i < changes.size(); i++) {
            Map<String, Object> change = changes.get(i);
            if (change == null || change.size() != 1) {
                throw new MigrationException("Change " + (i + 1) + ": must have exactly one operation, got " + (change == null ? "null" : change.keySet()));
            }
            var op = change.entrySet().iterator().next();
            if (!(op.getValue() instanceof Map<?, ?> raw)) {
                throw new MigrationException("Change " + (i + 1) + " (" + op.getKey() + "): the operation's input must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> in = (Map<String, Object>) raw;
            try {
                apply(op.getKey(), in);
            } catch (MigrationException e) {
                throw new MigrationException("Change " + (i + 1) + " (" + op.getKey() + "): " + e.getMessage());
            }
        }
    }

    private void apply(String op, Map<String, Object> in) {
        switch (op) {
            case "createLocale" -> createLocale(in);
            case "updateLocale" -> updateLocale(in);
            case "deleteLocale" -> deleteLocale(in);
            case "createEnumeration" -> createEnumeration(in);
            case "updateEnumeration" -> updateEnumeration(in);
            case "deleteEnumeration" -> deleteEnumeration(in);
            case "createModel" -> createModel(in);
            case "updateModel" -> updateModel(in);
            case "deleteModel" -> deleteModel(in);
            case "createSimpleField" -> createField(in, text(in, "type"), null);
            case "createEnumerableField" -> createField(in, "ENUMERATION", text(in, "enumerationApiId"));
            case "createRelationalField" -> createRelationalField(in);
            case "createUnionField" -> createUnionField(in);
            case "createComponentField" -> createComponentField(in, List.of(text(in, "componentApiId")), false);
            case "createComponentUnionField" -> createComponentField(in, texts(in, "componentApiIds"), true);
            case "updateSimpleField", "updateEnumerableField", "updateRelationalField", "updateComponentField" -> updateField(in);
            case "updateUnionField", "updateComponentUnionField" -> updateMembers(in);
            case "createComponent" -> createComponent(in);
            case "updateComponent" -> updateComponent(in);
            case "deleteComponent" -> deleteComponent(in);
            case "deleteField" -> deleteField(in);
            case "createGraphQLRemoteSource", "createRESTRemoteSource" -> createRemoteSource(in, op.contains("GraphQL") ? "GRAPHQL" : "REST");
            case "updateGraphQLRemoteSource", "updateRESTRemoteSource" -> updateRemoteSource(in);
            case "deleteRemoteSource" -> tree.remoteSources().remove(remoteSource(text(in, "prefix")));
            case "createStage" -> createStage(in);
            case "updateStage" -> updateStage(in);
            case "deleteStage" -> tree.stages().remove(stage(text(in, "apiId")));
            default -> throw new MigrationException("operation '" + op + "' is not supported by devstage (models, components,"
                    + " fields, enumerations, locales, stages and remote sources are)");
        }
    }

    private void createLocale(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        check(!tree.locales().contains(apiId), "locale '" + apiId + "' already exists");
        tree.locales().add(apiId);
    }

    private void updateLocale(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        check(tree.locales().contains(apiId), "locale '" + apiId + "' does not exist; locales: " + tree.locales());
        String newApiId = in.get("newApiId") instanceof String s ? s : apiId;
        if (!newApiId.equals(apiId)) {
            check(!tree.locales().contains(newApiId), "locale '" + newApiId + "' already exists");
            tree.locales().set(tree.locales().indexOf(apiId), newApiId);
            for (StagedDocument d : holders()) {
                Map<String, Object> values = d.document().localized.remove(apiId);
                if (values != null) {
                    d.document().localized.put(newApiId, values);
                }
            }
        }
        if (SchemaTree.flag(in, "isDefault")) {
            tree.locales().remove(newApiId);
            tree.locales().add(0, newApiId);
        }
    }

    private void deleteLocale(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        check(tree.locales().contains(apiId), "locale '" + apiId + "' does not exist; locales: " + tree.locales());
        check(!tree.locales().get(0).equals(apiId), "locale '" + apiId + "' is the default locale and cannot be deleted");
        tree.locales().remove(apiId);
        holders().forEach(d -> d.document().localized.remove(apiId));
    }

    private void createEnumeration(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        check(tree.enumeration(apiId).isEmpty() && tree.parent(apiId).isEmpty(), "the name '" + apiId + "' is taken");
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("apiId", apiId);
        e.put("displayName", in.getOrDefault("displayName", apiId));
        e.put("values", new ArrayList<>(valueIds(in.get("values"))));
        tree.enumerations().add(e);
    }

    private void updateEnumeration(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        Map<String, Object> e = enumeration(apiId);
        List<String> values = SchemaTree.values(e);
        for (String v : valueIds(in.get("valuesToCreate"))) {
            check(!values.contains(v), "enumeration " + apiId + " already has the value '" + v + "'");
            values.add(v);
        }
        if (in.get("valuesToUpdate") instanceof List<?> updates) {
            for (Object u : updates) {
                if (u instanceof Map<?, ?> m && m.get("newApiId") instanceof String newValue) {
                    String old = String.valueOf(m.get("apiId"));
                    check(values.contains(old), "enumeration " + apiId + " has no value '" + old + "'");
                    values.set(values.indexOf(old), newValue);
                    forEachEnumValue(apiId, old, newValue);
                }
            }
        }
        if (in.get("valuesToDelete") instanceof List<?> deletes) {
            for (Object v : deletes) {
                check(values.contains(String.valueOf(v)), "enumeration " + apiId + " has no value '" + v + "'");
                long used = forEachEnumValue(apiId, String.valueOf(v), null);
                check(used == 0, "value '" + v + "' of enumeration " + apiId + " is used by " + used + " entries");
                values.remove(String.valueOf(v));
            }
        }
        if (in.get("newApiId") instanceof String newApiId) {
            check(tree.enumeration(newApiId).isEmpty(), "enumeration '" + newApiId + "' already exists");
            e.put("apiId", newApiId);
            parents().forEach(m -> SchemaTree.fields(m).stream().filter(f -> apiId.equals(f.get("enumeration")))
                    .forEach(f -> f.put("enumeration", newApiId)));
        }
    }

    private void deleteEnumeration(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        Map<String, Object> e = enumeration(apiId);
        for (Map<String, Object> m : parents()) {
            for (Map<String, Object> f : SchemaTree.fields(m)) {
                check(!apiId.equals(f.get("enumeration")), "enumeration " + apiId + " is used by field "
                        + m.get("apiId") + "." + f.get("apiId") + "; delete the field first");
            }
        }
        tree.enumerations().remove(e);
    }

    private void createModel(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        text(in, "apiIdPlural");
        check(tree.parent(apiId).isEmpty() && tree.enumeration(apiId).isEmpty() && !SchemaTree.ASSET.equals(apiId),
                "the name '" + apiId + "' is taken");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiId", apiId);
        m.put("apiIdPlural", in.get("apiIdPlural"));
        m.put("displayName", in.getOrDefault("displayName", apiId));
        m.put("fields", new ArrayList<>());
        tree.models().add(m);
    }

    private void updateModel(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        Map<String, Object> m = model(apiId);
        if (in.get("apiIdPlural") instanceof String plural) {
            m.put("apiIdPlural", plural);
        }
        if (in.get("displayName") instanceof String name) {
            m.put("displayName", name);
        }
        if (in.get("newApiId") instanceof String newApiId && !newApiId.equals(apiId)) {
            check(tree.parent(newApiId).isEmpty() && tree.enumeration(newApiId).isEmpty(), "the name '" + newApiId + "' is taken");
            m.put("apiId", newApiId);
            parents().forEach(other -> SchemaTree.fields(other).stream()
                    .filter(f -> "RELATION".equals(f.get("type")) && apiId.equals(f.get("model")))
                    .forEach(f -> f.put("model", newApiId)));
            parents().forEach(other -> SchemaTree.fields(other).stream()
                    .filter(f -> "UNION".equals(f.get("type")) && SchemaTree.members(f).contains(apiId))
                    .forEach(f -> f.put("models", SchemaTree.members(f).stream().map(x -> x.equals(apiId) ? newApiId : x).toList())));
            documents.stream().filter(d -> apiId.equals(d.document().model)).forEach(d -> d.document().model = newApiId);
        }
    }

    private void deleteModel(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        Map<String, Object> m = model(apiId);
        for (Map<String, Object> other : parents()) {
            for (Map<String, Object> f : SchemaTree.fields(other)) {
                check(!("UNION".equals(f.get("type")) && SchemaTree.members(f).contains(apiId)), "model " + apiId
                        + " is a member of the union field " + other.get("apiId") + "." + f.get("apiId")
                        + "; update or delete that field first");
            }
        }
        for (Map<String, Object> other : parents()) {
            for (Map<String, Object> f : List.copyOf(SchemaTree.fields(other))) {
                if (other != m && apiId.equals(SchemaTree.target(f))) {
                    removeField(new SchemaTree.FieldRef((String) other.get("apiId"), f, false));
                }
            }
        }
        for (Map<String, Object> f : List.copyOf(SchemaTree.fields(m))) {
            removeField(new SchemaTree.FieldRef(apiId, f, false));
        }
        tree.models().remove(m);
        documents.removeIf(d -> apiId.equals(d.document().model));
    }

    private void createField(Map<String, Object> in, String type, String enumeration) {
        String model = parent(in);
        String apiId = text(in, "apiId");
        check(type != null && (SIMPLE_TYPES.contains(type) || "ENUMERATION".equals(type)), "field type '" + type
                + "' is not served by devstage; simple field types: " + SIMPLE_TYPES);
        if (enumeration != null) {
            enumeration(enumeration);
        }
        check(tree.fieldRef(model, apiId).isEmpty(), "model " + model + " already has a field '" + apiId + "'");
        Map<String, Object> f = newField(in, apiId, type);
        if (enumeration != null) {
            f.put("enumeration", enumeration);
        }
        f.put("list", SchemaTree.flag(in, "isList"));
        f.put("localized", SchemaTree.flag(in, "isLocalized"));
        f.put("unique", SchemaTree.flag(in, "isUnique"));
        f.put("required", false);
        copyOptional(in, f);
        SchemaTree.fields(parentOf(model)).add(f);
        if (SchemaTree.flag(in, "isRequired")) {
            makeRequired(model, f, in.get("migrationValue"));
        }
        checkUnique(model, f);
    }

    private void createRelationalField(Map<String, Object> in) {
        String model = parent(in);
        String apiId = text(in, "apiId");
        String type = text(in, "type");
        check(type.equals("RELATION") || type.equals("ASSET"), "relational field type must be RELATION or ASSET, got " + type);
        check(in.get("reverseField") instanceof Map<?, ?>, "'reverseField' is required");
        Map<?, ?> reverse = (Map<?, ?>) in.get("reverseField");
        String target = String.valueOf(reverse.get("modelApiId"));
        if (type.equals("ASSET")) {
            check(SchemaTree.ASSET.equals(target), "an ASSET field's reverseField.modelApiId must be Asset, got " + target);
        } else {
            model(target);
        }
        check(tree.fieldRef(model, apiId).isEmpty(), "model " + model + " already has a field '" + apiId + "'");
        boolean twoWay = !Boolean.TRUE.equals(reverse.get("isUnidirectional")) && !tree.isComponent(model);
        if (twoWay) {
            check(tree.fieldRef(target, String.valueOf(reverse.get("apiId"))).isEmpty(),
                    "model " + target + " already has a field '" + reverse.get("apiId") + "'");
        }
        Map<String, Object> f = newField(in, apiId, type);
        if (type.equals("RELATION")) {
            f.put("model", target);
        }
        f.put("list", SchemaTree.flag(in, "isList"));
        if (twoWay) {
            f.put("reverseField", new LinkedHashMap<>(Map.of("apiId", String.valueOf(reverse.get("apiId")),
                    "list", Boolean.TRUE.equals(reverse.get("isList")),
                    "displayName", String.valueOf(reverse.containsKey("displayName") ? reverse.get("displayName") : reverse.get("apiId")))));
        }
        addWithoutMigrationValue(in, model, f, "a relation");
    }

    /** A new field declaration with a new id (a field created again is told from the one it replaces). */
    private static Map<String, Object> newField(Map<String, Object> in, String apiId, String type) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", ContentModelView.newId());
        f.put("apiId", apiId);
        f.put("type", type);
        f.put("displayName", in.getOrDefault("displayName", apiId));
        return f;
    }

    /** Adds a field that takes no migration value: required only while its parent has no entries (or instances). */
    private void addWithoutMigrationValue(Map<String, Object> in, String parent, Map<String, Object> f, String kind) {
        if (SchemaTree.flag(in, "isRequired")) {
            long without = entries(parent).size();
            check(without == 0, "field " + parent + "." + f.get("apiId") + " is required and " + without
                    + " entries have no value; " + kind + " cannot take a migrationValue");
            f.put("required", true);
        }
        copyOptional(in, f);
        SchemaTree.fields(parentOf(parent)).add(f);
    }

    private void createComponent(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        String plural = text(in, "apiIdPlural");
        check(tree.parent(apiId).isEmpty() && tree.enumeration(apiId).isEmpty() && !SchemaTree.ASSET.equals(apiId),
                "the name '" + apiId + "' is taken");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("apiId", apiId);
        c.put("apiIdPlural", plural);
        c.put("displayName", in.getOrDefault("displayName", apiId));
        c.put("fields", new ArrayList<>());
        tree.components().add(c);
    }

    private void updateComponent(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        Map<String, Object> c = component(apiId);
        for (String key : List.of("apiIdPlural", "displayName", "description")) {
            if (in.get(key) instanceof String value) {
                c.put(key, value);
            }
        }
        if (in.get("newApiId") instanceof String newApiId && !newApiId.equals(apiId)) {
            check(tree.parent(newApiId).isEmpty() && tree.enumeration(newApiId).isEmpty(), "the name '" + newApiId + "' is taken");
            instances(apiId).forEach(i -> i.put("model", newApiId));
            for (Map<String, Object> parent : parents()) {
                for (Map<String, Object> f : SchemaTree.fields(parent)) {
                    if (apiId.equals(f.get("component"))) {
                        f.put("component", newApiId);
                    } else if (f.get("components") instanceof List<?> members && members.contains(apiId)) {
                        f.put("components", members.stream().map(m -> m.equals(apiId) ? newApiId : m).toList());
                    }
                }
            }
            c.put("apiId", newApiId);
        }
    }

    /** Deletes a component, the fields that hold only it and its instances; modular fields just lose it as a member. */
    @SuppressWarnings("unchecked")
    private void deleteComponent(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        Map<String, Object> c = component(apiId);
        for (Map<String, Object> parent : parents()) {
            if (parent == c) {
                continue;
            }
            for (Map<String, Object> f : List.copyOf(SchemaTree.fields(parent))) {
                if (!"COMPONENT".equals(f.get("type")) || !SchemaTree.members(f).contains(apiId)) {
                    continue;
                }
                String owner = (String) parent.get("apiId");
                List<String> rest = SchemaTree.members(f).stream().filter(m -> !m.equals(apiId)).toList();
                if (f.get("components") != null && !rest.isEmpty()) {
                    f.put("components", rest);
                    dropMembers(owner, (String) f.get("apiId"), id -> false, model -> !model.equals(apiId));
                } else {
                    removeField(new SchemaTree.FieldRef(owner, f, false));
                }
            }
        }
        tree.components().remove(c);
    }

    /** A COMPONENT field holding one component, or several (modular). */
    private void createComponentField(Map<String, Object> in, List<String> components, boolean modular) {
        String parent = parent(in);
        String apiId = text(in, "apiId");
        components.forEach(this::component);
        check(tree.fieldRef(parent, apiId).isEmpty(), parent + " already has a field '" + apiId + "'");
        Map<String, Object> f = newField(in, apiId, "COMPONENT");
        if (modular) {
            f.put("components", new ArrayList<>(components));
        } else {
            f.put("component", components.get(0));
        }
        f.put("list", SchemaTree.flag(in, "isList"));
        addWithoutMigrationValue(in, parent, f, "a component field");
    }

    /** A union field (one-way in devstage): {@code reverseField.modelApiIds} are its member models. */
    private void createUnionField(Map<String, Object> in) {
        String parent = parent(in);
        String apiId = text(in, "apiId");
        List<String> members = unionMembers(in);
        check(tree.fieldRef(parent, apiId).isEmpty(), parent + " already has a field '" + apiId + "'");
        Map<String, Object> f = newField(in, apiId, "UNION");
        f.put("models", new ArrayList<>(members));
        f.put("list", SchemaTree.flag(in, "isList"));
        addWithoutMigrationValue(in, parent, f, "a union field");
    }

    private List<String> unionMembers(Map<String, Object> in) {
        check(in.get("reverseField") instanceof Map<?, ?> r && r.get("modelApiIds") instanceof List<?>,
                "'reverseField.modelApiIds' is required: the models the union may reference");
        @SuppressWarnings("unchecked")
        List<String> members = texts((Map<String, Object>) in.get("reverseField"), "modelApiIds");
        members.forEach(this::model);
        return members;
    }

    /**
     * updateUnionField / updateComponentUnionField: other members ({@code reverseField.modelApiIds} /
     * {@code componentApiIds}); references to entries of a removed model and instances of a removed component are
     * dropped. Other settings (rename, list, display name) as for any field.
     */
    private void updateMembers(Map<String, Object> in) {
        String parent = parent(in);
        String apiId = text(in, "apiId");
        Map<String, Object> f = tree.field(parent, apiId).orElseThrow(() -> new MigrationException(parent + " has no field '" + apiId + "'"));
        boolean union = "UNION".equals(f.get("type"));
        check(union || f.get("components") != null, "field " + parent + "." + apiId + " is not a "
                + (in.containsKey("componentApiIds") ? "modular component field" : "union field"));
        List<String> members = null;
        if (union && in.get("reverseField") != null) {
            members = unionMembers(in);
            f.put("models", new ArrayList<>(members));
        } else if (!union && in.get("componentApiIds") != null) {
            members = texts(in, "componentApiIds");
            members.forEach(this::component);
            f.put("components", new ArrayList<>(members));
        }
        if (members != null) {
            List<String> kept = members;
            Map<String, String> modelOf = new HashMap<>();
            documents.forEach(d -> modelOf.put(d.document().id, d.document().model));
            dropMembers(parent, apiId, id -> !kept.contains(modelOf.get(id)), kept::contains);
        }
        Map<String, Object> rest = new LinkedHashMap<>(in);
        rest.remove("reverseField");
        rest.remove("componentApiIds");
        updateField(rest);
    }

    /** Removes from a union or modular field's values the referenced ids {@code dropId} and the instances whose type is not kept. */
    @SuppressWarnings("unchecked")
    private void dropMembers(String parent, String field, Predicate<String> dropId, Predicate<String> keepComponent) {
        for (StagedDocument d : entries(parent)) {
            Object value = d.document().values.get(field);
            if (value instanceof List<?> list) {
                List<Object> next = new ArrayList<>();
                for (Object item : list) {
                    boolean keep = item instanceof Map<?, ?> m ? keepComponent.test(String.valueOf(m.get("model")))
                            : !dropId.test(String.valueOf(item));
                    if (keep) {
                        next.add(item);
                    }
                }
                d.document().values.put(field, next);
            } else if (value instanceof Map<?, ?> m && !keepComponent.test(String.valueOf(m.get("model")))) {
                d.document().values.put(field, null);
            }
        }
    }

    /** The stored maps of a component's instances. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> instances(String component) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (StagedDocument holder : holders()) {
            Map<String, Object> parent = tree.parent(holder.document().model).orElse(null);
            if (parent == null) {
                continue;
            }
            for (Map<String, Object> f : SchemaTree.fields(parent)) {
                if ("COMPONENT".equals(f.get("type"))) {
                    for (Object item : items(holder.document().values.get((String) f.get("apiId")))) {
                        if (item instanceof Map<?, ?> m && component.equals(m.get("model"))) {
                            found.add((Map<String, Object>) m);
                        }
                    }
                }
            }
        }
        return found;
    }

    private void updateField(Map<String, Object> in) {
        String model = parent(in);
        String apiId = text(in, "apiId");
        SchemaTree.FieldRef ref = tree.fieldRef(model, apiId).orElseThrow(() -> new MigrationException(
                "model " + model + " has no field '" + apiId + "'"));
        if (ref.reverse()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> reverse = (Map<String, Object>) ref.field().get("reverseField");
            if (in.get("newApiId") instanceof String newApiId && !newApiId.equals(apiId)) {
                check(tree.fieldRef(model, newApiId).isEmpty(), "model " + model + " already has a field '" + newApiId + "'");
                reverse.put("apiId", newApiId);
                renameValues(model, apiId, newApiId);
            }
            if (in.get("isList") instanceof Boolean list) {
                reverse.put("list", list);
            }
            if (in.get("displayName") instanceof String name) {
                reverse.put("displayName", name);
            }
            return;
        }
        Map<String, Object> f = ref.field();
        String name = apiId;
        if (in.get("newApiId") instanceof String newApiId && !newApiId.equals(apiId)) {
            check(tree.fieldRef(model, newApiId).isEmpty(), "model " + model + " already has a field '" + newApiId + "'");
            f.put("id", ContentModelView.id(model, f));
            f.put("apiId", newApiId);
            renameValues(model, apiId, newApiId);
            name = newApiId;
        }
        if (in.get("displayName") instanceof String display) {
            f.put("displayName", display);
        }
        if (in.get("isLocalized") instanceof Boolean localized && localized != SchemaTree.flag(f, "localized")) {
            check(SchemaTree.target(f) == null, "relation fields cannot be localized");
            moveLocalization(model, name, localized);
            f.put("localized", localized);
        }
        if (in.get("isList") instanceof Boolean list && list != SchemaTree.flag(f, "list")) {
            changeList(model, name, list, SchemaTree.target(f) != null);
            f.put("list", list);
        }
        copyOptional(in, f);
        if (in.get("isUnique") instanceof Boolean unique) {
            f.put("unique", unique);
            checkUnique(model, f);
        }
        if (in.get("isRequired") instanceof Boolean required) {
            if (required && !SchemaTree.flag(f, "required")) {
                if (SchemaTree.target(f) != null) {
                    String field = name;
                    long without = count(model, d -> !has(d, field, false));
                    check(without == 0, "field " + model + "." + field + " is required and " + without
                            + " entries have no value; a relation cannot take a migrationValue");
                    f.put("required", true);
                } else {
                    makeRequired(model, f, in.get("migrationValue"));
                }
            } else if (!required) {
                f.put("required", false);
            }
        }
    }

    private void deleteField(Map<String, Object> in) {
        String model = parent(in);
        String apiId = text(in, "apiId");
        removeField(tree.fieldRef(model, apiId).orElseThrow(() -> new MigrationException(
                "model " + model + " has no field '" + apiId + "'")));
    }

    private void createStage(Map<String, Object> in) {
        String apiId = text(in, "apiId");
        text(in, "displayName");
        check(!apiId.equals("DRAFT") && !apiId.equals("PUBLISHED") && tree.stage(apiId).isEmpty(), "stage '" + apiId + "' already exists");
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("apiId", apiId);
        stage.put("displayName", in.get("displayName"));
        stage.put("color", in.getOrDefault("color", "NEUTRAL"));
        tree.stages().add(stage);
    }

    private void updateStage(Map<String, Object> in) {
        Map<String, Object> stage = stage(text(in, "apiId"));
        for (String key : List.of("displayName", "color")) {
            if (in.get(key) != null) {
                stage.put(key, in.get(key));
            }
        }
        if (in.get("display") != null) {
            // the name of BatchMigrationUpdateStageInput's display name member
            stage.put("displayName", in.get("display"));
        }
        if (in.get("newApiId") instanceof String newApiId) {
            check(tree.stage(newApiId).isEmpty(), "stage '" + newApiId + "' already exists");
            stage.put("apiId", newApiId);
        }
    }

    private Map<String, Object> stage(String apiId) {
        return tree.stage(apiId).orElseThrow(() -> new MigrationException("stage '" + apiId + "' does not exist (DRAFT and "
                + "PUBLISHED are built in)"));
    }

    private void createRemoteSource(Map<String, Object> in, String kind) {
        String prefix = text(in, "prefix");
        text(in, "url");
        check(tree.remoteSource(prefix).isEmpty(), "remote source '" + prefix + "' already exists");
        Map<String, Object> source = new LinkedHashMap<>(in);
        source.put("sourceType", kind);
        tree.remoteSources().add(source);
    }

    private void updateRemoteSource(Map<String, Object> in) {
        Map<String, Object> source = remoteSource(text(in, "prefix"));
        in.forEach((k, v) -> {
            if (v != null) {
                source.put(k, v);
            }
        });
    }

    /** Removes a field declaration (both sides of a two-way relation) and its values from every entry. */
    private void removeField(SchemaTree.FieldRef ref) {
        Map<String, Object> f = ref.field();
        SchemaTree.fields(parentOf(ref.owner())).remove(f);
        dropValues(ref.owner(), ref.apiId());
        String target = SchemaTree.target(f);
        if (target != null && f.get("reverseField") instanceof Map<?, ?> reverse) {
            dropValues(target, String.valueOf(reverse.get("apiId")));
        }
    }

    private void makeRequired(String model, Map<String, Object> f, Object migrationValue) {
        String name = (String) f.get("apiId");
        boolean localized = SchemaTree.flag(f, "localized");
        List<StagedDocument> lacking = entries(model).stream().filter(d -> !has(d.document(), name, localized)).toList();
        if (!lacking.isEmpty()) {
            check(migrationValue != null, "field " + model + "." + name + " is required and " + lacking.size()
                    + " existing entries have no value: a migrationValue is needed");
            Object value = convert(f, String.valueOf(migrationValue));
            for (StagedDocument d : lacking) {
                if (localized) {
                    d.document().localized.values().stream().filter(values -> values.get(name) == null)
                            .forEach(values -> values.put(name, value));
                } else {
                    d.document().values.put(name, value);
                }
            }
        }
        f.put("required", true);
    }

    private Object convert(Map<String, Object> f, String text) {
        String type = String.valueOf(f.get("type"));
        Object single;
        try {
            single = switch (type) {
                case "INT" -> Long.parseLong(text.trim());
                case "FLOAT" -> Double.parseDouble(text.trim());
                case "BOOLEAN" -> {
                    check(text.equals("true") || text.equals("false"), "a BOOLEAN migrationValue must be true or false, got '" + text + "'");
                    yield Boolean.parseBoolean(text);
                }
                case "JSON" -> SchemaTree.MAPPER.readValue(text, Object.class);
                case "ENUMERATION" -> {
                    check(SchemaTree.values(enumeration((String) f.get("enumeration"))).contains(text), "migrationValue '" + text
                            + "' is not a value of enumeration " + f.get("enumeration"));
                    yield text;
                }
                default -> text;
            };
        } catch (NumberFormatException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MigrationException("migrationValue '" + text + "' is not a valid " + type);
        }
        return SchemaTree.flag(f, "list") ? new ArrayList<>(List.of(single)) : single;
    }

    private void checkUnique(String model, Map<String, Object> f) {
        if (!SchemaTree.flag(f, "unique")) {
            return;
        }
        String name = (String) f.get("apiId");
        Map<String, Set<Object>> seen = new HashMap<>();
        for (StagedDocument d : entries(model)) {
            Object v = d.document().values.get(name);
            if (v != null && !seen.computeIfAbsent(d.stage(), s -> new java.util.HashSet<>()).add(String.valueOf(v))) {
                throw new MigrationException("field " + model + "." + name + " cannot be unique: value '" + v
                        + "' is held by more than one entry in stage " + d.stage());
            }
        }
    }

    private void renameValues(String model, String from, String to) {
        for (StagedDocument d : entries(model)) {
            Document doc = d.document();
            if (doc.values.containsKey(from)) {
                doc.values.put(to, doc.values.remove(from));
            }
            doc.localized.values().forEach(values -> {
                if (values.containsKey(from)) {
                    values.put(to, values.remove(from));
                }
            });
        }
    }

    private void dropValues(String model, String field) {
        for (StagedDocument d : entries(model)) {
            d.document().values.remove(field);
            d.document().localized.values().forEach(values -> values.remove(field));
        }
    }

    private void moveLocalization(String model, String field, boolean toLocalized) {
        String defaultLocale = tree.locales().get(0);
        for (StagedDocument d : entries(model)) {
            Document doc = d.document();
            if (toLocalized) {
                Object v = doc.values.remove(field);
                if (v != null) {
                    doc.localized.computeIfAbsent(defaultLocale, l -> new LinkedHashMap<>()).put(field, v);
                }
            } else {
                Map<String, Object> base = doc.localized.get(defaultLocale);
                Object v = base == null ? null : base.get(field);
                doc.localized.values().forEach(values -> values.remove(field));
                if (v != null) {
                    doc.values.put(field, v);
                }
            }
        }
    }

    private void changeList(String model, String field, boolean toList, boolean relation) {
        check(!relation || toList || count(model, d -> d.links(field).size() > 1) == 0,
                "field " + model + "." + field + " links several entries in some entries and cannot become single");
        for (StagedDocument d : entries(model)) {
            Document doc = d.document();
            List<Map<String, Object>> maps = new ArrayList<>(doc.localized.values());
            maps.add(doc.values);
            for (Map<String, Object> values : maps) {
                if (!relation && values.get(field) != null) {
                    Object v = values.get(field);
                    values.put(field, toList ? new ArrayList<>(List.of(v)) : v instanceof List<?> l ? (l.isEmpty() ? null : l.get(0)) : v);
                }
            }
        }
    }

    private boolean has(Document doc, String field, boolean localized) {
        if (!localized) {
            Object v = doc.values.get(field);
            return v != null && !(v instanceof List<?> l && l.isEmpty());
        }
        return doc.localized.values().stream().allMatch(values -> values.get(field) != null);
    }

    private long count(String model, Predicate<Document> predicate) {
        return entries(model).stream().map(StagedDocument::document).filter(predicate).count();
    }

    /**
     * The entries of a model, or the stored instances of a component (found through the component fields of every
     * entry, nested ones included) as documents sharing the instance's maps, so edits change the instance.
     */
    private List<StagedDocument> entries(String model) {
        if (!tree.isComponent(model)) {
            return documents.stream().filter(d -> Objects.equals(model, d.document().model)).toList();
        }
        return holders().stream().filter(d -> model.equals(d.document().model)).toList();
    }

    /** Every entry and every stored component instance, nested ones included. */
    private List<StagedDocument> holders() {
        List<StagedDocument> all = new ArrayList<>();
        for (StagedDocument d : documents) {
            all.add(d);
            collect(d.stage(), d.document(), all);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private void collect(String stage, Document holder, List<StagedDocument> into) {
        Map<String, Object> parent = tree.parent(holder.model).orElse(null);
        if (parent == null) {
            return;
        }
        for (Map<String, Object> f : SchemaTree.fields(parent)) {
            if (!"COMPONENT".equals(f.get("type"))) {
                continue;
            }
            for (Object item : items(holder.values.get((String) f.get("apiId")))) {
                if (item instanceof Map<?, ?> raw) {
                    Map<String, Object> instance = (Map<String, Object>) raw;
                    Document view = new Document((String) instance.get("id"), (String) instance.get("model"), null);
                    view.values = (Map<String, Object>) instance.computeIfAbsent("values", k -> new LinkedHashMap<>());
                    view.localized = (Map<String, Map<String, Object>>) instance.computeIfAbsent("localized", k -> new LinkedHashMap<>());
                    into.add(new StagedDocument(stage, view));
                    collect(stage, view, into);
                }
            }
        }
    }

    private static List<Object> items(Object value) {
        return value == null ? List.of() : value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
    }

    /** A document whose nested maps and lists (component instances included) can be edited in place. */
    @SuppressWarnings("unchecked")
    private static Document deepCopy(Document source) {
        Document d = source.copy();
        d.values = (Map<String, Object>) deepCopy(d.values);
        d.localized = (Map<String, Map<String, Object>>) deepCopy(d.localized);
        return d;
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    private long forEachEnumValue(String enumeration, String value, String replacement) {
        long used = 0;
        for (Map<String, Object> m : parents()) {
            for (Map<String, Object> f : SchemaTree.fields(m)) {
                if (!enumeration.equals(f.get("enumeration"))) {
                    continue;
                }
                String name = (String) f.get("apiId");
                for (StagedDocument d : entries((String) m.get("apiId"))) {
                    List<Map<String, Object>> maps = new ArrayList<>(d.document().localized.values());
                    maps.add(d.document().values);
                    for (Map<String, Object> values : maps) {
                        if (value.equals(values.get(name))) {
                            used++;
                            if (replacement != null) {
                                values.put(name, replacement);
                            }
                        }
                    }
                }
            }
        }
        return used;
    }

    private void copyOptional(Map<String, Object> in, Map<String, Object> f) {
        if (in.get("visibility") instanceof String visibility) {
            f.put("visibility", visibility);
        }
        if (in.get("validations") instanceof Map<?, ?> validations) {
            Object range = validations.get("Int") instanceof Map<?, ?> i ? i.get("range")
                    : validations.get("Float") instanceof Map<?, ?> fl ? fl.get("range") : null;
            if (range instanceof Map<?, ?> r) {
                Map<String, Object> copied = new LinkedHashMap<>();
                if (r.get("min") != null) {
                    copied.put("min", r.get("min"));
                }
                if (r.get("max") != null) {
                    copied.put("max", r.get("max"));
                }
                f.put("validations", new LinkedHashMap<>(Map.of("range", copied)));
            }
        }
    }

    private String parent(Map<String, Object> in) {
        Object model = in.get("modelApiId") != null ? in.get("modelApiId") : in.get("parentApiId");
        check(model instanceof String, "'modelApiId' (or 'parentApiId') is required");
        parentOf((String) model);
        return (String) model;
    }

    /** A model or a component, by apiId. */
    private Map<String, Object> parentOf(String apiId) {
        return tree.parent(apiId).orElseThrow(() -> new MigrationException("model or component '" + apiId + "' does not exist; models: "
                + tree.models().stream().map(m -> m.get("apiId")).toList() + ", components: "
                + tree.components().stream().map(m -> m.get("apiId")).toList()));
    }

    /** Every model and component. */
    private List<Map<String, Object>> parents() {
        List<Map<String, Object>> all = new ArrayList<>(tree.models());
        all.addAll(tree.components());
        return all;
    }

    private Map<String, Object> component(String apiId) {
        return tree.component(apiId).orElseThrow(() -> new MigrationException("component '" + apiId + "' does not exist; components: "
                + tree.components().stream().map(m -> m.get("apiId")).toList()));
    }

    private Map<String, Object> model(String apiId) {
        return tree.model(apiId).orElseThrow(() -> new MigrationException("model '" + apiId + "' does not exist; models: "
                + tree.models().stream().map(m -> m.get("apiId")).toList()));
    }

    private Map<String, Object> enumeration(String apiId) {
        return tree.enumeration(apiId).orElseThrow(() -> new MigrationException("enumeration '" + apiId + "' does not exist"));
    }

    private Map<String, Object> remoteSource(String prefix) {
        return tree.remoteSource(prefix).orElseThrow(() -> new MigrationException("remote source '" + prefix + "' does not exist"));
    }

    private static List<String> valueIds(Object values) {
        List<String> ids = new ArrayList<>();
        if (values instanceof List<?> list) {
            for (Object v : list) {
                ids.add(v instanceof Map<?, ?> m ? String.valueOf(m.get("apiId")) : String.valueOf(v));
            }
        }
        return ids;
    }

    private static List<String> texts(Map<String, Object> in, String key) {
        check(in.get(key) instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(v -> v instanceof String),
                "'" + key + "' is required: a non-empty list of apiIds");
        return ((List<?>) in.get(key)).stream().map(String::valueOf).toList();
    }

    private static String text(Map<String, Object> in, String key) {
        check(in.get(key) instanceof String s && !s.isBlank(), "'" + key + "' is required");
        return (String) in.get(key);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new MigrationException(message);
        }
    }
}
