package io.stagesync.assets;

import java.io.InputStream;
import java.util.SplittableRandom;

/** Deterministic pseudo-random bytes of a given length, generated as they are read (nothing held in memory). */
public final class GeneratedInputStream extends InputStream {

    private final SplittableRandom random;
    private long remaining;

    public GeneratedInputStream(long seed, long length) {
        this.random = new SplittableRandom(seed);
        this.remaining = length;
    }

    @Override
    public int read() {
        if (remaining <= 0) {
            return -1;
        }
        remaining--;
        return random.nextInt(256);
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (remaining <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, remaining);
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) random.nextInt(256);
        }
        remaining -= n;
        return n;
    }
}
