package io.stagesync.directus;

import java.util.List;
import java.util.Map;

/**
 * Sends one GraphQL document to a Directus endpoint ({@code /graphql} for items, {@code /graphql/system} for system
 * collections) and returns its answer; rate limit, retries and the circuit breaker are the sender's. The configuration
 * wires the project's camel-graphql sender in, so Directus requests take the same way as every other stage request.
 */
@FunctionalInterface
public interface GraphQLTransport {

    /** The parsed answer: HTTP status, {@code data} and {@code errors}. */
    record Answer(int status, Map<String, Object> data, List<Map<String, Object>> errors) {
        public Answer {
            data = data == null ? Map.of() : data;
            errors = errors == null ? List.of() : errors;
        }

        public String errorMessages() {
            // Directus puts the validation errors' own messages under extensions.errors
            return String.join("; ", errors.stream().map(e -> e.get("message") + (e.get("extensions") instanceof Map<?, ?> x
                    && x.get("errors") instanceof List<?> inner ? " " + inner.stream().map(i -> i instanceof Map<?, ?> m
                    ? String.valueOf(m.get("message")) : String.valueOf(i)).toList() : "")).toList());
        }
    }

    Answer execute(String query, Map<String, Object> variables);
}
