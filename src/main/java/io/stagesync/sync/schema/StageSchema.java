package io.stagesync.sync.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The content schema of one stage as introspected: locales, enumerations and models.
 *
 * @param stage         the stage name
 * @param locales       the locales, default first
 * @param models        the content models by apiId (system models such as Asset excluded)
 * @param enums         enumeration values by enumeration name
 * @param skippedFields fields the engine cannot copy ({@code Model.field: reason}), reported as warnings
 */
public record StageSchema(String stage, List<String> locales, Map<String, ModelSchema> models,
                          Map<String, Set<String>> enums, List<String> skippedFields) {

    public String defaultLocale() {
        return locales.isEmpty() ? "en" : locales.get(0);
    }
}
