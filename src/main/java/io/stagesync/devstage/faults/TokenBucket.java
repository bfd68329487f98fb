package io.stagesync.devstage.faults;

/** A token bucket refilled continuously at a rate per second, holding at most one second of tokens. */
final class TokenBucket {

    private double ratePerSecond;
    private double tokens;
    private long lastNanos = System.nanoTime();

    synchronized void reset(double perSecond) {
        ratePerSecond = perSecond;
        tokens = Math.max(1, perSecond);
        lastNanos = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        double capacity = Math.max(1, ratePerSecond);
        tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * ratePerSecond);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
