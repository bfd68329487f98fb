package io.stagesync.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a GraphQL response body and fails on any {@code errors} entry, whatever the HTTP status was;
 * returns the {@code data} object.
 */
public final class GraphQLErrorCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The {@code data} of the response, or a {@link GraphQLResponseException} naming every error and its path. */
    public Map<String, Object> check(String operation, String body) {
        Map<String, Object> response;
        try {
            response = JSON.readValue(body == null ? "" : body, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new GraphQLResponseException(operation, List.of("response is not JSON: " + e.getOriginalMessage()));
        }
        if (response == null) {
            throw new GraphQLResponseException(operation, List.of("empty response"));
        }
        List<String> errors = errorsOf(response.get("errors"));
        if (!errors.isEmpty()) {
            throw new GraphQLResponseException(operation, errors);
        }
        if (!(response.get("data") instanceof Map<?, ?>)) {
            throw new GraphQLResponseException(operation, List.of("response has no data"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) response.get("data");
        return data;
    }

    private static List<String> errorsOf(Object errors) {
        List<String> result = new ArrayList<>();
        if (errors instanceof List<?> list) {
            for (Object error : list) {
                if (error instanceof Map<?, ?> e) {
                    Object path = e.get("path");
                    result.add(e.get("message") + (path instanceof List<?> p && !p.isEmpty() ? " (path " + join(p) + ")" : ""));
                } else {
                    result.add(String.valueOf(error));
                }
            }
        } else if (errors != null) {
            result.add(String.valueOf(errors));
        }
        return result;
    }

    private static String join(List<?> path) {
        StringBuilder s = new StringBuilder();
        for (Object part : path) {
            s.append(s.length() == 0 ? "" : ".").append(part);
        }
        return s.toString();
    }
}
