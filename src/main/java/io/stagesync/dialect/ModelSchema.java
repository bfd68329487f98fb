package io.stagesync.dialect;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One content model of a stage in neutral terms: its writable fields and what the stage can do with it.
 *
 * @param name          the model's id ({@code Hotel})
 * @param fields        the writable fields, in schema order
 * @param uniqueFields  the unique fields besides the id
 * @param watermark     true when the stage can read only the entries changed after a time (incremental runs)
 * @param bulkPublish   true when the stage publishes many entries of the model in one call
 * @param bulkUnpublish true when the stage unpublishes many entries in one call
 * @param requiredFields the fields every entry must have a value for (empty when the stage does not say)
 */
public record ModelSchema(String name, List<FieldSchema> fields, Set<String> uniqueFields, boolean watermark,
                          boolean bulkPublish, boolean bulkUnpublish, Set<String> requiredFields) {

    public ModelSchema {
        fields = List.copyOf(fields);
        uniqueFields = Set.copyOf(uniqueFields);
        requiredFields = Set.copyOf(requiredFields);
    }

    /** A model whose stage does not say which fields are required. */
    public ModelSchema(String name, List<FieldSchema> fields, Set<String> uniqueFields, boolean watermark,
                       boolean bulkPublish, boolean bulkUnpublish) {
        this(name, fields, uniqueFields, watermark, bulkPublish, bulkUnpublish, Set.of());
    }

    public Optional<FieldSchema> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    public boolean hasLocalizedFields() {
        return fields.stream().anyMatch(FieldSchema::localized);
    }
}
