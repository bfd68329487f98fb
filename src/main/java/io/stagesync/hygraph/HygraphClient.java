package io.stagesync.hygraph;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.component.graphql.GraphqlEndpoint;
import org.apache.hc.client5.http.classic.HttpClient;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.config.StageRateLimiter;
import io.stagesync.dialect.RetryPolicy;
import io.stagesync.dialect.StageRequestException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.util.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the GraphQL requests of one stage through its camel-graphql endpoint: throttled by the shared
 * {@link StageRateLimiter}, bounded in concurrency, and retried with backoff on 429, 5xx, timeouts and dropped
 * connections (honouring Retry-After). This is the only place a GraphQL request is sent and the only retry layer.
 */
public final class HygraphClient {

    private static final Logger log = LoggerFactory.getLogger(HygraphClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String QUERY_HEADER = "stagesyncGraphqlQuery";
    static final String VARIABLES_HEADER = "stagesyncGraphqlVariables";

    private final String stage;
    private final String url;
    private final String authorization;
    private final StageRateLimiter limiter;
    private final RetryPolicy retry;
    private final Semaphore slots;
    private final ProducerTemplate template;
    private final Endpoint endpoint;
    private final CircuitBreaker breaker;
    private volatile String lastFailure;

    /**
     * @param template sends to the stage's {@code graphql:} endpoint
     * @param http     the pooled HttpClient 5 the endpoint uses (timeouts, no retries of its own)
     */
    public HygraphClient(String stage, String url, String token, StageRateLimiter limiter, RetryPolicy retry,
                         int maxConcurrency, ProducerTemplate template, HttpClient http) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("stagesync.sync.concurrency must be >= 1, got: " + maxConcurrency);
        }
        this.stage = stage;
        this.url = url;
        this.authorization = token == null ? null : "Bearer " + token;
        this.limiter = limiter;
        this.retry = retry;
        this.slots = new Semaphore(maxConcurrency);
        this.template = template;
        // every status comes back as an answer (the retry decision is ours); the client is ours, never a default one,
        // whose own retry strategy would repeat 429 and 503 answers behind this class's back
        GraphqlEndpoint graphql = template.getCamelContext().getEndpoint("graphql:" + url + (url.contains("?") ? "&" : "?")
                + "queryHeader=" + QUERY_HEADER + "&variablesHeader=" + VARIABLES_HEADER + "&throwExceptionOnFailure=false",
                GraphqlEndpoint.class);
        graphql.setHttpClient(http);
        this.endpoint = graphql;
        this.breaker = retry.breakerFailures() == 0 ? null : CircuitBreaker.of("stage-" + stage, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(retry.breakerFailures()).minimumNumberOfCalls(retry.breakerFailures())
                .failureRateThreshold(100f).waitDurationInOpenState(Duration.ofDays(1)).build());
    }

    /** Closes the circuit breaker: a new run tries the stage again. */
    public void resetBreaker() {
        if (breaker != null) {
            breaker.reset();
        }
    }

    /** The stage's content API URL (for messages). */
    public String url() {
        return url;
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
            if (breaker != null && !breaker.tryAcquirePermission()) {
                throw new StageRequestException(stage, 0, false, "Stage " + stage + " (" + url + ") stopped answering: "
                        + retry.breakerFailures() + " requests failed in a row, the last with " + lastFailure
                        + " (circuit breaker, stagesync.sync.circuit-breaker.failures)", null);
            }
            Failure failure;
            long started = System.nanoTime();
            try {
                Sent sent = send(current);
                GraphQLResult result = sent.result;
                if (result.status() == 429 || result.status() >= 500) {
                    if (result.status() == 429) {
                        io.micrometer.core.instrument.Metrics.counter("stagesync.stage.throttled", "stage", stage).increment();
                    }
                    failure = new Failure(result.status(), result.status() != 429, "HTTP " + result.status()
                            + " " + result.errorMessages(), null, sent.retryAfter);
                } else {
                    answered(started);
                    if (result.status() == 401 || result.status() == 403) {
                        throw new StageRequestException(stage, result.status(), false, "Stage " + stage
                                + (authorization == null ? " has no token (HTTP " + result.status() + "): set the environment variable named in "
                                : " refused the token (HTTP " + result.status() + "): check ") + "stagesync.stages." + stage + ".token", null);
                    }
                    return result;
                }
            } catch (IOException e) {
                failure = new Failure(0, true, e.getClass().getSimpleName() + ": " + e.getMessage(), e, null);
            }
            if (failure.status == 429) {
                // a 429 is the stage answering (slow down), not a stage that stopped answering
                answered(started);
            } else if (breaker != null) {
                lastFailure = failure.message;
                breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, new IOException(failure.message));
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

    private void answered(long started) {
        if (breaker != null) {
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private Sent send(GraphQLCall call) throws IOException {
        JsonObject variables = new JsonObject(call.variables() == null ? Map.of() : call.variables());
        slots.acquireUninterruptibly();
        try {
            limiter.acquire(stage);
            // a fresh exchange carries only our headers: camel-graphql sends every message header over HTTP
            Exchange done = template.send(endpoint, exchange -> {
                exchange.getMessage().setHeader(QUERY_HEADER, call.query());
                exchange.getMessage().setHeader(VARIABLES_HEADER, variables);
                if (authorization != null) {
                    exchange.getMessage().setHeader("Authorization", authorization);
                }
            });
            if (done.getException() != null) {
                Throwable e = done.getException();
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            int status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            String retryAfter = done.getMessage().getHeader("Retry-After", String.class);
            return new Sent(parse(status, done.getMessage().getBody(String.class)),
                    retryAfter == null ? null : RetryPolicy.parseRetryAfter(retryAfter));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageRequestException(stage, 0, true, "Interrupted while calling stage " + stage, e);
        } finally {
            slots.release();
        }
    }

    @SuppressWarnings("unchecked")
    private static GraphQLResult parse(int status, String body) {
        if (body == null || body.isEmpty()) {
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

    private record Sent(GraphQLResult result, Duration retryAfter) {
    }

    private record Failure(int status, boolean ambiguous, String message, Throwable cause, Duration retryAfter) {
    }
}
