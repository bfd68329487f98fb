package io.stagesync.directus;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.dialect.StageRequestException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The REST calls of a Directus stage that its GraphQL API does not offer: the schema snapshot, the project settings,
 * and the demo's schema changes. JSON in and out, the static token as a Bearer token (never logged).
 */
public final class DirectusRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String stage;
    private final String base;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;

    public DirectusRest(String stage, String base, String token, Duration timeout) {
        this.stage = stage;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String base() {
        return base;
    }

    /** GET a JSON answer's {@code data}. */
    public Object get(String path) {
        return data("GET", path, null);
    }

    /** Sends JSON and returns the answer's {@code data} (null for 204). */
    public Object send(String method, String path, Object body) {
        return data(method, path, body);
    }

    private Object data(String method, String path, Object body) {
        try {
            HttpResponse<String> r = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 204) {
                return null;
            }
            if (r.statusCode() / 100 != 2) {
                throw failure(r.statusCode(), method + " " + path, r.body());
            }
            Map<String, Object> json = JSON.readValue(r.body(), new TypeReference<Map<String, Object>>() { });
            return json.get("data");
        } catch (IOException e) {
            throw new StageRequestException(stage, 0, !"GET".equals(method), method + " " + path + " on stage " + stage
                    + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageRequestException(stage, 0, true, "Interrupted while calling stage " + stage, e);
        }
    }

    private HttpRequest request(String method, String path, Object body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
    }

    private StageRequestException failure(int status, String what, String body) {
        String detail = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
        if (status == 401 || status == 403) {
            return new StageRequestException(stage, status, false, "Stage " + stage + " refused the token (HTTP " + status
                    + ") for " + what + ": check stagesync.stages." + stage + ".token", null);
        }
        return new StageRequestException(stage, status, false, what + " on stage " + stage + " answered HTTP " + status + ": " + detail, null);
    }
}
