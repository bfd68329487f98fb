package io.stagesync.sync.schema;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One content model of a stage and the names of its generated queries and mutations.
 *
 * @param name              the model's apiId ({@code Hotel})
 * @param listField         the list query ({@code hotels})
 * @param connectionField   the connection query ({@code hotelsConnection})
 * @param publishMany       the bulk publish mutation, or null when the stage has none
 * @param unpublishMany     the bulk unpublish mutation, or null
 * @param publishLocales    true when the bulk publish mutations take {@code locales}
 * @param fields            the writable fields, in schema order
 * @param uniqueFields      the unique fields besides {@code id}
 * @param whereFields       the filter fields of {@code <Model>WhereInput}
 */
public record ModelSchema(String name, String listField, String connectionField, String publishMany,
                          String unpublishMany, boolean publishLocales, List<FieldSchema> fields,
                          Set<String> uniqueFields, Set<String> whereFields) {

    public ModelSchema {
        fields = List.copyOf(fields);
        uniqueFields = Set.copyOf(uniqueFields);
        whereFields = Set.copyOf(whereFields);
    }

    public Optional<FieldSchema> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    public boolean hasLocalizedFields() {
        return fields.stream().anyMatch(FieldSchema::localized);
    }
}
