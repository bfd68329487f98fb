package io.stagesync.devstage.server;

import com.sun.net.httpserver.HttpServer;
import io.stagesync.devstage.AssetFiles.FileInfo;
import io.stagesync.devstage.files.S3AssetFiles;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.S3PostForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Both asset upload flows over real HTTP into S3Proxy buckets, read back through devstage's CDN path. */
class AssetFilesHttpTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void should_store_a_presigned_post_upload_and_serve_identical_bytes_from_the_cdn() throws Exception {
        // given
        Path file = randomFile("lobby.jpg", 3_000_000);
        Map<String, String> postData = devstage.server().files().requestPostData("staging", "asset-post-1", "lobby.jpg");
        String cdnUrl = devstage.server().files().url("staging", "asset-post-1", "lobby.jpg");
        int before = get(cdnUrl).statusCode();
        // when
        var upload = http.send(S3PostForm.request(postData, "lobby.jpg", file), HttpResponse.BodyHandlers.ofString());
        // then
        assertThat(before).isEqualTo(404);
        assertThat(upload.statusCode()).isEqualTo(204);
        var download = http.send(HttpRequest.newBuilder(URI.create(cdnUrl)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(Files.size(file));
        assertThat(sha256(download.body())).isEqualTo(sha256(Files.newInputStream(file)));
        assertThat(devstage.server().files().stat("staging", "asset-post-1")).contains(new FileInfo(3_000_000, "image/jpeg"));
    }

    @Test
    void should_refuse_a_post_whose_signature_does_not_match() throws Exception {
        // given
        Path file = randomFile("x.png", 1000);
        Map<String, String> postData = new LinkedHashMap<>(devstage.server().files().requestPostData("staging", "asset-bad", "x.png"));
        postData.put("key", postData.get("key").replace("asset-bad", "asset-other"));
        // when
        var upload = http.send(S3PostForm.request(postData, "x.png", file), HttpResponse.BodyHandlers.ofString());
        // then
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(upload.body()).contains("<Code>AccessDenied</Code>").contains("key");
        assertThat(devstage.server().files().stat("staging", "asset-other")).isEmpty();
    }

    @Test
    void should_refuse_a_post_after_its_policy_expired() throws Exception {
        // given
        Path file = randomFile("late.png", 1000);
        var files = devstage.server().files();
        java.time.Instant now = java.time.Instant.now();
        Map<String, String> postData = new LinkedHashMap<>(files.signer().sign(files.bucket("staging"),
                io.stagesync.devstage.files.S3AssetFiles.key("staging", "asset-late"), 10_000, now.minusSeconds(7200), now.minusSeconds(3600)));
        postData.put("url", files.requestPostData("staging", "asset-late", "late.png").get("url"));
        // when
        var upload = http.send(S3PostForm.request(postData, "late.png", file), HttpResponse.BodyHandlers.ofString());
        // then
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(upload.body()).contains("expired");
        assertThat(files.stat("staging", "asset-late")).isEmpty();
    }

    @Test
    void should_refuse_a_file_larger_than_the_policy_allows() throws Exception {
        // given
        Path file = randomFile("huge.bin", 5000);
        var files = devstage.server().files();
        java.time.Instant now = java.time.Instant.now();
        Map<String, String> postData = new LinkedHashMap<>(files.signer().sign(files.bucket("staging"),
                io.stagesync.devstage.files.S3AssetFiles.key("staging", "asset-huge"), 4000, now, now.plusSeconds(600)));
        postData.put("url", files.requestPostData("staging", "asset-huge", "huge.bin").get("url"));
        // when
        var upload = http.send(S3PostForm.request(postData, "huge.bin", file), HttpResponse.BodyHandlers.ofString());
        // then
        assertThat(upload.statusCode()).isEqualTo(400);
        assertThat(upload.body()).contains("EntityTooLarge").contains("more than 4000 bytes");
        assertThat(files.stat("staging", "asset-huge")).isEmpty();
    }

    @Test
    void should_stream_a_large_post_into_the_bucket_and_serve_identical_bytes() throws Exception {
        // given
        int size = 20 * 1024 * 1024 + 12_345;
        Path file = randomFile("tour.mp4", size);
        var files = devstage.server().files();
        Map<String, String> postData = files.requestPostData("staging", "asset-multipart", "tour.mp4");
        // when
        var upload = http.send(S3PostForm.request(postData, "tour.mp4", file), HttpResponse.BodyHandlers.ofString());
        // then
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        var download = http.send(HttpRequest.newBuilder(URI.create(files.url("staging", "asset-multipart", "tour.mp4"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(size);
        assertThat(sha256(download.body())).isEqualTo(sha256(Files.newInputStream(file)));
        assertThat(files.stat("staging", "asset-multipart")).contains(new FileInfo(size, "video/mp4"));
        assertThat(objectsUnder("staging", "asset-multipart")).containsExactly(S3AssetFiles.key("staging", "asset-multipart"));
    }

    @Test
    void should_leave_nothing_in_the_bucket_when_a_post_exceeds_the_policy_midway() throws Exception {
        // given
        Path file = randomFile("long.mp4", 16 * 1024 * 1024);
        var files = devstage.server().files();
        java.time.Instant now = java.time.Instant.now();
        Map<String, String> postData = new LinkedHashMap<>(files.signer().sign(files.bucket("staging"),
                S3AssetFiles.key("staging", "asset-too-long"), 8 * 1024 * 1024, now, now.plusSeconds(600)));
        postData.put("url", files.requestPostData("staging", "asset-too-long", "long.mp4").get("url"));
        // when
        var upload = http.send(S3PostForm.request(postData, "long.mp4", file), HttpResponse.BodyHandlers.ofString());
        // then
        assertThat(upload.statusCode()).isEqualTo(400);
        assertThat(upload.body()).contains("EntityTooLarge").contains("content-length-range");
        assertThat(files.stat("staging", "asset-too-long")).isEmpty();
        assertThat(objectsUnder("staging", "asset-too-long")).isEmpty();
    }

    @Test
    void should_sign_policies_that_the_s3_server_itself_accepts() throws Exception {
        // given
        Path file = randomFile("direct.txt", 5000);
        Map<String, String> postData = devstage.server().files().requestPostData("production", "asset-direct", "direct.txt");
        URI bucketUrl = URI.create(devstage.server().buckets().endpoint() + "/" + devstage.server().files().bucket("production"));
        // when
        var upload = http.send(S3PostForm.request(bucketUrl, S3PostForm.fields(postData), "direct.txt", file),
                HttpResponse.BodyHandlers.ofString());
        // then
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        assertThat(devstage.server().files().stat("production", "asset-direct")).map(FileInfo::size).contains(5000L);
    }

    @Test
    void should_fetch_an_upload_url_into_the_bucket_and_serve_identical_bytes() throws Exception {
        // given
        Path file = randomFile("brochure.pdf", 2_500_000);
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/files/brochure.pdf", exchange -> {
            exchange.sendResponseHeaders(200, Files.size(file));
            try (var out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        origin.start();
        CompletableFuture<FileInfo> done = new CompletableFuture<>();
        try {
            // when
            devstage.server().files().fetch("staging", "asset-fetch-1", "brochure.pdf",
                    "http://127.0.0.1:" + origin.getAddress().getPort() + "/files/brochure.pdf",
                    done::complete, message -> done.completeExceptionally(new AssertionError(message)));
            await().atMost(Duration.ofSeconds(30)).until(done::isDone);
        } finally {
            origin.stop(0);
        }
        // then
        assertThat(done.get()).isEqualTo(new FileInfo(2_500_000, "application/pdf"));
        var download = http.send(HttpRequest.newBuilder(URI.create(devstage.server().files().url("staging", "asset-fetch-1", "brochure.pdf")))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(sha256(download.body())).isEqualTo(sha256(Files.newInputStream(file)));
    }

    @Test
    void should_fetch_an_upload_url_from_another_environments_cdn() throws Exception {
        // given
        Path file = randomFile("photo.png", 700_000);
        try (InputStream in = Files.newInputStream(file)) {
            devstage.server().files().put("production", "asset-src", "photo.png", in, Files.size(file));
        }
        String sourceUrl = devstage.server().files().url("production", "asset-src", "photo.png");
        CompletableFuture<FileInfo> done = new CompletableFuture<>();
        // when
        devstage.server().files().fetch("staging", "asset-copy", "photo.png", sourceUrl, done::complete,
                message -> done.completeExceptionally(new AssertionError(message)));
        await().atMost(Duration.ofSeconds(30)).until(done::isDone);
        // then
        assertThat(done.get().size()).isEqualTo(700_000);
        var download = http.send(HttpRequest.newBuilder(URI.create(devstage.server().files().url("staging", "asset-copy", "photo.png")))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(sha256(download.body())).isEqualTo(sha256(Files.newInputStream(file)));
    }

    @Test
    void should_report_an_error_naming_the_url_when_the_upload_url_answers_404() {
        // given
        String missing = devstage.server().files().url("production", "no-such-asset", "gone.png");
        CompletableFuture<String> error = new CompletableFuture<>();
        // when
        devstage.server().files().fetch("staging", "asset-missing", "gone.png", missing,
                info -> error.completeExceptionally(new AssertionError("fetch succeeded")), error::complete);
        await().atMost(Duration.ofSeconds(30)).until(error::isDone);
        // then
        assertThat(error.join()).contains(missing).contains("404");
        assertThat(devstage.server().files().stat("staging", "asset-missing")).isEmpty();
    }

    @Test
    void should_serve_byte_ranges_from_the_cdn() throws Exception {
        // given
        Path file = randomFile("video.mp4", 100_000);
        try (InputStream in = Files.newInputStream(file)) {
            devstage.server().files().put("production", "asset-range", "video.mp4", in, Files.size(file));
        }
        String url = devstage.server().files().url("production", "asset-range", "video.mp4");
        // when
        var part = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=1000-1999").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        // then
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 1000-1999/100000");
        byte[] expected = java.util.Arrays.copyOfRange(Files.readAllBytes(file), 1000, 2000);
        assertThat(part.body()).isEqualTo(expected);
        var whole = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(whole.body()).isEqualTo(Files.readAllBytes(file));
        var tail = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=-500").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range")).contains("bytes 99500-99999/100000");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(Files.readAllBytes(file), 99_500, 100_000));
        var outside = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=100000-").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).contains("bytes */100000");
    }

    /** Every object (temporary files of an upload included) whose key starts with the asset's key, over the S3 API. */
    private java.util.List<String> objectsUnder(String environment, String assetId) {
        var files = devstage.server().files();
        return files.client().listObjectsV2(b -> b.bucket(files.bucket(environment)).prefix(S3AssetFiles.key(environment, assetId)))
                .contents().stream().map(o -> o.key()).toList();
    }

    private HttpResponse<Void> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private Path randomFile(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream stream = new DigestInputStream(in, digest)) {
            stream.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
