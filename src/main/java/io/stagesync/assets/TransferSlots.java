package io.stagesync.assets;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds how many files move at the same time ({@code stagesync.assets.parallel-transfers}). Only the moving of
 * bytes holds a slot; the assets' GraphQL calls and the waits for their uploads to complete do not.
 */
public final class TransferSlots {

    /** No bound, for tools and tests that move one file at a time. */
    public static final TransferSlots UNBOUNDED = new TransferSlots(Integer.MAX_VALUE);

    private final Semaphore slots;
    private final int size;

    public TransferSlots(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("stagesync.assets.parallel-transfers must be at least 1, got: " + size);
        }
        this.size = size;
        this.slots = new Semaphore(size, true);
    }

    public int size() {
        return size;
    }

    /** Runs {@code transfer} once a slot is free, and frees the slot when it ends. */
    public <T> T run(Supplier<T> transfer) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssetTransientException("interrupted while waiting for a transfer slot", e);
        }
        try {
            return transfer.get();
        } finally {
            slots.release();
        }
    }
}
