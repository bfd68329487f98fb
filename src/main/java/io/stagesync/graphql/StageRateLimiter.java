package io.stagesync.graphql;

import io.stagesync.config.StageRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Holds each request back until its stage's {@code rate-limit} (requests per second) allows it: requests to one
 * stage are spaced evenly, 1/rate seconds apart, across all threads. A rate of 0 means no limit.
 */
public final class StageRateLimiter {

    private final StageRegistry stages;
    private final Map<String, Spacing> spacings = new ConcurrentHashMap<>();

    public StageRateLimiter(StageRegistry stages) {
        this.stages = stages;
    }

    /** Waits for the stage's next free slot; returns at once when the stage has no limit. */
    public void acquire(String stage) throws InterruptedException {
        double rate = stages.get(stage).rateLimit();
        if (rate <= 0) {
            return;
        }
        long wait = spacings.computeIfAbsent(stage, s -> new Spacing((long) (1_000_000_000L / rate))).reserve();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** The next free slot of one stage; a reservation moves it on by one interval. */
    private static final class Spacing {
        private final long intervalNanos;
        private long next = System.nanoTime();

        Spacing(long intervalNanos) {
            this.intervalNanos = intervalNanos;
        }

        synchronized long reserve() {
            long now = System.nanoTime();
            long slot = Math.max(now, next);
            next = slot + intervalNanos;
            return slot - now;
        }
    }
}
