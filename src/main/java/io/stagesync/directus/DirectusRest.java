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
 * files (multipart uploads, streamed) and the demo's schema changes. JSON in and out, the static token as a Bearer
 * token (never logged).
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

    /**
     * The URL of a file's bytes ({@code /assets/<id>}) that a plain GET can read: the token rides in the query, which
     * every message of the asset phase strips.
     */
    public String assetUrl(String id) {
        return base + "/assets/" + id + (token == null ? "" : "?access_token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A query parameter's value, URL-encoded; objects (filters) as JSON. */
    public static String param(Object value) {
        try {
            String text = value instanceof String s ? s : JSON.writeValueAsString(value);
            return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + value, e);
        }
    }

    /**
     * Streams a multipart form ({@code fields}, then the {@code file} part) with {@code method} to {@code path} and
     * returns the answer's {@code data}; {@code length} is the file's byte count, or -1 when unknown (sent chunked).
     */
    public Object upload(String method, String path, Map<String, String> fields, String fileName, String type,
                         java.io.InputStream file, long length) {
        String boundary = "stagesync-" + java.util.UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        String name = fileName == null || fileName.isBlank() ? "file" : fileName.replace("\"", "%22").replace("\r", " ").replace("\n", " ");
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(name)
                .append("\"\r\nContent-Type: ").append(type == null ? "application/octet-stream" : type).append("\r\n\r\n");
        byte[] first = head.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] last = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher parts = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(first),
                HttpRequest.BodyPublishers.ofInputStream(() -> file), HttpRequest.BodyPublishers.ofByteArray(last));
        HttpRequest.BodyPublisher body = length < 0 ? parts : HttpRequest.BodyPublishers.fromPublisher(parts, first.length + length + last.length);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout.multipliedBy(10))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).method(method, body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return answer(b.build(), method, path);
    }

    /** GET a JSON answer's {@code data}. */
    public Object get(String path) {
        return data("GET", path, null);
    }

    /** Sends JSON and returns the answer's {@code data} (null for 204). */
    public Object send(String method, String path, Object body) {
        return data(method, path, body);
    }

    /** Sends JSON and waits for the answer at most {@code wait} (instead of the stage's timeout); null for 204. */
    public Object send(String method, String path, Object body, Duration wait) {
        return data(method, path, body, wait);
    }

    private Object data(String method, String path, Object body) {
        return data(method, path, body, timeout);
    }

    private Object data(String method, String path, Object body, Duration wait) {
        try {
            return answer(request(method, path, body, wait), method, path);
        } catch (IOException e) {
            throw new StageRequestException(stage, 0, !"GET".equals(method), method + " " + path + " on stage " + stage
                    + " failed: " + e.getMessage(), e);
        }
    }

    private Object answer(HttpRequest request, String method, String path) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
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

    private HttpRequest request(String method, String path, Object body, Duration wait) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(wait);
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
