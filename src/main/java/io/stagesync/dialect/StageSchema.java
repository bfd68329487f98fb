package io.stagesync.dialect;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The content schema of one stage: locales, enumerations, models and components.
 *
 * @param stage         the stage name
 * @param locales       the locales, default first
 * @param models        the content models by id (system models such as Asset excluded)
 * @param enums         enumeration values by enumeration name
 * @param components    the components by name with their fields (component fields hold them by value)
 * @param skippedFields fields the engine cannot copy ({@code Model.field: reason}), reported as warnings
 */
public record StageSchema(String stage, List<String> locales, Map<String, ModelSchema> models,
                          Map<String, Set<String>> enums, Map<String, List<FieldSchema>> components, List<String> skippedFields) {

    public String defaultLocale() {
        return locales.isEmpty() ? "en" : locales.get(0);
    }
}
