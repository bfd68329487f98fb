package io.stagesync.assets;

import java.io.IOException;
import java.io.InputStream;

/**
 * Lets the S3 client send a request body again when it retries a request: it keeps the bytes read since the last
 * {@link #mark} (at most {@code limit}, the largest body one request sends: a whole small file or one multipart part)
 * and replays them after {@link #reset}. The source is read once, so a checksum computed beneath counts each byte once.
 * The client marks the stream where each request body starts and resets it before each retry.
 */
final class ReplayableInputStream extends InputStream {

    private final InputStream in;
    private final int limit;
    private byte[] kept;
    private int size;
    private int pos;
    private boolean marked;

    /** @param limit the most bytes one request body holds; more read since a mark invalidate it */
    ReplayableInputStream(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    /** Starts keeping bytes here; {@code readLimit} is ignored in favour of the larger {@code limit}. */
    @Override
    public synchronized void mark(int readLimit) {
        if (pos < size) {
            // marked while replaying: the bytes not replayed yet stay kept, at the start
            System.arraycopy(kept, pos, kept, 0, size - pos);
        }
        size -= pos;
        pos = 0;
        marked = true;
    }

    @Override
    public synchronized void reset() throws IOException {
        if (!marked) {
            throw new IOException("cannot replay the request body: more than " + limit + " bytes were read since its start");
        }
        pos = 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos < size) {
            int n = Math.min(len, size - pos);
            System.arraycopy(kept, pos, b, off, n);
            pos += n;
            return n;
        }
        int n = in.read(b, off, len);
        if (n > 0 && marked) {
            keep(b, off, n);
        }
        return n;
    }

    private void keep(byte[] b, int off, int n) {
        if (size + n > limit) {
            marked = false;
            kept = null;
            size = 0;
            pos = 0;
            return;
        }
        if (kept == null || kept.length < size + n) {
            byte[] grown = new byte[(int) Math.min(limit, Math.max(size + n, (kept == null ? 0 : kept.length) * 2L))];
            if (size > 0) {
                System.arraycopy(kept, 0, grown, 0, size);
            }
            kept = grown;
        }
        System.arraycopy(b, off, kept, size, n);
        size += n;
        pos = size;
    }

    @Override
    public synchronized int available() throws IOException {
        return size - pos + in.available();
    }

    @Override
    public void close() throws IOException {
        kept = null;
        size = 0;
        pos = 0;
        marked = false;
        in.close();
    }
}
