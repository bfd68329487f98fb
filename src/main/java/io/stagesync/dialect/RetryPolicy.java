package io.stagesync.dialect;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter for retried stage requests, capped, and overridden by a server's
 * {@code Retry-After} when one is given.
 *
 * @param maxAttempts attempts in total, the first included (at least 1)
 * @param baseDelay   the delay before the second attempt, doubled for each further one
 * @param maxDelay    the cap of one delay
 * @param breakerFailures failed requests in a row to a stage (attempts, not retried calls) after which the stage is
 *                    taken for down and every further request of the run fails at once; 0 = never
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, int breakerFailures) {

    /** Retries without a circuit breaker. */
    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this(maxAttempts, baseDelay, maxDelay, 0);
    }

    public RetryPolicy {
        if (breakerFailures < 0) {
            throw new IllegalArgumentException("stagesync.sync.circuit-breaker.failures must be >= 0, got: " + breakerFailures);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("stagesync.sync.retry.max-attempts must be >= 1, got: " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= base-delay <= max-delay, got: "
                    + baseDelay + " / " + maxDelay);
        }
    }

    /** The delay before attempt {@code attempt + 1} (attempt counts from 1), or {@code retryAfter} if the server set one. */
    public Duration delayAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxDelay.multipliedBy(4)) > 0 ? maxDelay.multipliedBy(4) : retryAfter;
        }
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, attempt - 1));
        // full jitter: spread the retries of parallel writers so they do not hit the stage together
        long half = cap / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** A {@code Retry-After} value in seconds as a duration; null when it is not a number (an HTTP date is not used). */
    public static Duration parseRetryAfter(String value) {
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
