package io.stagesync.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks the {@code Authorization: Bearer <token>} header of API requests against {@code stagesync.api.token}.
 */
public final class ApiTokenGuard {

    private final byte[] token;

    /** A blank token means none is configured: every API request is then refused. */
    public ApiTokenGuard(String token) {
        this.token = token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    public boolean configured() {
        return token != null;
    }

    /** Null when the header carries the token, otherwise the reason for a 401. */
    public String refusal(String authorization) {
        if (token == null) {
            return "the service has no API token configured; set stagesync.api.token (environment variable STAGESYNC_API_TOKEN)";
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "missing bearer token: send the header 'Authorization: Bearer <stagesync.api.token>'";
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given) ? null : "wrong bearer token";
    }
}
