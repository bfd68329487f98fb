package io.stagesync.graphql;

import org.apache.camel.util.json.JsonObject;

import java.util.Map;

/**
 * Builds GraphQL variables as the {@link JsonObject} camel-graphql requires (a Map or a JSON string is sent as {@code {}}).
 */
public final class GraphQLVariablesBuilder {

    /** Variables of one connection page: {@code first}, {@code stage}, and {@code after} unless this is the first page. */
    public JsonObject page(int first, String after, String stage) {
        if (first < 1 || first > 100) {
            throw new IllegalArgumentException("page size must be between 1 and 100, got: " + first);
        }
        JsonObject variables = new JsonObject();
        variables.put("first", first);
        variables.put("stage", stage);
        if (after != null && !after.isBlank()) {
            variables.put("after", after);
        }
        return variables;
    }

    /** No variables. */
    public JsonObject none() {
        return new JsonObject();
    }

    /** Any variables; null values are left out so that the server applies its defaults. */
    public JsonObject of(Map<String, ?> values) {
        JsonObject variables = new JsonObject();
        if (values != null) {
            values.forEach((key, value) -> {
                if (value != null) {
                    variables.put(key, value);
                }
            });
        }
        return variables;
    }
}
