package io.stagesync.graphql;

import java.util.Map;

/** Reads a {@code Retry-After} answer header (seconds) into a redelivery delay, capped; null when there is none. */
public final class RetryAfterDelay {

    private final long maxDelayMs;

    public RetryAfterDelay(long maxDelayMs) {
        if (maxDelayMs < 0) {
            throw new IllegalArgumentException("stagesync.retry.max-delay-ms must be >= 0, got: " + maxDelayMs);
        }
        this.maxDelayMs = maxDelayMs;
    }

    /** The delay in milliseconds that the answer's headers ask for, or null (no header, or an HTTP date we ignore). */
    public Long delayMillis(Map<String, String> responseHeaders) {
        if (responseHeaders == null) {
            return null;
        }
        for (Map.Entry<String, String> header : responseHeaders.entrySet()) {
            if ("Retry-After".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                try {
                    long seconds = Long.parseLong(header.getValue().trim());
                    return Math.min(Math.max(0, seconds) * 1000, maxDelayMs);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
