package io.stagesync.hygraph;

import java.util.Set;

/**
 * Hygraph's generated operation names of one model in one stage.
 *
 * @param listField       the list query ({@code hotels})
 * @param connectionField the connection query ({@code hotelsConnection})
 * @param publishMany     the bulk publish mutation, or null when the stage has none
 * @param unpublishMany   the bulk unpublish mutation, or null
 * @param deleteMany      the bulk delete mutation ({@code deleteMany<Models>Connection}), or null when the stage has none
 * @param publishLocales  true when the bulk publish mutations take {@code locales}
 * @param whereFields     the filter fields of {@code <Model>WhereInput}
 */
public record HygraphModel(String name, String listField, String connectionField, String publishMany, String unpublishMany,
                           String deleteMany, boolean publishLocales, Set<String> whereFields) {

    public HygraphModel {
        whereFields = Set.copyOf(whereFields);
    }
}
