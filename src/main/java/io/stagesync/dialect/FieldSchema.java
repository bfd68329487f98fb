package io.stagesync.dialect;

/**
 * One writable field of a model, as the stage describes it.
 *
 * @param name      the field's apiId
 * @param kind      what the field holds
 * @param typeName  the scalar or enum type name, or the related model ({@code Asset} for asset links)
 * @param list      true for a list (to-many relation, scalar list)
 * @param localized true when the value differs per locale
 */
public record FieldSchema(String name, Kind kind, String typeName, boolean list, boolean localized) {

    /** The field kinds the sync engine copies. */
    public enum Kind { SCALAR, ENUM, RELATION, ASSET, COMPONENT }

    public boolean isLink() {
        return kind == Kind.RELATION || kind == Kind.ASSET;
    }

    /** A short description used when two schemas are compared. */
    public String signature() {
        return kind + " " + (list ? "[" + typeName + "]" : typeName) + (localized ? " localized" : "");
    }
}
