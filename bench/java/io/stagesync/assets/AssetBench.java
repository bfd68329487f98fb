package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;
import io.stagesync.hygraph.HygraphDialects;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.config.StageRegistry;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.devstage.files.S3AssetFiles;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Asset sync benchmark: 1 GiB of mixed assets (many small, four of 200 MiB) in a devstage source environment,
 * copied (1) raw, bucket to bucket with the S3 client at full speed, and (2) by the sync-assets phase in a JVM
 * limited to 256 MB of heap. Prints {@code RESULT {"mbPerSec", "rawMbPerSec", "ratio", "peakHeapMb"}} last.
 */
public final class AssetBench {

    private static final long MIB = 1024 * 1024;
    private static final long TOTAL = 1024 * MIB;
    private static final int LARGE = 4;
    private static final long LARGE_SIZE = 200 * MIB;
    /** Transfers in parallel, for the sync and for the raw baseline alike (env PARALLEL, default 4). */
    private static final int PARALLEL = Integer.parseInt(System.getenv().getOrDefault("PARALLEL", "4"));

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            // the worker pools are not daemons: say what failed and end the JVM instead of hanging
            System.err.println("bench: failed");
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        Path work = Files.createTempDirectory("asset-bench-");
        String token = "bench-" + UUID.randomUUID();
        DevstageServer server = DevstageServer.builder().port(0).demo(false).token(token).dataDir(work.resolve("devstage")).start();
        String result;
        try {
            server.addEnvironment("bench-source", DevstageServer.demoModel(), 0);
            server.addEnvironment("bench-target", DevstageServer.demoModel(), 0);
            List<long[]> plan = sizes();
            List<String> ids = generate(server, token, plan);
            System.out.printf("bench: generated files=%d bytes=%d%n", ids.size(), TOTAL);

            settle();
            double rawSeconds = rawCopy(server, ids);
            double rawMbPerSec = TOTAL / 1e6 / rawSeconds;
            System.out.printf("bench: raw bucket-to-bucket copy seconds=%.2f MB/s=%.1f%n", rawSeconds, rawMbPerSec);

            settle();
            server.stats("bench-target").reset();
            server.stats("bench-source").reset();
            Map<?, ?> report = syncInChildJvm(server, token, work);
            long targetRequests = server.stats("bench-target").reads() + server.stats("bench-target").writes();
            System.out.printf("bench: GraphQL requests target=%d (%.3f per asset; writes=%d) source=%d%n", targetRequests,
                    (double) targetRequests / ids.size(), server.stats("bench-target").writes(),
                    server.stats("bench-source").reads() + server.stats("bench-source").writes());
            if (((Number) report.get("failed")).longValue() != 0 || ((Number) report.get("created")).longValue() != ids.size()) {
                throw new IllegalStateException("sync did not copy every asset: " + report);
            }
            double syncSeconds = ((Number) report.get("durationMs")).doubleValue() / 1000;
            double mbPerSec = ((Number) report.get("bytes")).doubleValue() / 1e6 / syncSeconds;
            System.out.printf("bench: sync-assets seconds=%.2f MB/s=%.1f peakHeapMb=%s report=%s%n", syncSeconds, mbPerSec,
                    report.get("peakHeapMb"), report);
            result = String.format("RESULT {\"mbPerSec\": %.1f, \"rawMbPerSec\": %.1f, \"ratio\": %.2f, \"peakHeapMb\": %s}",
                    mbPerSec, rawMbPerSec, mbPerSec / rawMbPerSec, report.get("peakHeapMb"));
        } finally {
            server.close();
        }
        // about 3 GB of buckets and state: removed after a successful run unless KEEP_WORK is set (a failed run keeps them)
        if (System.getenv("KEEP_WORK") == null) {
            deleteTree(work);
        }
        System.out.println(result);
        System.exit(0);
    }

    /**
     * Writes the files of the previous step to disk before the next timed step starts ({@code sync}), so that
     * neither copy pays for the other's write-back: the baseline and the sync start from the same state.
     */
    private static void settle() throws Exception {
        long start = System.nanoTime();
        Process sync = new ProcessBuilder("sync").inheritIO().start();
        if (!sync.waitFor(5, TimeUnit.MINUTES)) {
            sync.destroy();
        }
        System.out.printf("bench: dirty pages written in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Four files of 200 MiB, the rest of the GiB in small files of 16 KiB to 1 MiB. */
    static List<long[]> sizes() {
        List<long[]> sizes = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            sizes.add(new long[] {i, LARGE_SIZE});
        }
        long left = TOTAL - LARGE * LARGE_SIZE;
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        int seed = LARGE;
        while (left > 0) {
            long size = Math.min(left, 16 * 1024 + random.nextLong(MIB - 16 * 1024));
            sizes.add(new long[] {seed++, size});
            left -= size;
        }
        return sizes;
    }

    private static List<String> generate(DevstageServer server, String token, List<long[]> plan) throws Exception {
        StageRegistry stages = new StageRegistry(Map.of("stagesync.stages.bench-source.content-api", server.contentApiUrl("bench-source"),
                "stagesync.stages.bench-source.token", token));
        AssetApi api = HygraphDialects.standalone(stages, List.of()).assets();
        MultipartPostUploader uploader = new MultipartPostUploader(Duration.ofSeconds(30), Duration.ofMinutes(10));
        UploadStatusPoller poller = new UploadStatusPoller(api, Duration.ofMinutes(5), Duration.ofMillis(200));
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<String>> ids = new ArrayList<>();
        for (long[] file : plan) {
            ids.add(pool.submit(() -> {
                String name = (file[1] >= LARGE_SIZE ? "video-" : "image-") + file[0] + (file[1] >= LARGE_SIZE ? ".mp4" : ".jpg");
                AssetApi.Upload upload = api.createForPost("bench-source", name, Map.of());
                uploader.upload(upload.postData(), name, null, new GeneratedInputStream(file[0], file[1]), file[1]);
                poller.awaitComplete("bench-source", upload.assetId());
                return upload.assetId();
            }));
        }
        List<String> done = new ArrayList<>();
        try {
            for (Future<String> id : ids) {
                done.add(id.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return done;
    }

    /** Streams every source file from the source bucket into a raw target bucket, as fast as the S3 client goes. */
    private static double rawCopy(DevstageServer server, List<String> ids) throws Exception {
        var buckets = server.buckets();
        try (S3Client s3 = new S3ClientFactory(buckets.endpoint().toString(), "us-east-1", buckets.accessKey(), buckets.secretKey()).client()) {
            String from = server.files().bucket("bench-source");
            s3.createBucket(b -> b.bucket("bench-raw"));
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
            long start = System.nanoTime();
            List<Future<?>> copies = new ArrayList<>();
            for (String id : ids) {
                copies.add(pool.submit(() -> {
                    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(from).key(S3AssetFiles.key("bench-source", id)))) {
                        s3.putObject(b -> b.bucket("bench-raw").key(id), RequestBody.fromInputStream(in, in.response().contentLength()));
                    }
                    return null;
                }));
            }
            for (Future<?> copy : copies) {
                copy.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            return seconds;
        }
    }

    private static Map<?, ?> syncInChildJvm(DevstageServer server, String token, Path work) throws Exception {
        Properties p = new Properties();
        for (String env : List.of("bench-source", "bench-target")) {
            p.setProperty("stagesync.stages." + env + ".content-api", server.contentApiUrl(env));
            p.setProperty("stagesync.stages." + env + ".token", token);
        }
        p.setProperty("stagesync.state.url", "jdbc:h2:file:" + work.resolve("state").toAbsolutePath());
        p.setProperty("stagesync.assets.parallel-transfers", Integer.toString(PARALLEL));
        Path props = work.resolve("sync.properties");
        try (OutputStream out = new FileOutputStream(props.toFile())) {
            p.store(out, null);
        }
        Path log = work.resolve("sync.log");
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), AssetSyncMain.class.getName(), props.toString(), "bench-source", "bench-target")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
            throw new IllegalStateException("sync JVM failed; log: " + log);
        }
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("REPORT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no REPORT line; log: " + log));
        return new ObjectMapper().readValue(line.substring(7), Map.class);
    }
}
