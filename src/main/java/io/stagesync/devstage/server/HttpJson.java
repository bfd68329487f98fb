package io.stagesync.devstage.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON in and out of the JDK HTTP server, and Hygraph's error body {@code {errors, data: null, extensions: {requestId}}}. */
public final class HttpJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private HttpJson() {
    }

    /** A cuid-like request id. */
    public static String requestId() {
        StringBuilder id = new StringBuilder("c");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * Reads the whole body before parsing it. A body left half read (a parse error early in a large body) makes the
     * JDK server close the connection after answering, and a client that reuses that connection then reads nothing.
     */
    public static Map<String, Object> readObject(InputStream in) throws IOException {
        byte[] body = in.readAllBytes();
        return MAPPER.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    public static Map<String, Object> errorBody(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(Map.of("message", message)));
        body.put("data", null);
        body.put("extensions", new LinkedHashMap<>(Map.of("requestId", requestId())));
        return body;
    }

    public static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, errorBody(message));
    }

    public static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** At most 200 characters of untrusted input (a client's body, a parser's message about it) for an answer or a log. */
    static String quote(String text) {
        if (text == null || text.length() <= 200) {
            return text;
        }
        return text.substring(0, 200) + "… (" + (text.length() - 200) + " more characters)";
    }
}
