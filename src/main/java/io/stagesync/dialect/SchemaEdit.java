package io.stagesync.dialect;

import java.util.List;
import java.util.Map;

/**
 * One schema change to make in a stage, in neutral terms.
 *
 * @param action         {@code add-locale, add-enum, add-enum-values, add-model, add-component, add-field, change-field,
 *                       rename-field, remove-field, remove-component, remove-model, remove-enum-values, remove-enum,
 *                       remove-locale, add-remote-source, change-remote-source, remove-remote-source, add-stage,
 *                       change-stage, remove-stage, add-setting, change-setting, remove-setting}
 * @param model          the model or component (or the enumeration, locale, remote source prefix or custom content
 *                       stage, or the stage's own setting, for those actions)
 * @param field          the field, or null
 * @param newName        the new name of a renamed field, or null
 * @param definition     the field as it should be (add and change), or null
 * @param required       whether the field is required after the change
 * @param unique         whether the field is unique after the change
 * @param reverse        for a two-way relation added from this side: the other side's field name and whether it is a list
 * @param values         enumeration values (add-enum, add-enum-values, remove-enum-values)
 * @param migrationValue the value written into entries that lack one when the field becomes required, or null
 * @param settings       remote source settings (without secret); a stage's own setting as it should be (as the target
 *                       has it, for a removal); a custom content stage's {@code displayName, color}; {@code {plural}} of an added model or component;
 *                       {@code {parent: "component"}} for a change to a field of a component; or null
 */
public record SchemaEdit(String action, String model, String field, String newName, FieldSchema definition, boolean required,
                         boolean unique, Reverse reverse, List<String> values, String migrationValue,
                         Map<String, Object> settings) {

    /** The other side of a two-way relation. */
    public record Reverse(String field, boolean list) {
    }
}
