package io.stagesync.devstage;

import java.util.List;
import java.util.Map;

/**
 * One GraphQL request to an environment's content API, as devstage's HTTP layer received it.
 *
 * @param query         the GraphQL document
 * @param variables     the variables (never null; empty when absent)
 * @param operationName the operation to run, or null
 * @param locales       locales from the {@code gcms-locales} header, in fallback order (empty when absent)
 * @param stage         the stage from the {@code gcms-stage} header, or null
 */
public record GraphQLRequest(String query, Map<String, Object> variables, String operationName,
                             List<String> locales, String stage) {
    public GraphQLRequest {
        variables = variables == null ? Map.of() : variables;
        locales = locales == null ? List.of() : List.copyOf(locales);
    }
}
