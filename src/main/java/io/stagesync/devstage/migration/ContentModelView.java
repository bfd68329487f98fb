package io.stagesync.devstage.migration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Management API's {@code contentModel} of an environment: models with their plural names and fields (reverse
 * relation sides included) with ids, components with theirs, the content stages (the system ones and the custom ones), and remote sources without their secrets. A field keeps its id through
 * renames; a field created by a migration gets a new one, so a field deleted and created again is told apart.
 * Fields of a definition file have an id derived from their model and name.
 */
public final class ContentModelView {
    private ContentModelView() {
    }

    public static Map<String, Object> of(SchemaTree tree) {
        List<Map<String, Object>> models = new ArrayList<>();
        for (Map<String, Object> m : tree.models()) {
            String apiId = (String) m.get("apiId");
            List<Map<String, Object>> fields = declaredFields(apiId, m);
            for (Map<String, Object> owner : tree.models()) {
                for (Map<String, Object> f : SchemaTree.fields(owner)) {
                    if (apiId.equals(SchemaTree.target(f)) && f.get("reverseField") instanceof Map<?, ?> r) {
                        fields.add(field(id((String) owner.get("apiId"), f) + "-reverse", String.valueOf(r.get("apiId"))));
                    }
                }
            }
            models.add(Map.of("id", "model-" + apiId, "apiId", apiId, "apiIdPlural", m.get("apiIdPlural"),
                    "displayName", SchemaTree.displayName(m, apiId), "fields", fields));
        }
        List<Map<String, Object>> components = new ArrayList<>();
        for (Map<String, Object> c : tree.components()) {
            String apiId = (String) c.get("apiId");
            components.add(Map.of("id", "component-" + apiId, "apiId", apiId,
                    "apiIdPlural", c.get("apiIdPlural") != null ? c.get("apiIdPlural") : apiId + "s",
                    "displayName", SchemaTree.displayName(c, apiId), "fields", declaredFields(apiId, c)));
        }
        List<Map<String, Object>> remote = new ArrayList<>();
        for (Map<String, Object> r : tree.remoteSources()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("prefix", r.get("prefix"));
            view.put("displayName", r.get("displayName"));
            view.put("description", r.get("description"));
            view.put("url", r.get("url"));
            view.put("type", r.get("sourceType"));
            view.put("kind", r.get("kind"));
            view.put("introspectionMethod", r.get("introspectionMethod"));
            if (r.get("oAuth") instanceof Map<?, ?> oauth) {
                Map<String, Object> withoutSecret = new LinkedHashMap<>();
                oauth.forEach((k, v) -> {
                    if (!"clientSecret".equals(k)) {
                        withoutSecret.put(String.valueOf(k), v);
                    }
                });
                view.put("oAuth", withoutSecret);
            }
            remote.add(view);
        }
        List<Map<String, Object>> stages = new ArrayList<>();
        stages.add(stage("DRAFT", "Draft", "NEUTRAL", true, 0));
        stages.add(stage("PUBLISHED", "Published", "GREEN", true, 1));
        for (Map<String, Object> st : tree.stages()) {
            stages.add(stage((String) st.get("apiId"), String.valueOf(st.get("displayName")),
                    st.get("color") == null ? "NEUTRAL" : String.valueOf(st.get("color")), false, stages.size()));
        }
        return Map.of("models", models, "components", components, "remoteSources", remote, "stages", stages);
    }

    private static Map<String, Object> stage(String apiId, String displayName, String palette, boolean system, int position) {
        return Map.of("id", "stage-" + apiId, "apiId", apiId, "displayName", displayName, "colorPaletteId", palette,
                "isSystem", system, "position", position);
    }

    /** The fields a model or component declares, with their ids. */
    private static List<Map<String, Object>> declaredFields(String parent, Map<String, Object> declaration) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Map<String, Object> f : SchemaTree.fields(declaration)) {
            fields.add(field(id(parent, f), (String) f.get("apiId")));
        }
        return fields;
    }

    private static Map<String, Object> field(String id, String apiId) {
        return Map.of("id", id, "apiId", apiId, "displayName", apiId);
    }

    /** The field's stored id, or one derived from its model and name. */
    static String id(String model, Map<String, Object> field) {
        if (field.get("id") instanceof String id) {
            return id;
        }
        return "field-" + UUID.nameUUIDFromBytes((model + "." + field.get("apiId")).getBytes(StandardCharsets.UTF_8));
    }

    /** A new id for a field created by a migration. */
    static String newId() {
        return "field-" + UUID.randomUUID();
    }
}
