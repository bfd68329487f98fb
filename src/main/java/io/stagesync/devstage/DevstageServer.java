package io.stagesync.devstage;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.stagesync.devstage.faults.FaultSettings;
import io.stagesync.devstage.files.BucketServer;
import io.stagesync.devstage.files.S3AssetFiles;
import io.stagesync.devstage.files.UploadUrlPolicy;
import io.stagesync.devstage.graphql.DevstageContentApi;
import io.stagesync.devstage.server.BearerAuth;
import io.stagesync.devstage.server.CdnHandler;
import io.stagesync.devstage.server.ContentApiHandler;
import io.stagesync.devstage.server.FaultAdminHandler;
import io.stagesync.devstage.server.ManagementApiHandler;
import io.stagesync.devstage.server.PostUploadHandler;
import io.stagesync.devstage.server.RequestStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** devstage: a local Hygraph-compatible stage server (content API per environment, S3 buckets, CDN, faults). */
public final class DevstageServer implements AutoCloseable {

    public static final String PROJECT = "demo";
    public static final String DEMO_MODEL = "/devstage/demo-model.json";
    /** The demo schemas by name and their model definition resources. */
    public static final java.util.Map<String, String> DEMO_SCHEMAS = new java.util.TreeMap<>(java.util.Map.of(
            "hotels", DEMO_MODEL, "kitchen-sink", "/devstage/kitchen-sink-model.json"));
    private static final Logger log = LoggerFactory.getLogger(DevstageServer.class);

