package io.stagesync.devstage.model;

/**
 * One field of a resolved model: declared fields, the reverse side of two-way relations and Asset's system fields.
 *
 * @param owner      the model holding the field
 * @param target     the related model for RELATION/ASSET fields
 * @param reverse    the apiId of the other side of a two-way relation (on {@code target}), or null
 * @param readOnly   system fields that no input may set (Asset's handle, size, ...)
 */
public record FieldInfo(String owner, String apiId, FieldType type, boolean list, boolean required, boolean unique,
                        boolean localized, String enumeration, String target, String reverse,
                        Long min, Long max, boolean readOnly) {

    /** True for links to entries or assets. */
    public boolean isRelation() {
        return type == FieldType.RELATION || type == FieldType.ASSET;
    }

    /** True when the field can appear in orderBy. */
    public boolean isSortable() {
        return !isRelation() && !list && type != FieldType.JSON;
    }
}
