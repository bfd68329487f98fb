package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;
import io.stagesync.hygraph.HygraphDialects;

import io.stagesync.config.StageRegistry;
import io.stagesync.devstage.DevstageServer;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Times the legs of one 200 MiB asset transfer against devstage, to see where an asset sync spends its time. */
public final class AssetLegs {
    public static void main(String[] args) throws Exception {
        long size = 200L * 1024 * 1024;
        Path work = Files.createTempDirectory("asset-legs-");
        Path file = work.resolve("file.bin");
        try (InputStream in = new GeneratedInputStream(1, size); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        String token = "t-" + UUID.randomUUID();
        DevstageServer server = DevstageServer.builder().port(0).demo(false).token(token).dataDir(work.resolve("d")).start();
        server.addEnvironment("src", DevstageServer.demoModel(), 0);
        StageRegistry stages = new StageRegistry(Map.of("stagesync.stages.src.content-api", server.contentApiUrl("src"), "stagesync.stages.src.token", token));
        AssetApi api = HygraphDialects.standalone(stages, List.of()).assets();
        MultipartPostUploader uploader = new MultipartPostUploader(Duration.ofSeconds(30), Duration.ofMinutes(10));
        UploadStatusPoller poller = new UploadStatusPoller(api, Duration.ofMinutes(5), Duration.ofMillis(100));
        for (int round = 0; round < 2; round++) {
            long t = System.nanoTime();
            AssetApi.Upload up = api.createForPost("src", "f.bin", Map.of());
            try (InputStream in = new FileInputStream(file.toFile())) {
                uploader.upload(up.postData(), "f.bin", null, in, size);
            }
            report("POST java.net.http from file", size, t);
            poller.awaitComplete("src", up.assetId());
            t = System.nanoTime();
            AssetApi.Upload up2 = api.createForPost("src", "g.bin", Map.of());
            postWithUrlConnection(up2.postData(), file, size);
            report("POST HttpURLConnection from file", size, t);
            t = System.nanoTime();
            AssetApi.TargetAsset done = poller.awaitComplete("src", up.assetId());
            report("poll until complete", size, t);
            t = System.nanoTime();
            try (SourceFile f = new SourceFileReader(Duration.ofMinutes(1)).open(done.url(), null)) {
                f.stream().drain();
            }
            report("GET java.net.http + sha256", size, t);
            t = System.nanoTime();
            HttpURLConnection c = (HttpURLConnection) URI.create(done.url()).toURL().openConnection();
            try (InputStream in = c.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            report("GET HttpURLConnection, no sha", size, t);
            t = System.nanoTime();
            try (InputStream in = new FileInputStream(file.toFile())) {
                new ChecksumInputStream(in, null).drain();
            }
            report("sha256 of local file", size, t);
        }
        server.close();
        AssetBench.deleteTree(work);
        System.exit(0);
    }

    static void postWithUrlConnection(Map<String, String> post, Path file, long size) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        StringBuilder sb = new StringBuilder();
        MultipartPostUploader.formFields(post).forEach((k, v) -> sb.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"g.bin\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n");
        byte[] head = sb.toString().getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        HttpURLConnection c = (HttpURLConnection) URI.create(post.get("url")).toURL().openConnection();
        c.setDoOutput(true);
        c.setRequestMethod("POST");
        c.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
        c.setFixedLengthStreamingMode(head.length + size + tail.length);
        try (OutputStream out = c.getOutputStream(); InputStream in = new FileInputStream(file.toFile())) {
            out.write(head);
            byte[] buf = new byte[256 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            out.write(tail);
        }
        if (c.getResponseCode() / 100 != 2) {
            throw new IllegalStateException("POST " + c.getResponseCode());
        }
    }

    static void report(String what, long size, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("legs: %-32s %.2fs %.1f MB/s%n", what, s, size / 1e6 / s);
    }
}