    static {
        // The JDK server leaves Nagle's algorithm on unless told: a small answer written after its headers then
        // waits for the client's delayed ACK, some 40 ms per request. Hygraph answers without that pause.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final DevstageSettings settings;
    private final Map<String, FaultSettings> faults = new ConcurrentHashMap<>();
    private final Map<String, RequestStats> stats = new ConcurrentHashMap<>();
    private HttpServer http;
    private ExecutorService httpThreads;
    private ExecutorService fetchThreads;
    private BucketServer buckets;
    private S3AssetFiles files;
    private HikariDataSource database;
    private DevstageBackend backend;
    private ManagementApiHandler management;
    private Path tempDir;
    private String token;

    DevstageServer(DevstageSettings settings) {
        this.settings = settings;
    }

    /** Settings for a new server; {@link DevstageSettings#start()} builds and starts it. */
    public static DevstageSettings builder() {
        return new DevstageSettings();
    }

    /** Starts buckets, database, content API and HTTP server; with demo, creates production (seeded) and staging. */
    public DevstageServer start() throws Exception {
        token = DevstageToken.resolve(settings.token, settings.tokenFile, settings.dataDir);
        Path root = settings.dataDir != null ? settings.dataDir : (tempDir = Files.createTempDirectory("devstage-"));
        Files.createDirectories(root);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.port), 64);
        String baseUrl = "http://localhost:" + http.getAddress().getPort();
        buckets = new BucketServer(root.resolve("buckets"));
        fetchThreads = Executors.newFixedThreadPool(4, daemon("devstage-fetch"));
        files = new S3AssetFiles(buckets, baseUrl, settings.maxFileBytes, fetchThreads,
                settings.fetchTimeout, new UploadUrlPolicy(settings.uploadUrlOrigins));
        database = openDatabase(settings.dataDir);
        backend = new DevstageContentApi(database, files);
        backend.setMaxPageSize(settings.maxPageSize);
        BearerAuth auth = new BearerAuth(token);
        http.createContext("/v2/", new ContentApiHandler(PROJECT, auth, backend, this::faults, this::stats));
        http.createContext("/_devstage/faults/", new FaultAdminHandler(auth, backend::environments, this::faults));
        management = new ManagementApiHandler(PROJECT, auth, backend, this::contentApiUrl, () -> settings.maxPageSize,
                this::cloneEnvironment, environment -> faults(environment).holdMigrations());
        http.createContext("/graphql", management);
        http.createContext("/cdn/", new CdnHandler(files));
        http.createContext("/upload/", new PostUploadHandler(files));
        httpThreads = Executors.newFixedThreadPool(settings.httpThreads, daemon("devstage-http"));
        http.setExecutor(httpThreads);
        http.start();
        if (settings.demo) {
            String model = demoModel(settings.demoSchema);
            addEnvironment("production", model, settings.demoSize);
            addEnvironment("staging", model, 0);
        }
        for (var extra : settings.environments.entrySet()) {
            addEnvironment(extra.getKey(), extra.getValue(), 0);
        }
        log.info("devstage started baseUrl={} project={} environments={} data={}", baseUrl, PROJECT,
                backend.environments(), settings.dataDir == null ? "in-memory" : settings.dataDir);
        return this;
    }

    /** Adds an environment with its own model definition (JSON) unless it exists; seeds demo content when size > 0. */
    public void addEnvironment(String name, String modelDefinitionJson, int demoSize) {
        if (!name.matches("[A-Za-z0-9_-]{1,50}")) {
            throw new IllegalArgumentException("environment name must be 1-50 letters, digits, '-' or '_', got: " + name);
        }
        files.bucket(name);
        if (!backend.environments().contains(name)) {
            backend.createEnvironment(name, modelDefinitionJson);
            if (demoSize > 0) {
                backend.seedDemo(name, demoSize);
            }
            log.info("Environment created environment={} url={}", name, contentApiUrl(name));
        }
    }

    /**
     * Creates environment {@code name} as a clone of {@code source}: schema, content of both stages and asset files,
     * with the same ids (what Hygraph's clone of an environment with content gives).
     */
    public void cloneEnvironment(String source, String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,50}")) {
            throw new IllegalArgumentException("environment name must be 1-50 letters, digits, '-' or '_', got: " + name);
        }
        files.bucket(name);
        backend.cloneEnvironment(source, name);
        log.info("Environment cloned source={} environment={} url={}", source, name, contentApiUrl(name));
    }

    /** The Management API endpoint ({@code /graphql} on the content API's host and port, as the Management SDK derives it). */
    public String managementApiUrl() {
        return baseUrl() + "/graphql";
    }

    public static String demoModel() {
        return demoModel("hotels");
    }

    /** The model definition of a demo schema ({@code hotels}, {@code kitchen-sink}). */
    public static String demoModel(String schema) {
        String resource = DEMO_SCHEMAS.get(schema);
        if (resource == null) {
            throw new IllegalArgumentException("demo schema '" + schema + "' is unknown; allowed: " + DEMO_SCHEMAS.keySet());
        }
        try (InputStream in = DevstageServer.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("demo model " + resource + " is missing from the classpath", e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + http.getAddress().getPort();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String contentApiUrl(String environment) {
        return baseUrl() + "/v2/" + PROJECT + "/" + environment;
    }

    public Set<String> environments() {
        return backend.environments();
    }

    public String token() {
        return token;
    }

    /**
     * Fills the empty environment {@code target} with {@code source}'s content, ids kept, asset files included, as
     * cloning an environment with its content does in Hygraph.
     */
    public void copyContent(String source, String target) {
        backend.copyContent(source, target);
    }

    /** The runtime fault settings of an environment (created, all off, on first use). */
    public FaultSettings faults(String environment) {
        return faults.computeIfAbsent(environment, e -> new FaultSettings());
    }

    /** Request counters of an environment's content API. */
    public RequestStats stats(String environment) {
        return stats.computeIfAbsent(environment, e -> new RequestStats());
    }

    /** The content API with its environment administration (create, seed, page size). */
    public DevstageBackend contentApi() {
        return backend;
    }

    public S3AssetFiles files() {
        return files;
    }

    public BucketServer buckets() {
        return buckets;
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop(0);
        }
        shutdown(httpThreads);
        closeQuietly(management);
        shutdown(fetchThreads);
        closeQuietly(files);
        closeQuietly(buckets);
        closeQuietly(database);
        if (tempDir != null) {
            try (Stream<Path> paths = Files.walk(tempDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                log.warn("Could not delete temp dir path={} reason={}", tempDir, e.toString());
            }
        }
        log.info("devstage stopped");
    }

    private static HikariDataSource openDatabase(Path dataDir) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(dataDir == null
                ? "jdbc:h2:mem:devstage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
                // WRITE_DELAY=0: a commit reaches the file before the request is answered (H2's default waits 500 ms)
                : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("devstage") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setPoolName("devstage-db");
        return new HikariDataSource(config);
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        var counter = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void shutdown(ExecutorService executor) {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Close failed resource={} reason={}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
