package io.stagesync.devstage.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes that turn a target environment's schema into a source's, as Hygraph's environment diff gives them:
 * a replace, not a merge (target-only elements become deletions), renames seen as delete + create, no migration
 * values, remote source secrets as the placeholder {@code CLIENT_SECRET}. Order: locales, enumerations, stages, models,
 * components, remote sources, simple, enumerable, union and component fields (of models and components), relational
 * fields, field updates, then deletions (fields before the components and models they belong to or use).
 */
public final class EnvironmentDiff {
    /** What a diff puts where a remote source's client secret would be. */
    public static final String SECRET_PLACEHOLDER = "CLIENT_SECRET";

    private final SchemaTree target;
    private final SchemaTree source;
    private final List<Map<String, Object>> creates = new ArrayList<>();
    private final List<Map<String, Object>> replaced = new ArrayList<>();
    private final List<Map<String, Object>> fieldCreates = new ArrayList<>();
    private final List<Map<String, Object>> relationCreates = new ArrayList<>();
    private final List<Map<String, Object>> updates = new ArrayList<>();
    private final List<Map<String, Object>> deletes = new ArrayList<>();

    private EnvironmentDiff(SchemaTree target, SchemaTree source) {
        this.target = target;
        this.source = source;
    }

    /** The ordered changes turning {@code target} into {@code source}. */
    public static List<Map<String, Object>> changes(SchemaTree target, SchemaTree source) {
        return new EnvironmentDiff(target, source).compute();
    }

    private List<Map<String, Object>> compute() {
        for (String locale : source.locales()) {
            if (!target.locales().contains(locale)) {
                creates.add(op("createLocale", "apiId", locale, "displayName", locale));
            }
        }
        enumerations();
        stages();
        for (Map<String, Object> m : source.models()) {
            String apiId = (String) m.get("apiId");
            var existing = target.model(apiId);
            if (existing.isEmpty()) {
                creates.add(op("createModel", "apiId", apiId, "apiIdPlural", m.get("apiIdPlural"),
                        "displayName", SchemaTree.displayName(m, apiId)));
            } else if (!Objects.equals(existing.get().get("apiIdPlural"), m.get("apiIdPlural"))) {
                updates.add(op("updateModel", "apiId", apiId, "apiIdPlural", m.get("apiIdPlural")));
            }
            fields(apiId, m, existing.orElse(null));
        }
        for (Map<String, Object> c : source.components()) {
            String apiId = (String) c.get("apiId");
            var existing = target.component(apiId);
            if (existing.isEmpty()) {
                creates.add(op("createComponent", "apiId", apiId, "apiIdPlural", plural(c),
                        "displayName", SchemaTree.displayName(c, apiId)));
            } else if (!Objects.equals(plural(existing.get()), plural(c))) {
                updates.add(op("updateComponent", "apiId", apiId, "apiIdPlural", plural(c)));
            }
            fields(apiId, c, existing.orElse(null));
        }
        remoteSources();
        for (Map<String, Object> m : target.models()) {
            if (source.model((String) m.get("apiId")).isEmpty()) {
                deletes.add(op("deleteModel", "apiId", m.get("apiId")));
            }
        }
        for (Map<String, Object> c : target.components()) {
            if (source.component((String) c.get("apiId")).isEmpty()) {
                deletes.add(op("deleteComponent", "apiId", c.get("apiId")));
            }
        }
        for (Map<String, Object> e : target.enumerations()) {
            if (source.enumeration((String) e.get("apiId")).isEmpty()) {
                deletes.add(op("deleteEnumeration", "apiId", e.get("apiId")));
            }
        }
        for (String locale : target.locales()) {
            if (!source.locales().contains(locale)) {
                deletes.add(op("deleteLocale", "apiId", locale));
            }
        }
        if (!source.locales().isEmpty() && !target.locales().isEmpty()
                && !source.locales().get(0).equals(target.locales().get(0))) {
            updates.add(op("updateLocale", "apiId", source.locales().get(0), "isDefault", true));
        }
        List<Map<String, Object>> all = new ArrayList<>(creates);
        all.addAll(replaced);
        all.addAll(fieldCreates);
        all.addAll(relationCreates);
        all.addAll(updates);
        all.addAll(deletes);
        return all;
    }

    private void stages() {
        for (Map<String, Object> st : source.stages()) {
            String apiId = (String) st.get("apiId");
            var existing = target.stage(apiId);
            if (existing.isEmpty()) {
                creates.add(op("createStage", "apiId", apiId, "displayName", st.get("displayName"), "color", st.get("color")));
            } else if (!Objects.equals(existing.get().get("displayName"), st.get("displayName"))
                    || !Objects.equals(existing.get().get("color"), st.get("color"))) {
                updates.add(op("updateStage", "apiId", apiId, "display", st.get("displayName"), "color", st.get("color")));
            }
        }
        for (Map<String, Object> st : target.stages()) {
            if (source.stage((String) st.get("apiId")).isEmpty()) {
                deletes.add(op("deleteStage", "apiId", st.get("apiId")));
            }
        }
    }

