package io.stagesync.config;


import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds each request back until its stage's {@code rate-limit} (requests per second) allows it: requests to one
 * stage are spaced evenly, 1/rate seconds apart, across all threads and phases, so a stage's limit is one budget
 * and never bursts above a server's own bucket. A rate of 0 means no limit. It also counts the requests per stage.
 */
public final class StageRateLimiter {

    private final StageRegistry stages;
    private final Map<String, Spacing> spacings = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

    public StageRateLimiter(StageRegistry stages) {
        this.stages = stages;
    }

    /** Waits for the stage's next free slot; returns at once when the stage has no limit. */
    public void acquire(String stage) throws InterruptedException {
        requests.computeIfAbsent(stage, s -> new AtomicLong()).incrementAndGet();
        double rate = stages.get(stage).rateLimit();
        if (rate <= 0) {
            return;
        }
        long wait = spacings.computeIfAbsent(stage, s -> new Spacing((long) (1_000_000_000L / rate))).reserve();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Requests granted to a stage since this limiter was created (all phases, retries included). */
    public long requests(String stage) {
        AtomicLong count = requests.get(stage);
        return count == null ? 0 : count.get();
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
