package io.stagesync.assets;

import io.stagesync.config.StageRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Spaces requests to each stage by its {@code rate-limit} (requests per second, 0 = unlimited), across threads.
 */
public final class StageRequestGate implements RequestGate {

    private final StageRegistry stages;
    private final Map<String, long[]> nextSlot = new ConcurrentHashMap<>();

    public StageRequestGate(StageRegistry stages) {
        this.stages = stages;
    }

    @Override
    public void acquire(String stage) {
        double rate = stages.get(stage).rateLimit();
        if (rate <= 0) {
            return;
        }
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        long[] next = nextSlot.computeIfAbsent(stage, s -> new long[] {System.nanoTime()});
        long wait;
        synchronized (next) {
            long now = System.nanoTime();
            long slot = Math.max(now, next[0]);
            next[0] = slot + interval;
            wait = slot - now;
        }
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssetTransientException("interrupted while waiting for the rate limit of stage " + stage, e);
            }
        }
    }
}
