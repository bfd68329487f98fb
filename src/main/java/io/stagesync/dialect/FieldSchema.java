package io.stagesync.dialect;

import java.util.List;

/**
 * One writable field of a model or component, as the stage describes it.
 *
 * @param name      the field's apiId
 * @param kind      what the field holds
 * @param typeName  the scalar or enum type name, the related model ({@code Asset} for asset links), the component,
 *                  or the union type of a union or modular field
 * @param list      true for a list (to-many relation, scalar list, component list)
 * @param localized true when the value differs per locale
 * @param members   the models a UNION field may reference, the components a COMPONENT field may hold (several: a
 *                  modular field); empty for other kinds
 */
public record FieldSchema(String name, Kind kind, String typeName, boolean list, boolean localized, List<String> members) {

    /**
     * The field kinds the sync engine copies. SCALAR holds String, Int, Float, Boolean, Date, DateTime, JSON and
     * the like; LOCATION ({@code {latitude, longitude}}), COLOR ({@code {rgba: {r, g, b, a}}}) and RICHTEXT (the AST,
     * embeds and links holding {@link Reference}s) are values too. UNION and COMPONENT values are written by value:
     * a union holds {@link Reference}s, a component a map with {@code __typename}, its field values and
     * {@code $localizations} (locale → localized values of the component).
     */
    public enum Kind { SCALAR, ENUM, LOCATION, COLOR, RICHTEXT, RELATION, ASSET, UNION, COMPONENT }

    public FieldSchema {
        members = members == null ? List.of() : List.copyOf(members);
    }

    public FieldSchema(String name, Kind kind, String typeName, boolean list, boolean localized) {
        this(name, kind, typeName, list, localized, List.of());
    }

    /** Links written through the relations phase (relations and assets). */
    public boolean isLink() {
        return kind == Kind.RELATION || kind == Kind.ASSET;
    }

    /** Values that may hold references to entries or assets (mapped through the id map when written). */
    public boolean mayReference() {
        return kind == Kind.RICHTEXT || kind == Kind.UNION || kind == Kind.COMPONENT;
    }

    /**
     * What a source field and its target field must agree on for a sync: the {@link #signature}, but a union by its
     * members alone, as a set. A union's type name is the CMS's own (Hygraph names a generated union type, Directus
     * the junction of a many-to-any field), and its values are written by member model and id.
     */
    public String copySignature() {
        return kind == Kind.UNION ? kind + (list ? " [" : " ") + "of " + new java.util.TreeSet<>(members) + (list ? "]" : "")
                + (localized ? " localized" : "") : signature();
    }

    /** A short description used when two schemas are compared. */
    public String signature() {
        return kind + " " + (list ? "[" + typeName + "]" : typeName) + (localized ? " localized" : "")
                + (members.isEmpty() ? "" : " of " + members);
    }
}
