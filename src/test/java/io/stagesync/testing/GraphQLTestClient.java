package io.stagesync.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny GraphQL client for tests: posts {@code {query, variables}} with a bearer token over real HTTP
 * and returns the status and the parsed JSON body.
 */
public final class GraphQLTestClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    /** @param token the bearer token sent with every request, or null to send none */
    public GraphQLTestClient(String token) {
        this.token = token;
    }

    /** Status, JSON body (null when the body is not JSON) and headers of one answer. */
    public record Response(int status, Map<String, Object> json, HttpHeaders headers) {

        /** {@code data.<field>} as a map, or null. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> data(String field) {
            Object data = json == null ? null : json.get("data");
            return data instanceof Map<?, ?> map ? (Map<String, Object>) map.get(field) : null;
        }

        /** The {@code errors} array (empty when there is none). */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> errors() {
            Object errors = json == null ? null : json.get("errors");
            return errors instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
        }
    }

    public Response post(String url, String query) throws IOException, InterruptedException {
        return post(url, query, Map.of());
    }

    public Response post(String url, String query, Map<String, Object> variables) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return postRaw(url, MAPPER.writeValueAsString(body), Map.of());
    }

    /** Posts a raw body with extra headers (e.g. {@code gcms-stage}). */
    public Response postRaw(String url, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), parse(response.body()), response.headers());
    }

    private static Map<String, Object> parse(String body) {
        try {
            return MAPPER.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            return null;
        }
    }
}
