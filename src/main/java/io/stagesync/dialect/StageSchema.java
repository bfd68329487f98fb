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
 * @param ownToOneLinks true when a to-one relation field is a relation of its own, never one side of a two-way
 *                      relation (the stage keeps the link in the field's own column, a many-to-one): A.f -> B is then
 *                      written even when B has one field back to A; false when such a pair is one two-way relation,
 *                      written from one side
 */
public record StageSchema(String stage, List<String> locales, Map<String, ModelSchema> models,
                          Map<String, Set<String>> enums, Map<String, List<FieldSchema>> components, List<String> skippedFields,
                          boolean ownToOneLinks) {

    /** A stage whose relation pairs are two-way relations. */
    public StageSchema(String stage, List<String> locales, Map<String, ModelSchema> models,
                       Map<String, Set<String>> enums, Map<String, List<FieldSchema>> components, List<String> skippedFields) {
        this(stage, locales, models, enums, components, skippedFields, false);
    }

    public String defaultLocale() {
        return locales.isEmpty() ? "en" : locales.get(0);
    }
}
