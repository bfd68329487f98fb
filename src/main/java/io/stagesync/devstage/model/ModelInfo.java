package io.stagesync.devstage.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A resolved model: its names and every field, reverse relation fields included. */
public final class ModelInfo {
    private final String apiId;
    private final String plural;
    private final boolean asset;
    private final boolean component;
    private final Map<String, FieldInfo> fields = new LinkedHashMap<>();
    private List<FieldInfo> fieldList = List.of();
    private boolean localized;

    public ModelInfo(String apiId, String plural, boolean asset) {
        this(apiId, plural, asset, false);
    }

    ModelInfo(String apiId, String plural, boolean asset, boolean component) {
        this.apiId = apiId;
        this.plural = plural;
        this.asset = asset;
        this.component = component;
    }

    /** True for a component: embedded by value, no queries or mutations of its own. */
    public boolean isComponent() {
        return component;
    }

    void add(FieldInfo field) {
        if (fields.putIfAbsent(field.apiId(), field) != null) {
            throw new ModelDefinitionException("Model " + apiId + ": field '" + field.apiId() + "' is defined twice"
                    + " (a reverse relation field may clash with a declared field)");
        }
        fieldList = List.copyOf(fields.values());
        localized |= field.localized();
    }

    public String apiId() {
        return apiId;
    }

    public String plural() {
        return plural;
    }

    /** True for the system model Asset. */
    public boolean isAsset() {
        return asset;
    }

    public FieldInfo field(String name) {
        return fields.get(name);
    }

    public List<FieldInfo> fields() {
        return fieldList;
    }

    /** True when some field is localized (then localization inputs exist). */
    public boolean hasLocalizedFields() {
        return localized;
    }

    /** lower-camel singular name used for queries ({@code hotel}). */
    public String singularQuery() {
        return Character.toLowerCase(apiId.charAt(0)) + apiId.substring(1);
    }

    /** lower-camel plural name used for list queries ({@code hotels}). */
    public String pluralQuery() {
        return Character.toLowerCase(plural.charAt(0)) + plural.substring(1);
    }
}
