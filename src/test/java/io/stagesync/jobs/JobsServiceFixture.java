package io.stagesync.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.testing.secrets.TestSecrets;
import org.apache.camel.CamelContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real jobs service (ServeLauncher, camel-main, HTTP on free ports, H2 file state store in a temp folder)
 * for a test, and talks to it over real HTTP with the API token.
 */
final class JobsServiceFixture implements AutoCloseable {

    static final String TOKEN = "test-token-4f2a";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final int port = freePort();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServeLauncher launcher;
    CamelContext context;

    JobsServiceFixture(Path dir, Map<String, String> settings) {
        TestSecrets.register("jobs service API token", TOKEN);
        this.dir = dir;
        properties.put("stagesync.server.port", String.valueOf(port));
        properties.put("stagesync.api.token", TOKEN);
        properties.put("stagesync.state.url", "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath());
        properties.put("stagesync.jobs.inbox", dir.resolve("inbox").toAbsolutePath().toString());
        properties.put("stagesync.jobs.inbox-poll", "200ms");
        properties.put("stagesync.jobs.poll-interval", "200ms");
        properties.put("stagesync.cluster.file.root", dir.resolve("cluster").toAbsolutePath().toString());
        properties.put("stagesync.jobs.shutdown-grace", "20s");
        properties.put("stagesync.jobs.log-keep-alive", "1s");
        properties.put("camel.routecontroller.enabled", "false");
        // short sync retries, so a cancelled or stopped run does not wait out a long backoff
        properties.put("stagesync.sync.retry.base-delay", "20ms");
        properties.put("stagesync.sync.retry.max-delay", "200ms");
        properties.put("stagesync.sync.documents-dir", dir.resolve("graphql").toAbsolutePath().toString());
        properties.putAll(settings);
    }

    /** Stage settings for a devstage server: production (protected) and staging (its child), with their token. */
    static Map<String, String> stages(io.stagesync.testing.DevstageExtension devstage) {
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("stagesync.stages.production.content-api", devstage.contentApiUrl("production"));
        stages.put("stagesync.stages.production.token", devstage.token());
        stages.put("stagesync.stages.production.protected", "true");
        stages.put("stagesync.stages.staging.content-api", devstage.contentApiUrl("staging"));
        stages.put("stagesync.stages.staging.token", devstage.token());
        stages.put("stagesync.stages.staging.parent", "production");
        return stages;
    }

    /** Stages production (protected) and staging (its child) on an address where nothing answers, plus {@code extra}. */
    static Map<String, String> unreachableStages(Map<String, String> extra) {
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("stagesync.stages.production.content-api", "http://127.0.0.1:9/v2/demo/production");
        stages.put("stagesync.stages.production.protected", "true");
        stages.put("stagesync.stages.staging.content-api", "http://127.0.0.1:9/v2/demo/staging");
        stages.put("stagesync.stages.staging.parent", "production");
        stages.putAll(extra);
        return stages;
    }

    /** The settings the service is started with. */
    Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    /** Starts the service and waits until it leads (it is alone on its cluster folder), so it runs the queue. */
    JobsServiceFixture start() throws Exception {
        launcher = new ServeLauncher(null, properties);
        context = launcher.start();
        RunCoordinator coordinator = context.getRegistry().lookupByNameAndType("runCoordinator", RunCoordinator.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(coordinator::leader);
        return this;
    }

    /**
     * Runs {@code stagesync serve --config FILE} in its own JVM with this fixture's settings (ports, state store,
     * stages) instead of in process; its output goes to {@code <dir>/<name>.log}.
     */
    Process startChild(String name) throws IOException {
        // --config replaces application.properties: start from it, as a user would, and set the test's keys after
        StringBuilder config = new StringBuilder(java.nio.file.Files.readString(Path.of("application.properties")));
        config.append("\n# jobs service started by a test\n");
        properties.forEach((key, value) -> config.append(key).append(" = ").append(value).append('\n'));
        Path file = java.nio.file.Files.writeString(dir.resolve(name + ".properties"), config);
        io.stagesync.testing.secrets.TestSecrets.holdsSecretOnPurpose(file);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.stagesync.StageSyncApplication",
                "serve", "--config", file.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    /**
     * Stops the service and shuts down the Quartz schedulers it leaves in this JVM: a stopped Camel context pauses its
     * triggers in the JVM-wide scheduler, and a restarted service (a new process in production) would otherwise find
     * them and race their first fire against its own schedule routes.
     */
    void stop() throws Exception {
        if (launcher != null) {
            launcher.stop();
            launcher = null;
        }
        for (org.quartz.Scheduler scheduler : org.quartz.impl.SchedulerRepository.getInstance().lookupAll()) {
            scheduler.shutdown(true);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build());
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN);
    }

    HttpClient client() {
        return http;
    }

    static Map<String, Object> object(HttpResponse<String> response) {
        try {
            return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("Not a JSON object (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    static List<Map<String, Object>> list(HttpResponse<String> response) {
        try {
            return JSON.readValue(response.body(), new TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("Not a JSON list (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
