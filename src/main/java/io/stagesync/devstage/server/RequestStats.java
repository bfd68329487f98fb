package io.stagesync.devstage.server;

import java.util.concurrent.atomic.LongAdder;

/** Counts the content API requests of one environment: reads, writes and those answered by an injected fault. */
public final class RequestStats {

    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder faulted = new LongAdder();

    void countRead() {
        reads.increment();
    }

    void countWrite() {
        writes.increment();
    }

    void countFaulted() {
        faulted.increment();
    }

    /** Queries that reached the content API. */
    public long reads() {
        return reads.sum();
    }

    /** Mutations that reached the content API. */
    public long writes() {
        return writes.sum();
    }

    /** Requests answered with 429, 500 or a dropped connection by fault injection. */
    public long faulted() {
        return faulted.sum();
    }

    public void reset() {
        reads.reset();
        writes.reset();
        faulted.reset();
    }

    @Override
    public String toString() {
        return "reads=" + reads() + " writes=" + writes() + " faulted=" + faulted();
    }
}
