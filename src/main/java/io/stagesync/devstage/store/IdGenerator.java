package io.stagesync.devstage.store;

import java.security.SecureRandom;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Generates cuid-like ids of 25 characters ({@code c} + time + counter + random, base 36) that increase strictly,
 * so that id order is creation order.
 */
public final class IdGenerator {
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final long COUNTER_LIMIT = 36L * 36 * 36 * 36;

    private final LongSupplier clock;
    private final Random random;
    private long lastTime;
    private long counter;

    public IdGenerator() {
        this(System::currentTimeMillis, new SecureRandom());
    }

    /** A generator on a given clock and random source (deterministic demo content). */
    public IdGenerator(LongSupplier clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    public synchronized String next() {
        long now = clock.getAsLong();
        if (now > lastTime) {
            lastTime = now;
            counter = 0;
        } else if (++counter >= COUNTER_LIMIT) {
            lastTime++;
            counter = 0;
        }
        StringBuilder sb = new StringBuilder(25).append('c');
        append(sb, lastTime, 8);
        append(sb, counter, 4);
        for (int i = 0; i < 12; i++) {
            sb.append(DIGITS.charAt(random.nextInt(36)));
        }
        return sb.toString();
    }

    /** Makes every later id sort after {@code id} (called with the largest id loaded from the database). */
    public synchronized void advancePast(String id) {
        if (id == null || id.length() != 25 || id.charAt(0) != 'c') {
            return;
        }
        try {
            long time = Long.parseLong(id.substring(1, 9), 36);
            long count = Long.parseLong(id.substring(9, 13), 36);
            if (time > lastTime || time == lastTime && count > counter) {
                lastTime = time;
                counter = count;
            }
        } catch (NumberFormatException e) {
            // not one of ours: ids of other shapes do not take part in the ordering
        }
    }

    private static void append(StringBuilder sb, long value, int width) {
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = DIGITS.charAt((int) (value % 36));
            value /= 36;
        }
        sb.append(out);
    }
}
