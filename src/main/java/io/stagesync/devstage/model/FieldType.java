package io.stagesync.devstage.model;

/** The kinds of fields a devstage model definition may declare. */
public enum FieldType {
    STRING, INT, FLOAT, BOOLEAN, DATETIME, DATE, JSON, ENUMERATION, LOCATION, COLOR, RICHTEXT, RELATION, ASSET,
    UNION, COMPONENT;

    /** True for plain scalar kinds that hold a value (not a link, a component or a structured value). */
    public boolean isScalar() {
        return ordinal() <= ENUMERATION.ordinal();
    }

    /** True for values stored as a small object (Location, Color, rich text). */
    public boolean isStructured() {
        return this == LOCATION || this == COLOR || this == RICHTEXT;
    }

    /** True for kinds whose values may differ per locale. */
    public boolean isLocalizable() {
        return isScalar() || isStructured();
    }

    /** True when values of this kind can be ordered and compared with _lt/_gt. */
    public boolean isComparable() {
        return this == INT || this == FLOAT || this == DATETIME || this == DATE;
    }

    /** The GraphQL scalar type name for scalar kinds. */
    public String graphqlScalar() {
        return switch (this) {
            case STRING -> "String";
            case INT -> "Int";
            case FLOAT -> "Float";
            case BOOLEAN -> "Boolean";
            case DATETIME -> "DateTime";
            case DATE -> "Date";
            case JSON -> "Json";
            default -> throw new IllegalStateException("no scalar for " + this);
        };
    }
}
