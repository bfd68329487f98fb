package io.stagesync.assets;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Opens an asset's file at its source URL as a stream with a running SHA-256; nothing is buffered beyond one read.
 */
public final class SourceFileReader {

    private final int timeoutMs;

    /** {@code timeout} bounds connecting and each wait for data, not the whole transfer. */
    public SourceFileReader(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stagesync.assets.http-timeout must be a positive duration, got: " + timeout);
        }
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** Opens {@code url}; {@code onBytes} hears every read. A 404 or 4xx fails the asset, a 5xx or I/O error is transient. */
    public SourceFile open(String url, LongConsumer onBytes) {
        HttpURLConnection connection;
        int status;
        try {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(timeoutMs);
            connection.setReadTimeout(timeoutMs);
            status = connection.getResponseCode();
        } catch (SocketTimeoutException e) {
            throw new AssetTransientException("source file timed out after " + timeoutMs / 1000 + "s url=" + HttpStatusFailures.stripQuery(url), e);
        } catch (IOException e) {
            throw new AssetTransientException("source file unreachable url=" + HttpStatusFailures.stripQuery(url) + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new SourceFileUnavailableException("source file URL is not valid: " + url, e);
        }
        if (status != 200) {
            discard(connection);
            RuntimeException failure = HttpStatusFailures.of(status, "source file", url);
            throw failure instanceof AssetFailedException ? new SourceFileUnavailableException(failure.getMessage()) : failure;
        }
        try {
            InputStream body = connection.getInputStream();
            String type = connection.getContentType();
            return new SourceFile(new ChecksumInputStream(body, onBytes), connection.getContentLengthLong(),
                    type == null ? "application/octet-stream" : type);
        } catch (IOException e) {
            throw new AssetTransientException("source file unreadable url=" + HttpStatusFailures.stripQuery(url) + ": " + e, e);
        }
    }

    /** Reads an error body to its end so the connection can be reused. */
    static void discard(HttpURLConnection connection) {
        try (InputStream err = connection.getErrorStream()) {
            if (err != null) {
                err.transferTo(java.io.OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            connection.disconnect();
        }
    }
}
