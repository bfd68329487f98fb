package io.stagesync.graphql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Token buckets by stage name: every request to a stage, from any phase, takes one token, so a stage's
 * {@code rate-limit} is one budget shared by the asset, entry, relation and publish phases.
 */
public final class StageRateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

    /** Sets the rate of a stage in requests per second; 0 or less means unlimited. */
    public void configure(String stage, double requestsPerSecond) {
        buckets.put(stage, new Bucket(requestsPerSecond));
    }

    /** Blocks until the stage's bucket grants one request; returns the nanoseconds waited. */
    public long acquire(String stage) {
        requests.computeIfAbsent(stage, s -> new AtomicLong()).incrementAndGet();
        Bucket bucket = buckets.get(stage);
        return bucket == null ? 0 : bucket.take();
    }

    /** Requests granted to a stage since this limiter was created (all phases, retries included). */
    public long requests(String stage) {
        AtomicLong count = requests.get(stage);
        return count == null ? 0 : count.get();
    }

    /** The configured rate of a stage, 0 when unlimited or unknown. */
    public double rate(String stage) {
        Bucket bucket = buckets.get(stage);
        return bucket == null ? 0 : bucket.rate;
    }

    /**
     * A bucket of capacity one: requests are spaced evenly at 1/rate, which never bursts above the
     * server's own limit however its bucket is sized.
     */
    private static final class Bucket {
        private final double rate;
        private final long intervalNanos;
        private long nextFree = System.nanoTime();

        Bucket(double rate) {
            this.rate = rate;
            this.intervalNanos = rate <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        }

        long take() {
            if (intervalNanos == 0) {
                return 0;
            }
            long slot;
            synchronized (this) {
                long now = System.nanoTime();
                slot = Math.max(now, nextFree);
                nextFree = slot + intervalNanos;
            }
            long waited = 0;
            long start = System.nanoTime();
            while (System.nanoTime() < slot) {
                LockSupport.parkNanos(slot - System.nanoTime());
            }
            waited = System.nanoTime() - start;
            return waited;
        }
    }
}
