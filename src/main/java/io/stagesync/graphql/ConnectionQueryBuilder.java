package io.stagesync.graphql;

import java.util.regex.Pattern;

/** Builds connection-page queries for a model: cursor paging with {@code first}, {@code after} and {@code stage}. */
public final class ConnectionQueryBuilder {

    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

    /** A page of entry ids of the model, under the alias {@code page}. */
    public String idsPage(ModelRef model) {
        return page(model, "id");
    }

    /** A page of the model with the given selection set (without braces), under the alias {@code page}. */
    public String page(ModelRef model, String selection) {
        if (model == null || model.connectionField() == null || !NAME.matcher(model.connectionField()).matches()) {
            throw new IllegalArgumentException("not a GraphQL connection field: " + (model == null ? null : model.connectionField()));
        }
        return "query " + model.apiId() + "Page($first: Int, $after: String, $stage: Stage!) {\n"
                + "  page: " + model.connectionField() + "(first: $first, after: $after, stage: $stage) {\n"
                + "    edges { node { " + selection + " } }\n"
                + "    pageInfo { hasNextPage endCursor }\n"
                + "  }\n"
                + "}\n";
    }
}
