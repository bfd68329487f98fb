package io.stagesync.devstage.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * A devstage model definition as read from JSON: locales (the first is the default), enumerations, components and
 * models; {@code demo} names the demo content generator ({@code kitchen-sink}; absent: the hotel demo);
 * {@code assetFields} are custom fields of the system model Asset (localized ones per locale, as Hygraph's).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelDefinition(String description, String demo, List<String> locales, List<Enumeration> enumerations,
                              List<Model> components, List<Model> models, List<Field> assetFields) {

    /** An enumeration and its values. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Enumeration(String apiId, List<String> values) {
    }

    /** A content model with its fields. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String apiId, String apiIdPlural, List<Field> fields) {
    }

    /**
     * A field of a model or component; {@code model} names a relation's target, {@code reverseField} makes it
     * two-way, {@code models} lists a union's members, {@code component} names a component field's component and
     * {@code components} the members of a modular (component union) field.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Field(String apiId, FieldType type, boolean required, boolean unique, boolean localized,
                        boolean list, String enumeration, String model, ReverseField reverseField,
                        String visibility, Map<String, Object> validations, List<String> models,
                        String component, List<String> components) {
    }

    /** The other side of a two-way relation, added to the target model. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReverseField(String apiId, boolean list) {
    }

    /** The default locale (the first one listed). */
    public String defaultLocale() {
        return locales.get(0);
    }
}
