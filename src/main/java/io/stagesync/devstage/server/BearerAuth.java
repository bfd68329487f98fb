package io.stagesync.devstage.server;

import com.sun.net.httpserver.HttpExchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks {@code Authorization: Bearer <token>} in constant time. */
public final class BearerAuth {

    private final byte[] expected;

    public BearerAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("devstage token must not be empty");
        }
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** The reason the request is refused, or null when its token is right. */
    public String refusal(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.isBlank()) {
            return "Unauthorized: no Authorization header with a Bearer token was sent";
        }
        if (!MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.UTF_8))) {
            return "Unauthorized: the Bearer token is not valid for this project";
        }
        return null;
    }
}
