package io.stagesync.devstage.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated model definition resolved into models with reverse fields, plus the system model Asset. */
public final class ContentSchema {
    public static final String ASSET = "Asset";

    private final ModelDefinition definition;
    private final Map<String, ModelInfo> models;
    private final Map<String, List<String>> enumerations;
    private final Map<String, ModelInfo> components;

    ContentSchema(ModelDefinition definition, Map<String, ModelInfo> models, Map<String, List<String>> enumerations,
                  Map<String, ModelInfo> components) {
        this.definition = definition;
        this.models = models;
        this.enumerations = enumerations;
        this.components = components;
    }

    /** The components, in definition order. */
    public List<ModelInfo> components() {
        return List.copyOf(components.values());
    }

    /** A model or a component by apiId. */
    public ModelInfo type(String apiId) {
        ModelInfo c = components.get(apiId);
        return c != null ? c : model(apiId);
    }

    public ModelDefinition definition() {
        return definition;
    }

    public List<String> locales() {
        return definition.locales();
    }

    public String defaultLocale() {
        return definition.defaultLocale();
    }

    /** All models, Asset last. */
    public List<ModelInfo> models() {
        return List.copyOf(models.values());
    }

    public ModelInfo model(String apiId) {
        ModelInfo model = models.get(apiId);
        if (model == null) {
            throw new IllegalArgumentException("Unknown model '" + apiId + "'");
        }
        return model;
    }

    public boolean hasModel(String apiId) {
        return models.containsKey(apiId);
    }

    /**
     * The bucket key of one locale's file of an asset: the asset id for the default locale (as before assets were
     * localized), {@code <id>-<locale>} for the others.
     */
    public String assetFileKey(String assetId, String locale) {
        return locale.equals(defaultLocale()) ? assetId : assetId + "-" + locale;
    }

    public Map<String, List<String>> enumerations() {
        return enumerations;
    }

    static Map<String, ModelInfo> newModelMap() {
        return new LinkedHashMap<>();
    }
}