    private void enumerations() {
        for (Map<String, Object> e : source.enumerations()) {
            String apiId = (String) e.get("apiId");
            List<String> values = SchemaTree.values(e);
            var existing = target.enumeration(apiId);
            if (existing.isEmpty()) {
                creates.add(op("createEnumeration", "apiId", apiId, "displayName", SchemaTree.displayName(e, apiId),
                        "values", values.stream().map(v -> Map.of("apiId", v, "displayName", v)).toList()));
                continue;
            }
            List<String> old = SchemaTree.values(existing.get());
            List<Map<String, String>> toCreate = values.stream().filter(v -> !old.contains(v))
                    .map(v -> Map.of("apiId", v, "displayName", v)).toList();
            List<String> toDelete = old.stream().filter(v -> !values.contains(v)).toList();
            if (!toCreate.isEmpty()) {
                creates.add(op("updateEnumeration", "apiId", apiId, "valuesToCreate", toCreate));
            }
            if (!toDelete.isEmpty()) {
                deletes.add(op("updateEnumeration", "apiId", apiId, "valuesToDelete", toDelete));
            }
        }
    }

    private void fields(String model, Map<String, Object> sourceModel, Map<String, Object> targetModel) {
        for (Map<String, Object> f : SchemaTree.fields(sourceModel)) {
            String apiId = (String) f.get("apiId");
            Map<String, Object> old = targetModel == null ? null : target.field(model, apiId).orElse(null);
            if (old != null && sameKind(old, f)) {
                Map<String, Object> update = fieldUpdate(model, parentKey(model), old, f);
                if (update != null) {
                    updates.add(update);
                }
                continue;
            }
            if (old != null) {
                replaced.add(op("deleteField", "apiId", apiId, parentKey(model), model));
            }
            Map<String, Object> create = fieldCreate(model, parentKey(model), f);
            (SchemaTree.target(f) != null ? relationCreates : fieldCreates).add(create);
        }
        if (targetModel != null) {
            for (Map<String, Object> f : SchemaTree.fields(targetModel)) {
                if (source.field(model, (String) f.get("apiId")).isEmpty()) {
                    deletes.add(0, op("deleteField", "apiId", f.get("apiId"), parentKey(model), model));
                }
            }
        }
    }

    /** {@code parentApiId} for a field of a component, {@code modelApiId} for a model's. */
    private String parentKey(String parent) {
        return source.isComponent(parent) || target.isComponent(parent) ? "parentApiId" : "modelApiId";
    }

    private static Object plural(Map<String, Object> c) {
        return c.get("apiIdPlural") != null ? c.get("apiIdPlural") : c.get("apiId") + "s";
    }

    private static boolean sameKind(Map<String, Object> a, Map<String, Object> b) {
        return Objects.equals(a.get("type"), b.get("type")) && Objects.equals(a.get("enumeration"), b.get("enumeration"))
                && Objects.equals(SchemaTree.target(a), SchemaTree.target(b))
                && Objects.equals(reverseName(a), reverseName(b))
                && Objects.equals(a.get("component"), b.get("component")) && modular(a) == modular(b);
    }

    private static boolean modular(Map<String, Object> f) {
        return f.get("components") != null;
    }

    private static Object reverseName(Map<String, Object> f) {
        return f.get("reverseField") instanceof Map<?, ?> r ? r.get("apiId") : null;
    }

    private static Map<String, Object> fieldCreate(String model, String parentKey, Map<String, Object> f) {
        String apiId = (String) f.get("apiId");
        String type = (String) f.get("type");
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("apiId", apiId);
        // component and modular fields name their parent parentApiId only (model or component)
        in.put("COMPONENT".equals(type) ? "parentApiId" : parentKey, model);
        String operation;
        if ("COMPONENT".equals(type)) {
            in.put("displayName", SchemaTree.displayName(f, apiId));
            in.put("isList", SchemaTree.flag(f, "list"));
            in.put("isRequired", SchemaTree.flag(f, "required"));
            if (modular(f)) {
                in.put("componentApiIds", SchemaTree.members(f));
                return Map.of("createComponentUnionField", in);
            }
            in.put("componentApiId", f.get("component"));
            return Map.of("createComponentField", in);
        }
        if ("UNION".equals(type)) {
            in.put("displayName", SchemaTree.displayName(f, apiId));
            in.put("isList", SchemaTree.flag(f, "list"));
            in.put("reverseField", Map.of("modelApiIds", SchemaTree.members(f)));
            return Map.of("createUnionField", in);
        }
        if (SchemaTree.target(f) != null) {
            operation = "createRelationalField";
            in.put("type", type);
            Map<String, Object> reverse = new LinkedHashMap<>();
            if (f.get("reverseField") instanceof Map<?, ?> r) {
                reverse.put("apiId", r.get("apiId"));
                reverse.put("modelApiId", SchemaTree.target(f));
                reverse.put("displayName", r.get("displayName") != null ? r.get("displayName") : r.get("apiId"));
                reverse.put("isList", Boolean.TRUE.equals(r.get("list")));
            } else {
                reverse.put("apiId", apiId + model);
                reverse.put("modelApiId", SchemaTree.target(f));
                reverse.put("displayName", apiId + model);
                reverse.put("isUnidirectional", true);
            }
            in.put("reverseField", reverse);
        } else if ("ENUMERATION".equals(type)) {
            operation = "createEnumerableField";
            in.put("enumerationApiId", f.get("enumeration"));
        } else {
            operation = "createSimpleField";
            in.put("type", type);
        }
        in.put("displayName", SchemaTree.displayName(f, apiId));
        in.put("isList", SchemaTree.flag(f, "list"));
        if (SchemaTree.target(f) == null) {
            in.put("isLocalized", SchemaTree.flag(f, "localized"));
            in.put("isUnique", SchemaTree.flag(f, "unique"));
        }
        in.put("isRequired", SchemaTree.flag(f, "required"));
        if (f.get("visibility") != null) {
            in.put("visibility", f.get("visibility"));
        }
        Map<String, Object> validations = validations(f);
        if (validations != null) {
            in.put("validations", validations);
        }
        return Map.of(operation, in);
    }

