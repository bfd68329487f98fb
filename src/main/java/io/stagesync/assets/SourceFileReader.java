package io.stagesync.assets;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Opens an asset's file at its source URL as a stream with a running SHA-256; nothing is buffered beyond one read.
 */
public final class SourceFileReader {

    private final HttpClient http;
    private final Duration timeout;

    public SourceFileReader(HttpClient http, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stagesync.assets.http-timeout must be a positive duration, got: " + timeout);
        }
        this.http = http;
        this.timeout = timeout;
    }

    /** Opens {@code url}; {@code onBytes} hears every read. A 404 or 4xx fails the asset, a 5xx or I/O error is transient. */
    public SourceFile open(String url, LongConsumer onBytes) {
        HttpResponse<InputStream> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new AssetTransientException("source file timed out after " + timeout.toSeconds() + "s url=" + url, e);
        } catch (IOException e) {
            throw new AssetTransientException("source file unreachable url=" + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssetTransientException("interrupted while opening url=" + url, e);
        } catch (IllegalArgumentException e) {
            throw new AssetFailedException("source file URL is not valid: " + url, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            closeQuietly(response.body());
            throw HttpStatusFailures.of(status, "source file", url);
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
        String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
        return new SourceFile(new ChecksumInputStream(response.body(), onBytes), length, type);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing more to read from a failed response
        }
    }
}
