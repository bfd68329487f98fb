package io.stagesync.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.assets.GeneratedInputStream;
import io.stagesync.assets.MultipartPostUploader;
import io.stagesync.assets.S3ClientFactory;
import io.stagesync.assets.UploadStatusPoller;
import io.stagesync.config.StageRegistry;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.dialect.AssetApi;
import io.stagesync.hygraph.HygraphDialects;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Backup benchmark on devstage and its S3Proxy: a full backup (child JVM, -Xmx256m) of ENTRIES demo hotels (×4.1
 * entries in all) and one generated asset of LARGE_MB MiB, a raw S3 copy of the same objects in the same run, an
 * incremental backup after 1 % of the hotels changed, and a restore into an empty stage with a rate limit of RATE
 * requests/s. Prints {@code RESULT {...}} last.
 */
public final class BackupBench {

    private static final int ENTRIES = Integer.parseInt(System.getenv().getOrDefault("ENTRIES", "2000"));
    private static final long LARGE_MB = Long.parseLong(System.getenv().getOrDefault("LARGE_MB", "256"));
    private static final int RATE = Integer.parseInt(System.getenv().getOrDefault("RATE", "20"));
    /** Files moved at once, by the backup (stagesync.assets.parallel-transfers) and by the raw copy (env PARALLEL, default 4). */
    private static final int PARALLEL = Integer.parseInt(System.getenv().getOrDefault("PARALLEL", "4"));

