package io.stagesync.graphql;

/**
 * One model of a stage as its schema names it.
 *
 * @param apiId           the type name ({@code Hotel})
 * @param pluralApiId     the plural name that drives the list queries ({@code Hotels})
 * @param connectionField the connection query field ({@code hotelsConnection})
 * @param system          true for system models such as {@code Asset}
 */
public record ModelRef(String apiId, String pluralApiId, String connectionField, boolean system) {
}
