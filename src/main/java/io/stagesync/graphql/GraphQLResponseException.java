package io.stagesync.graphql;

import java.util.List;

/** A GraphQL response carried {@code errors} (even with HTTP 200): the operation failed. */
public class GraphQLResponseException extends RuntimeException {

    private final List<String> errors;

    public GraphQLResponseException(String operation, List<String> errors) {
        super("GraphQL " + operation + " failed: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /** Each error as {@code message (path a.b)}. */
    public List<String> errors() {
        return errors;
    }
}
