package io.stagesync.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows down guessing of the API token: an address that sent {@code limit} wrong or missing tokens within a minute is
 * answered 429 until that minute is over, and is logged once for it.
 */
final class WrongTokenThrottle {

    private static final Logger log = LoggerFactory.getLogger(WrongTokenThrottle.class);
    private static final long WINDOW_MS = 60_000;
    private static final int MAX_ADDRESSES = 10_000;

    private final int limit;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    private static final class Window {
        long start;
        int failures;
        boolean logged;
    }

    WrongTokenThrottle(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Seconds the address must wait before its next try, 0 when it may try now. */
    synchronized long retryAfterSeconds(String address) {
        Window w = windows.get(address);
        long now = clock.millis();
        if (w == null || now - w.start >= WINDOW_MS || w.failures < limit) {
            return 0;
        }
        return Math.max(1, (w.start + WINDOW_MS - now + 999) / 1000);
    }

    /** Counts a refused token from the address; the first time it reaches the limit in a minute, one WARN line. */
    synchronized void failed(String address) {
        long now = clock.millis();
        if (windows.size() >= MAX_ADDRESSES) {
            windows.values().removeIf(w -> now - w.start >= WINDOW_MS);
        }
        Window w = windows.computeIfAbsent(address, a -> new Window());
        if (now - w.start >= WINDOW_MS) {
            w.start = now;
            w.failures = 0;
            w.logged = false;
        }
        w.failures++;
        if (w.failures >= limit && !w.logged) {
            w.logged = true;
            log.warn("Repeated wrong API tokens address={} failures={} retryAfterSeconds={}", address, w.failures,
                    (w.start + WINDOW_MS - now + 999) / 1000);
        }
    }
}
