package io.stagesync.sync.schema;

import io.stagesync.dialect.ModelPlan;

import java.util.List;
import java.util.Optional;

/**
 * The models of a sync in write order (targets of relations first), with the locales both stages share.
 */
public record SyncPlan(List<ModelPlan> models, List<String> locales, List<String> warnings) {

    public String defaultLocale() {
        return locales.get(0);
    }

    public List<String> modelNames() {
        return models.stream().map(ModelPlan::name).toList();
    }

    public Optional<ModelPlan> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
