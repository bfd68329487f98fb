package io.stagesync.devstage.model;

import java.util.List;

/**
 * One field of a resolved model: declared fields, the reverse side of two-way relations and Asset's system fields.
 *
 * @param owner      the model holding the field
 * @param target     the related model for RELATION/ASSET fields
 * @param reverse    the apiId of the other side of a two-way relation (on {@code target}), or null
 * @param readOnly   system fields that no input may set (Asset's handle, size, ...)
 * @param members    the models of a UNION field, the components of a COMPONENT field (several: modular)
 * @param modular    true for a COMPONENT field declared with {@code components} (a component union)
 */
public record FieldInfo(String owner, String apiId, FieldType type, boolean list, boolean required, boolean unique,
                        boolean localized, String enumeration, String target, String reverse,
                        Long min, Long max, boolean readOnly, List<String> members, boolean modular) {

    public FieldInfo(String owner, String apiId, FieldType type, boolean list, boolean required, boolean unique,
                     boolean localized, String enumeration, String target, String reverse, Long min, Long max,
                     boolean readOnly) {
        this(owner, apiId, type, list, required, unique, localized, enumeration, target, reverse, min, max, readOnly,
                List.of(), false);
    }

    /** True for links to entries or assets. */
    public boolean isRelation() {
        return type == FieldType.RELATION || type == FieldType.ASSET;
    }

    /** True when the field can appear in orderBy. */
    public boolean isSortable() {
        return type.isScalar() && !list && type != FieldType.JSON;
    }

    /** True for plain values: scalars, enums and structured values (no links, no components). */
    public boolean isValue() {
        return type.isLocalizable();
    }

    /** The GraphQL union type name of a UNION or modular COMPONENT field ({@code HotelpartnerUnion}). */
    public String unionType() {
        return owner + apiId + "Union";
    }

    /** The type named in inputs and outputs: the component, the union, the target model. */
    public String valueType() {
        if (type == FieldType.UNION || type == FieldType.COMPONENT && modular) {
            return unionType();
        }
        return type == FieldType.COMPONENT ? members.get(0) : target;
    }
}
