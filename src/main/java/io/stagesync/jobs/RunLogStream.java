package io.stagesync.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A run's log as a live Server-Sent Events stream: the stored lines first, then each new line as it is written,
 * then an {@code end} event when the run stops. Reading blocks while the run is quiet (with keep-alive comments).
 * Lines written by another instance (the leader runs the runs) are read from the state store every second.
 */
public final class RunLogStream extends InputStream implements RunLogBroadcaster.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EOF = new byte[0];
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private static final long STORE_POLL_MS = 1000;

    private final String runId;
    private final Supplier<JobRun> run;
    private final RunLogRepository logs;
    private final RunLogBroadcaster broadcaster;
    private final long keepAliveMs;
    private final LinkedBlockingQueue<byte[]> events = new LinkedBlockingQueue<>();
    private byte[] chunk = new byte[0];
    private int pos;
    private int lastSeq;
    private boolean ended;
    private boolean closed;

    /** Opens the stream after line {@code afterSeq}; {@code run} reads the run's current state. */
    public RunLogStream(String runId, Supplier<JobRun> run, int afterSeq, RunLogRepository logs,
                        RunLogBroadcaster broadcaster, long keepAliveMs) {
        this.runId = runId;
        this.run = run;
        this.logs = logs;
        this.broadcaster = broadcaster;
        this.keepAliveMs = keepAliveMs;
        this.lastSeq = afterSeq;
        // Holding the lock while reading the stored lines makes a line broadcast meanwhile wait, so it is
        // deduplicated against them rather than overtaking them.
        synchronized (this) {
            broadcaster.subscribe(runId, this);
            events.add(bytes(": run " + runId + "\nretry: 2000\n\n"));
            for (LogLine line : logs.after(runId, afterSeq, Integer.MAX_VALUE)) {
                line(line);
            }
            JobRun now = run.get();
            if (!now.active()) {
                for (LogLine line : logs.after(runId, lastSeq, Integer.MAX_VALUE)) {
                    line(line);
                }
                end(now.status());
            }
        }
    }

    @Override
    public synchronized void line(LogLine line) {
        if (!ended && line.seq() > lastSeq) {
            lastSeq = line.seq();
            events.add(bytes("id: " + line.seq() + "\nevent: log\ndata: " + json(line.toMap()) + "\n\n"));
        }
    }

    @Override
    public synchronized void end(String status) {
        if (!ended) {
            ended = true;
            events.add(bytes("event: end\ndata: " + json(Map.of("status", status)) + "\n\n"));
            events.add(EOF);
            broadcaster.unsubscribe(runId, this);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= chunk.length) {
            if (closed || chunk == EOF) {
                return -1;
            }
            try {
                long quietSince = System.currentTimeMillis();
                byte[] next = events.poll(Math.min(keepAliveMs, STORE_POLL_MS), TimeUnit.MILLISECONDS);
                while (next == null) {
                    readStore();
                    next = events.poll();
                    if (next == null && System.currentTimeMillis() - quietSince >= keepAliveMs) {
                        next = KEEP_ALIVE;
                    } else if (next == null) {
                        next = events.poll(Math.min(keepAliveMs, STORE_POLL_MS), TimeUnit.MILLISECONDS);
                    }
                }
                chunk = next;
                pos = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            if (chunk == EOF) {
                return -1;
            }
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Queues the lines stored since the last one sent, and the end when the run is no longer active. */
    private synchronized void readStore() {
        if (ended) {
            return;
        }
        JobRun now = run.get();
        for (LogLine line : logs.after(runId, lastSeq, Integer.MAX_VALUE)) {
            line(line);
        }
        if (!now.active()) {
            end(now.status());
        }
    }

    @Override
    public int available() {
        return chunk.length - pos;
    }

    @Override
    public void close() {
        closed = true;
        broadcaster.unsubscribe(runId, this);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
