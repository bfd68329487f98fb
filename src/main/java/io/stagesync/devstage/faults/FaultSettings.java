package io.stagesync.devstage.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The fault injection settings of one environment, changeable at run time: latency, rate limit, error and drop rates.
 */
public final class FaultSettings {

    /** What the HTTP layer must do with one request. */
    public enum Outcome { PASS, RATE_LIMITED, ERROR, DROP }

    private volatile long latencyMs;
    private volatile double rateLimitPerSecond;
    private volatile double errorRate;
    private volatile double dropRate;
    private volatile int retryAfterSeconds;
    private volatile boolean holdMigrations;
    private volatile long deleteLatencyMs;
    private final TokenBucket bucket = new TokenBucket();
    private Random random = new Random();

    public FaultSettings latencyMs(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0, got " + value);
        }
        latencyMs = value;
        return this;
    }

    /** Extra wait of a mutation that deletes (delete…, deleteMany…Connection), on top of {@code latencyMs}. */
    public FaultSettings deleteLatencyMs(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("deleteLatencyMs must be >= 0, got " + value);
        }
        deleteLatencyMs = value;
        return this;
    }

    public long deleteLatencyMs() {
        return deleteLatencyMs;
    }

    /** Requests per second allowed (token bucket, burst = one second); 0 turns the limit off. */
    public FaultSettings rateLimit(double perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("rateLimitPerSecond must be >= 0, got " + perSecond);
        }
        rateLimitPerSecond = perSecond;
        bucket.reset(perSecond);
        return this;
    }

    public FaultSettings errorRate(double value) {
        errorRate = checkRate("errorRate", value);
        return this;
    }

    public FaultSettings dropRate(double value) {
        dropRate = checkRate("dropRate", value);
        return this;
    }

    /** Seconds sent in a {@code Retry-After} header with 429; 0 sends none (Hygraph's behaviour). */
    public FaultSettings retryAfterSeconds(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 0, got " + value);
        }
        retryAfterSeconds = value;
        return this;
    }

    /**
     * While true, Management API migrations of the environment stay {@code RUNNING} (they wait before applying);
     * once false again they finish as usual. For a client's timeout path.
     */
    public FaultSettings holdMigrations(boolean value) {
        holdMigrations = value;
        return this;
    }

    public boolean holdMigrations() {
        return holdMigrations;
    }

    /** Makes the random error and drop decisions repeatable. */
    public synchronized FaultSettings seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Turns every fault off. */
    public FaultSettings reset() {
        return latencyMs(0).deleteLatencyMs(0).rateLimit(0).errorRate(0).dropRate(0).retryAfterSeconds(0).holdMigrations(false);
    }

    public long latencyMs() {
        return latencyMs;
    }

    public double rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    public double errorRate() {
        return errorRate;
    }

    public double dropRate() {
        return dropRate;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Decides the fate of one request (latency is applied separately by the caller). */
    public Outcome decide() {
        if (rateLimitPerSecond > 0 && !bucket.tryAcquire()) {
            return Outcome.RATE_LIMITED;
        }
        double drop = dropRate;
        double error = errorRate;
        if (drop > 0 && nextDouble() < drop) {
            return Outcome.DROP;
        }
        if (error > 0 && nextDouble() < error) {
            return Outcome.ERROR;
        }
        return Outcome.PASS;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("latencyMs", latencyMs);
        map.put("deleteLatencyMs", deleteLatencyMs);
        map.put("rateLimitPerSecond", rateLimitPerSecond);
        map.put("errorRate", errorRate);
        map.put("dropRate", dropRate);
        map.put("retryAfterSeconds", retryAfterSeconds);
        map.put("holdMigrations", holdMigrations);
        return map;
    }

    /** Applies the keys present in the map; unknown keys are an error naming the key. */
    public FaultSettings apply(Map<String, Object> values) {
        for (var entry : values.entrySet()) {
            if (entry.getKey().equals("holdMigrations")) {
                if (!(entry.getValue() instanceof Boolean hold)) {
                    throw new IllegalArgumentException("fault setting holdMigrations must be true or false, got " + entry.getValue());
                }
                holdMigrations(hold);
                continue;
            }
            if (!(entry.getValue() instanceof Number number)) {
                throw new IllegalArgumentException("fault setting " + entry.getKey() + " must be a number, got " + entry.getValue());
            }
            switch (entry.getKey()) {
                case "latencyMs" -> latencyMs(number.longValue());
                case "deleteLatencyMs" -> deleteLatencyMs(number.longValue());
                case "rateLimitPerSecond" -> rateLimit(number.doubleValue());
                case "errorRate" -> errorRate(number.doubleValue());
                case "dropRate" -> dropRate(number.doubleValue());
                case "retryAfterSeconds" -> retryAfterSeconds(number.intValue());
                case "seed" -> seed(number.longValue());
                default -> throw new IllegalArgumentException("unknown fault setting " + entry.getKey()
                        + " (known: latencyMs, deleteLatencyMs, rateLimitPerSecond, errorRate, dropRate, retryAfterSeconds, seed, holdMigrations)");
            }
        }
        return this;
    }

    private synchronized double nextDouble() {
        return random.nextDouble();
    }

    private static double checkRate(String name, double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
        return value;
    }
}
