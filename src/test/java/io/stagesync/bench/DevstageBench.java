package io.stagesync.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.S3PostForm;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures devstage's own throughput over HTTP, with and without a rate limit: page reads/s (100-entry pages),
 * aliased-mutation batches/s and entries/s (25 creates per request), asset MB/s (pre-signed POST upload, CDN GET).
 * Run with {@code bench/devstage-bench.sh [seconds-per-phase] [demo-size] [file-mb]}.
 */
public final class DevstageBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 25;

    private final DevstageServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long phaseMillis;
    private static final AtomicLong SLUGS = new AtomicLong();

    private DevstageBench(DevstageServer server, long phaseMillis) {
        this.server = server;
        this.phaseMillis = phaseMillis;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int demoSize = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int fileMb = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        try (DevstageServer server = DevstageServer.builder().port(0).demo(true).demoSize(demoSize)
                .token("bench-" + System.nanoTime()).start()) {
            DevstageBench bench = new DevstageBench(server, seconds * 1000L);
            System.out.printf("devstage bench: %d s per phase, demo size %d, %d cores%n", seconds, demoSize,
                    Runtime.getRuntime().availableProcessors());
            bench.warmUp();
            bench.pageReads(1, 0);
            bench.pageReads(4, 0);
            bench.pageReads(1, 10);
            bench.mutationBatches(1, 0);
            bench.mutationBatches(4, 0);
            bench.mutationBatches(1, 5);
            bench.assets(fileMb);
        }
    }

    /** Unreported rounds first, so the JIT has compiled the server's hot paths before anything is timed. */
    private void warmUp() throws Exception {
        long measured = phaseMillis;
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(OutputStream.nullOutputStream()));
        try {
            DevstageBench warm = new DevstageBench(server, Math.max(3000, measured / 2));
            warm.pageReads(2, 0);
            warm.mutationBatches(2, 0);
        } finally {
            System.setOut(out);
        }
    }

    private void pageReads(int threads, double rateLimit) throws Exception {
        server.faults("production").reset().rateLimit(rateLimit);
        long[] counts = run(threads, () -> {
            String after = null;
            long ok = 0;
            long limited = 0;
            long end = System.currentTimeMillis() + phaseMillis;
            while (System.currentTimeMillis() < end) {
                Map<String, Object> variables = new LinkedHashMap<>();
                variables.put("after", after);
                Answer answer = post("production", "query P($after: String) { page: reviewsConnection(first: 100, after: $after, "
                        + "stage: DRAFT) { edges { node { id title rating } } pageInfo { hasNextPage endCursor } } }", variables);
                if (answer.status == 429) {
                    limited++;
                    continue;
                }
                Map<?, ?> page = (Map<?, ?>) answer.data().get("page");
                Map<?, ?> info = (Map<?, ?>) page.get("pageInfo");
                after = Boolean.TRUE.equals(info.get("hasNextPage")) ? (String) info.get("endCursor") : null;
                ok++;
            }
            return new long[]{ok, limited};
        });
        report("page reads (100 entries)", threads, rateLimit, counts, "pages");
    }

    private void mutationBatches(int threads, double rateLimit) throws Exception {
        server.faults("staging").reset().rateLimit(rateLimit);
        long[] counts = run(threads, () -> {
            long ok = 0;
            long limited = 0;
            long end = System.currentTimeMillis() + phaseMillis;
            while (System.currentTimeMillis() < end) {
                StringBuilder m = new StringBuilder("mutation {");
                for (int i = 0; i < BATCH; i++) {
                    String slug = "bench-" + SLUGS.incrementAndGet();
                    m.append(" m").append(i).append(": createHotel(data: { name: \"").append(slug)
                            .append("\", slug: \"").append(slug).append("\", category: BUDGET, stars: 3 }) { id }");
                }
                Answer answer = post("staging", m.append(" }").toString(), Map.of());
                if (answer.status == 429) {
                    limited++;
                    continue;
                }
                if (answer.data().size() != BATCH) {
                    throw new IllegalStateException("batch created " + answer.data().size() + " of " + BATCH);
                }
                ok++;
            }
            return new long[]{ok, limited};
        });
        report("aliased-mutation batches (25 creates)", threads, rateLimit, counts, "batches");
        System.out.printf("    = %.0f entries/s%n", counts[0] * BATCH * 1000.0 / phaseMillis);
    }

    private void assets(int fileMb) throws Exception {
        server.faults("staging").reset();
        Path file = Files.createTempFile("devstage-bench", ".bin");
        try {
            writeRandom(file, fileMb * 1024L * 1024L);
            for (int round = 1; round <= 3; round++) {
                String assetId = "bench-asset-" + round;
                Map<String, String> postData = server.files().requestPostData("staging", assetId, "bench.bin");
                long start = System.nanoTime();
                HttpResponse<String> upload = http.send(S3PostForm.request(postData, "bench.bin", file),
                        HttpResponse.BodyHandlers.ofString());
                double uploadSeconds = (System.nanoTime() - start) / 1e9;
                if (upload.statusCode() / 100 != 2) {
                    throw new IllegalStateException("upload answered " + upload.statusCode() + ": " + upload.body());
                }
                start = System.nanoTime();
                long bytes = 0;
                HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(
                        URI.create(server.files().url("staging", assetId, "bench.bin"))).build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = download.body()) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        bytes += n;
                    }
                }
                double downloadSeconds = (System.nanoTime() - start) / 1e9;
                if (download.statusCode() != 200 || bytes != Files.size(file)) {
                    throw new IllegalStateException("CDN GET answered " + download.statusCode() + " with " + bytes + " bytes");
                }
                System.out.printf("asset %d MB round %d: pre-signed POST upload %.1f MB/s, CDN GET %.1f MB/s%n",
                        fileMb, round, fileMb / uploadSeconds, fileMb / downloadSeconds);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private long[] run(int threads, java.util.concurrent.Callable<long[]> worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(worker));
            }
            long[] total = new long[2];
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                total[0] += r[0];
                total[1] += r[1];
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private void report(String what, int threads, double rateLimit, long[] counts, String unit) {
        double seconds = phaseMillis / 1000.0;
        System.out.printf("%s, %d client thread(s), rate limit %s: %.1f %s/s, %.1f answered 429/s%n", what, threads,
                rateLimit == 0 ? "off" : rateLimit + "/s", counts[0] / seconds, unit, counts[1] / seconds);
    }

    private record Answer(int status, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            if (status != 200 || body.get("errors") != null) {
                throw new IllegalStateException("GraphQL answered " + status + ": " + body);
            }
            return (Map<String, Object>) body.get("data");
        }
    }

    private Answer post(String environment, String query, Map<String, Object> variables) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.contentApiUrl(environment)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + server.token())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = response.body().isBlank() ? Map.of()
                : JSON.readValue(response.body(), new TypeReference<LinkedHashMap<String, Object>>() { });
        return new Answer(response.statusCode(), json);
    }

    private static void writeRandom(Path file, long size) throws Exception {
        Random random = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
    }
}
