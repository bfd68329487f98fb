package io.stagesync.graphql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends GraphQL requests to one stage over HTTP: throttled by the shared {@link StageRateLimiter}, bounded in
 * concurrency, retried with backoff on 429, 5xx, timeouts and dropped connections (honouring Retry-After).
 */
public final class GraphQLStageClient {

    private static final Logger log = LoggerFactory.getLogger(GraphQLStageClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String stage;
    private final URI url;
    private final String token;
    private final StageRateLimiter limiter;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final Semaphore slots;
    private final HttpClient http;

    public GraphQLStageClient(String stage, String url, String token, StageRateLimiter limiter, RetryPolicy retry,
                              Duration timeout, int maxConcurrency) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("stagesync.sync.concurrency must be >= 1, got: " + maxConcurrency);
        }
        this.stage = stage;
        this.url = URI.create(url);
        this.token = token;
        this.limiter = limiter;
        this.retry = retry;
        this.timeout = timeout;
        this.slots = new Semaphore(maxConcurrency);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String stage() {
        return stage;
    }

    /** Sends a read or any request that may be repeated as is. */
    public GraphQLResult execute(String query, Map<String, Object> variables) {
        return execute(GraphQLCall.of(query, variables));
    }

    /** Sends a call, retrying transient failures; GraphQL errors are returned, not thrown. */
    public GraphQLResult execute(GraphQLCall call) {
        GraphQLCall current = call;
        for (int attempt = 1; ; attempt++) {
            Failure failure;
            try {
                Sent sent = send(current);
                GraphQLResult result = sent.result;
                if (result.status() == 429 || result.status() >= 500) {
                    if (result.status() == 429) {
                        io.micrometer.core.instrument.Metrics.counter("stagesync.stage.throttled", "stage", stage).increment();
                    }
                    failure = new Failure(result.status(), result.status() != 429, "HTTP " + result.status()
                            + " " + result.errorMessages(), null, sent.retryAfter);
                } else if (result.status() == 401 || result.status() == 403) {
                    throw new StageRequestException(stage, result.status(), false, "Stage " + stage
                            + " refused the token (HTTP " + result.status() + "): check stagesync.stages." + stage + ".token", null);
                } else {
                    return result;
                }
            } catch (IOException e) {
                failure = new Failure(0, true, e.getClass().getSimpleName() + ": " + e.getMessage(), e, null);
            }
            if (attempt >= retry.maxAttempts()) {
                throw new StageRequestException(stage, failure.status, failure.ambiguous, "Request to stage " + stage + " (" + url
                        + ") failed after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + ": " + failure.message, failure.cause);
            }
            Duration delay = retry.delayAfter(attempt, failure.retryAfter);
            log.warn("Retrying request stage={} attempt={} status={} delayMs={} reason={}", stage, attempt,
                    failure.status, delay.toMillis(), failure.message);
            LockSupport.parkNanos(delay.toNanos());
            if (failure.ambiguous) {
                current = current.afterAmbiguousFailure();
            }
        }
    }

    private Sent send(GraphQLCall call) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", call.query());
        body.put("variables", call.variables() == null ? Map.of() : call.variables());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        slots.acquireUninterruptibly();
        try {
            limiter.acquire(stage);

            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Duration retryAfter = response.headers().firstValue("Retry-After")
                    .map(GraphQLStageClient::parseRetryAfter).orElse(null);
            return new Sent(parse(response.statusCode(), response.body()), retryAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageRequestException(stage, 0, true, "Interrupted while calling stage " + stage, e);
        } finally {
            slots.release();
        }
    }

    @SuppressWarnings("unchecked")
    private static GraphQLResult parse(int status, byte[] body) {
        if (body == null || body.length == 0) {
            return new GraphQLResult(status, null, List.of(Map.of("message", "empty response")));
        }
        try {
            Map<String, Object> json = JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
            return new GraphQLResult(status, (Map<String, Object>) json.get("data"),
                    (List<Map<String, Object>>) json.get("errors"));
        } catch (IOException e) {
            return new GraphQLResult(status, null, List.of(Map.of("message", "response is not JSON (HTTP " + status + ")")));
        }
    }

    static Duration parseRetryAfter(String value) {
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record Sent(GraphQLResult result, Duration retryAfter) {
    }

    private record Failure(int status, boolean ambiguous, String message, Throwable cause, Duration retryAfter) {
    }
}
