package io.stagesync.devstage.files;

import io.stagesync.devstage.AssetFiles.FileInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/** Fetches an asset's {@code uploadUrl} in the background, streamed into the bucket with one part buffer in memory (no disk spool). */
final class UploadUrlFetcher {

    private static final Logger log = LoggerFactory.getLogger(UploadUrlFetcher.class);


    private final S3AssetFiles files;
    private final ExecutorService executor;
    private final Duration timeout;
    private final long maxFileBytes;
    private final HttpClient http;
    private final UploadUrlPolicy policy;

    UploadUrlFetcher(S3AssetFiles files, ExecutorService executor, Duration timeout, long maxFileBytes, UploadUrlPolicy policy) {
        this.files = files;
        this.policy = policy;
        this.executor = executor;
        this.timeout = timeout;
        this.maxFileBytes = maxFileBytes;
        // the client keeps its own executor: given the fetch pool, whose threads all wait in send() once as many
        // fetches run as it has threads, it could not complete any response and every fetch would hang for good
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                // no redirects: each URL is checked against the policy, and a redirect could lead anywhere
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void fetch(String environment, String assetId, String fileName, String uploadUrl,
               Consumer<FileInfo> onComplete, Consumer<String> onError) {
        URI uri;
        try {
            uri = URI.create(uploadUrl);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("scheme must be http or https");
            }
        } catch (IllegalArgumentException e) {
            onError.accept("uploadUrl " + uploadUrl + " is not a valid http(s) URL: " + e.getMessage());
            return;
        }
        executor.execute(() -> {
            String refusal = policy.refusal(uri);
            if (refusal != null) {
                onError.accept("uploadUrl " + uri + " is not fetched: " + refusal);
                return;
            }
            run(environment, assetId, fileName, uri, onComplete, onError);
        });
    }

    private void run(String environment, String assetId, String fileName, URI uri,
                     Consumer<FileInfo> onComplete, Consumer<String> onError) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    onError.accept("uploadUrl " + uri + " answered HTTP " + response.statusCode());
                    return;
                }
                String name = fileName != null ? fileName : lastSegment(uri);
                long size;
                try {
                    size = files.store(environment, assetId, name, body, maxFileBytes, n -> null);
                } catch (S3AssetFiles.FileRefusedException e) {
                    onError.accept("uploadUrl " + uri + " has more than " + maxFileBytes + " bytes, the cap");
                    return;
                }
                log.info("Asset fetched environment={} assetId={} bytes={}", environment, assetId, size);
                onComplete.accept(new FileInfo(size, S3AssetFiles.mimeType(name)));
            }
        } catch (java.net.http.HttpTimeoutException e) {
            onError.accept("uploadUrl " + uri + " timed out after " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onError.accept("fetching uploadUrl " + uri + " was interrupted");
        } catch (Exception e) {
            log.warn("Asset fetch failed environment={} assetId={} reason={}", environment, assetId, e.toString());
            onError.accept("fetching uploadUrl " + uri + " failed: " + e.getMessage());
        }
    }

    static String lastSegment(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? "file" : java.net.URLDecoder.decode(last, java.nio.charset.StandardCharsets.UTF_8);
    }
}