    /** The step running now, named when it fails. */
    private static volatile String step = "start devstage";

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            System.err.println("bench: step '" + step + "' failed");
            e.printStackTrace();
            System.exit(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static void run() throws Exception {
        Path work = Files.createTempDirectory("backup-bench-");
        String token = "bench-" + UUID.randomUUID();
        DevstageServer server = DevstageServer.builder().port(0).demo(false).token(token).start();
        String result;
        try {
            server.addEnvironment("bench-source", DevstageServer.demoModel(), ENTRIES);
            server.addEnvironment("bench-target", DevstageServer.demoModel(), 0);
            addLargeAsset(server, token);
            var buckets = server.buckets();
            S3Client s3 = new S3ClientFactory(buckets.endpoint().toString(), "us-east-1", buckets.accessKey(), buckets.secretKey()).client();
            s3.createBucket(b -> b.bucket("bench-backups"));
            s3.createBucket(b -> b.bucket("bench-raw"));
            Path config = config(server, token, work);
            System.out.printf("bench: source entries=%d large asset MiB=%d%n", ENTRIES * 41 / 10, LARGE_MB);

            step = "full backup";
            Map<String, Object> full = child(config, work, "backup", "bench-source", "bench");
            long backupBytes = 0;
            List<S3Object> objects = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket("bench-backups")).contents()) {
                objects.add(o);
                backupBytes += o.size();
            }
            double backupSeconds = ((Number) full.get("wallMs")).doubleValue() / 1000;
            System.out.printf("bench: full backup seconds=%.2f bytes=%d report=%s%n", backupSeconds, backupBytes, full);

            // the same objects, bucket to bucket, with as many copies at once as the backup moves files
            step = "raw copy";
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL);
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> copies = new ArrayList<>();
            for (S3Object o : objects) {
                copies.add(pool.submit(() -> {
                    // the S3 client cannot replay a stream when it retries on its own: a failed copy is started again
                    for (int attempt = 1; ; attempt++) {
                        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket("bench-backups").key(o.key()))) {
                            s3.putObject(b -> b.bucket("bench-raw").key(o.key()), RequestBody.fromInputStream(in, o.size()));
                            return null;
                        } catch (RuntimeException e) {
                            if (attempt == 3) {
                                throw e;
                            }
                            System.out.printf("bench: raw copy of %s started again: %s%n", o.key(), e.getMessage());
                        }
                    }
                }));
            }
            for (var copy : copies) {
                copy.get();
            }
            double rawSeconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("bench: raw copy of the same objects seconds=%.2f%n", rawSeconds);

            step = "change 1 % of the hotels";
            changeOnePercent(server, token);
            step = "incremental backup";
            Map<String, Object> incremental = child(config, work, "backup", "bench-source", "bench");
            System.out.printf("bench: incremental backup report=%s%n", incremental);

            step = "restore";
            Map<String, Object> restore = child(config, work, "restore", "bench", "bench-target");
            double restoreSeconds = ((Number) restore.get("wallMs")).doubleValue() / 1000;
            long restored = 0;
            for (Object m : ((Map<String, Object>) restore.get("models")).values()) {
                restored += ((Number) ((Map<String, Object>) m).get("created")).longValue();
            }
            long requests = ((Number) ((Map<String, Object>) restore.get("requests")).get("bench-target")).longValue();
            System.out.printf("bench: restore seconds=%.2f entries=%d requests=%d report=%s%n", restoreSeconds, restored, requests, restore);

            result = String.format("RESULT {\"entries\": %d, \"largeAssetMiB\": %d, \"backupMBps\": %.1f, \"rawCopyMBps\": %.1f, "
                            + "\"fullBytes\": %s, \"incrementalBytes\": %s, \"incrementalChunks\": %s, \"backupPeakHeapMb\": %s, "
                            + "\"incrementalPeakHeapMb\": %s, \"restoreEntriesPerSec\": %.1f, \"restoreRequestsPerSec\": %.1f, "
                            + "\"rateLimit\": %d, \"restorePeakHeapMb\": %s}",
                    ENTRIES * 41 / 10, LARGE_MB, backupBytes / 1e6 / backupSeconds, backupBytes / 1e6 / rawSeconds, full.get("uploadedBytes"),
                    incremental.get("uploadedBytes"), incremental.get("chunksWritten"), full.get("peakHeapMb"), incremental.get("peakHeapMb"),
                    restored / restoreSeconds, requests / restoreSeconds, RATE, restore.get("peakHeapMb"));
        } finally {
            server.close();
        }
        if (System.getenv("KEEP_WORK") == null) {
            try (var paths = Files.walk(work)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.out.println(result);
        System.exit(0);
    }

    private static void addLargeAsset(DevstageServer server, String token) throws Exception {
        StageRegistry stages = new StageRegistry(Map.of("stagesync.stages.bench-source.content-api", server.contentApiUrl("bench-source"),
                "stagesync.stages.bench-source.token", token));
        AssetApi api = HygraphDialects.standalone(stages, List.of()).assets();
        long size = LARGE_MB * 1024 * 1024;
        AssetApi.Upload upload = api.createForPost("bench-source", "large.mp4", Map.of());
        new MultipartPostUploader(Duration.ofSeconds(30), Duration.ofMinutes(30))
                .upload(upload.postData(), "large.mp4", null, new GeneratedInputStream(7, size), size);
        new UploadStatusPoller(api, Duration.ofMinutes(10), Duration.ofMillis(200)).awaitComplete("bench-source", upload.assetId());
    }

    /** Renames 1 % of the hotels (at least one). */
    @SuppressWarnings("unchecked")
    private static void changeOnePercent(DevstageServer server, String token) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        int n = Math.max(1, ENTRIES / 100);
        List<Map<String, Object>> hotels = new ArrayList<>();
        // pages of at most 100, the stage's largest `first`
        while (hotels.size() < n) {
            String list = post(client, server, token, "{ hotels(first: " + Math.min(100, n - hotels.size()) + ", skip: " + hotels.size()
                    + ", stage: DRAFT) { id } }");
            Map<String, Object> data = (Map<String, Object>) new ObjectMapper().readValue(list, Map.class).get("data");
            if (data == null || ((List<?>) data.get("hotels")).isEmpty()) {
                throw new IllegalStateException("listing the hotels to change failed: " + list);
            }
            hotels.addAll((List<Map<String, Object>>) data.get("hotels"));
        }
        for (Map<String, Object> h : hotels) {
            post(client, server, token, "mutation { updateHotel(where: { id: \"" + h.get("id") + "\" }, data: { name: \"Changed\" }) { id } }");
        }
        System.out.printf("bench: changed hotels=%d%n", hotels.size());
    }

    private static String post(java.net.http.HttpClient client, DevstageServer server, String token, String query) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.contentApiUrl("bench-source")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(Map.of("query", query)))).build();
        return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Path config(DevstageServer server, String token, Path work) throws Exception {
        Properties p = new Properties();
        for (String env : List.of("bench-source", "bench-target")) {
            p.setProperty("stagesync.stages." + env + ".content-api", server.contentApiUrl(env));
            p.setProperty("stagesync.stages." + env + ".token", token);
        }
        p.setProperty("stagesync.stages.bench-target.rate-limit", Integer.toString(RATE));
        p.setProperty("stagesync.assets.parallel-transfers", Integer.toString(PARALLEL));
        p.setProperty("stagesync.state.url", "jdbc:h2:file:" + work.resolve("state").toAbsolutePath());
        p.setProperty("stagesync.backup.endpoint", server.buckets().endpoint().toString());
        p.setProperty("stagesync.backup.access-key", server.buckets().accessKey());
        p.setProperty("stagesync.backup.secret-key", server.buckets().secretKey());
        p.setProperty("stagesync.backup.bucket", "bench-backups");
        p.setProperty("stagesync.backup.data-dir", work.resolve("backups").toString());
        p.setProperty("camel.main.base-package-scan", "io.stagesync");
        Path props = work.resolve("bench.properties");
        try (OutputStream out = new FileOutputStream(props.toFile())) {
            p.store(out, null);
        }
        return props;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Path config, Path work, String... args) throws Exception {
        Path log = work.resolve(args[0] + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dlogback.configurationFile=bench/logback-bench.xml"));
        // CHILD_OPTS: extra JVM options for the backup and restore JVMs, e.g. a flight recording
        String extra = System.getenv().getOrDefault("CHILD_OPTS", "").replace("%s", args[0] + "-" + System.nanoTime());
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BackupBenchMain.class.getName(), config.toString()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(60, TimeUnit.MINUTES) || child.exitValue() != 0) {
            throw new IllegalStateException(args[0] + " JVM failed; log: " + log + "\n" + String.join("\n", tail(log)));
        }
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("REPORT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no REPORT line; log: " + log));
        return new ObjectMapper().readValue(line.substring(7), Map.class);
    }

    private static List<String> tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.max(0, lines.size() - 30), lines.size());
    }
}