    private static Map<String, Object> fieldUpdate(String model, String parentKey, Map<String, Object> old, Map<String, Object> f) {
        Map<String, Object> in = new LinkedHashMap<>();
        for (String[] pair : new String[][] {{"list", "isList"}, {"localized", "isLocalized"}, {"unique", "isUnique"},
                {"required", "isRequired"}}) {
            if (SchemaTree.flag(old, pair[0]) != SchemaTree.flag(f, pair[0])) {
                in.put(pair[1], SchemaTree.flag(f, pair[0]));
            }
        }
        if (!Objects.equals(old.get("visibility"), f.get("visibility"))) {
            in.put("visibility", f.get("visibility") == null ? "READ_WRITE" : f.get("visibility"));
        }
        if (!Objects.equals(validations(old), validations(f))) {
            in.put("validations", validations(f) == null ? Map.of() : validations(f));
        }
        String type = (String) f.get("type");
        boolean membersChanged = !SchemaTree.members(old).equals(SchemaTree.members(f));
        if ("UNION".equals(type) && membersChanged) {
            in.put("reverseField", Map.of("modelApiIds", SchemaTree.members(f)));
        } else if (modular(f) && membersChanged) {
            in.put("componentApiIds", SchemaTree.members(f));
        }
        if ("UNION".equals(type) || "COMPONENT".equals(type)) {
            in.remove("isLocalized");
            in.remove("isUnique");
            in.remove("validations");
        }
        if (in.isEmpty()) {
            return null;
        }
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("apiId", f.get("apiId"));
        ids.put("COMPONENT".equals(type) ? "parentApiId" : parentKey, model);
        ids.putAll(in);
        String operation = "UNION".equals(type) ? "updateUnionField"
                : "COMPONENT".equals(type) ? (modular(f) ? "updateComponentUnionField" : "updateComponentField")
                : SchemaTree.target(f) != null ? "updateRelationalField"
                : "ENUMERATION".equals(type) ? "updateEnumerableField" : "updateSimpleField";
        return Map.of(operation, ids);
    }

    private static Map<String, Object> validations(Map<String, Object> f) {
        if (f.get("validations") instanceof Map<?, ?> v && v.get("range") instanceof Map<?, ?> range) {
            return Map.of("INT".equals(f.get("type")) ? "Int" : "Float", Map.of("range", range));
        }
        return null;
    }

    private void remoteSources() {
        for (Map<String, Object> rs : source.remoteSources()) {
            String prefix = (String) rs.get("prefix");
            Map<String, Object> in = new LinkedHashMap<>(rs);
            String kind = String.valueOf(in.remove("sourceType"));
            if (in.get("oAuth") instanceof Map<?, ?> oauth) {
                Map<String, Object> masked = new LinkedHashMap<>();
                oauth.forEach((k, v) -> masked.put(String.valueOf(k), v));
                masked.put("clientSecret", SECRET_PLACEHOLDER);
                in.put("oAuth", masked);
            }
            var existing = target.remoteSource(prefix);
            String suffix = "GRAPHQL".equals(kind) ? "GraphQLRemoteSource" : "RESTRemoteSource";
            if (existing.isEmpty()) {
                creates.add(Map.of("create" + suffix, in));
            } else if (!Objects.equals(withoutSecret(existing.get()), withoutSecret(rs))) {
                updates.add(Map.of("update" + suffix, in));
            }
        }
        for (Map<String, Object> rs : target.remoteSources()) {
            if (source.remoteSource((String) rs.get("prefix")).isEmpty()) {
                deletes.add(op("deleteRemoteSource", "prefix", rs.get("prefix")));
            }
        }
    }

    private static Map<String, Object> withoutSecret(Map<String, Object> rs) {
        Map<String, Object> copy = new LinkedHashMap<>(rs);
        if (copy.get("oAuth") instanceof Map<?, ?> oauth) {
            Map<Object, Object> o = new LinkedHashMap<>(oauth);
            o.remove("clientSecret");
            copy.put("oAuth", o);
        }
        return copy;
    }

    private static Map<String, Object> op(String operation, Object... keyValues) {
        Map<String, Object> in = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            in.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Map.of(operation, in);
    }
}
