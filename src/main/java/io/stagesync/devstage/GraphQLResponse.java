package io.stagesync.devstage;

import java.util.Map;

/**
 * The answer to a {@link GraphQLRequest}: the HTTP status and the JSON body ({@code data}, {@code errors}, {@code extensions}).
 */
public record GraphQLResponse(int status, Map<String, Object> body) {
}
