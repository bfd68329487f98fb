package io.stagesync.assets;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Passes a stream through while counting its bytes and computing their SHA-256, so a file is checked without being held.
 */
public final class ChecksumInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private final LongConsumer onBytes;
    private long count;
    private String hex;

    /** {@code onBytes} receives the number of bytes of each read as it happens (for progress). */
    public ChecksumInputStream(InputStream in, LongConsumer onBytes) {
        super(in);
        this.onBytes = onBytes == null ? n -> { } : onBytes;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
            onBytes.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            digest.update(buf, off, n);
            count += n;
            onBytes.accept(n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("skipping would leave bytes out of the checksum");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /** The SHA-256 (lower-case hex) of everything read; call once the stream is at its end. */
    public synchronized String sha256() {
        if (hex == null) {
            hex = HexFormat.of().formatHex(digest.digest());
        }
        return hex;
    }

    /** Reads the rest of the stream, discarding it, so the checksum covers the whole file. */
    public String drain() throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (read(buf, 0, buf.length) >= 0) {
            // only the checksum is wanted
        }
        return sha256();
    }
}
