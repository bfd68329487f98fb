package io.stagesync.testing;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.devstage.DevstageSettings;
import io.stagesync.devstage.faults.FaultSettings;
import io.stagesync.devstage.server.RequestStats;
import io.stagesync.testing.secrets.TestSecrets;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * JUnit 5 extension that runs a devstage server on a free port for a test class, with demo data
 * ({@code production} seeded, {@code staging} empty), a random token, and faults reset after each test.
 * <pre>
 * &#64;RegisterExtension
 * static DevstageExtension devstage = DevstageExtension.demo(20);
 * ...
 * var answer = devstage.client().post(devstage.contentApiUrl("production"), "{ hotels(first: 5) { id } }");
 * devstage.faults("staging").rateLimit(5);
 * </pre>
 */
public final class DevstageExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DevstageExtension.class);

    private final DevstageSettings settings;
    private final String sharedKey;
    private DevstageServer server;
    private GraphQLTestClient client;

    private DevstageExtension(DevstageSettings settings, String sharedKey) {
        // the tests' own files (devstage's CDN, the embedded S3 of the transfer bucket) are served on loopback
        this.settings = settings.allowUploadUrl("http://127.0.0.1", "http://localhost");
        this.sharedKey = sharedKey;
    }

    /** A server with demo data of the given size (N hotels, N/10 destinations, 3N reviews, N/5 assets). */
    public static DevstageExtension demo(int demoSize) {
        return new DevstageExtension(DevstageServer.builder().demo(true).demoSize(demoSize), null);
    }

    /**
     * Like {@link #demo} but one server per demo size for the whole test run (faster): only for tests that
     * do not depend on what other test classes write (use unique slugs, do not count all entries of staging).
     */
    public static DevstageExtension shared(int demoSize) {
        return new DevstageExtension(DevstageServer.builder().demo(true).demoSize(demoSize), "demo-" + demoSize);
    }

    /** A server without demo environments; add them with {@link #with}. */
    public static DevstageExtension empty() {
        return new DevstageExtension(DevstageServer.builder().demo(false), null);
    }

    /** Adjusts the server settings before start (extra environments, page size, data dir...). */
    public DevstageExtension with(Consumer<DevstageSettings> change) {
        change.accept(settings);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String token = "test-" + UUID.randomUUID();
        if (sharedKey == null) {
            server = settings.port(0).token(token).start();
        } else {
            server = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(sharedKey, key -> new SharedServer(settings.port(0).token(token)), SharedServer.class).server;
        }
        TestSecrets.register("devstage token", server.token());
        client = new GraphQLTestClient(server.token());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.environments().forEach(env -> faults(env).reset());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null && sharedKey == null) {
            server.close();
        }
    }

    /** A server kept for the whole run and closed by JUnit at its end. */
    private static final class SharedServer implements AutoCloseable {
        private final DevstageServer server;

        SharedServer(DevstageSettings settings) {
            try {
                server = settings.start();
            } catch (Exception e) {
                throw new IllegalStateException("devstage did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            server.close();
        }
    }

    public DevstageServer server() {
        return server;
    }

    /** Adds a new environment with the given model definition (JSON) and demo content of the given size (0 = empty); returns its name. */
    public String freshEnvironment(String prefix, String modelJson, int demoSize) {
        String name = prefix + ENVIRONMENTS.incrementAndGet();
        server.addEnvironment(name, modelJson, demoSize);
        return name;
    }

    /** Adds a new, empty environment with the given model definition (JSON) and returns its name. */
    public String freshEnvironment(String prefix, String modelJson) {
        return freshEnvironment(prefix, modelJson, 0);
    }

    /** Adds a new, empty environment with the demo schema and returns its name. */
    public String freshEnvironment(String prefix) {
        return freshEnvironment(prefix, DevstageServer.demoModel());
    }

    /** {@code http://localhost:<port>/v2/demo/<environment>}. */
    public String contentApiUrl(String environment) {
        return server.contentApiUrl(environment);
    }

    public String token() {
        return server.token();
    }

    public FaultSettings faults(String environment) {
        return server.faults(environment);
    }

    public RequestStats stats(String environment) {
        return server.stats(environment);
    }

    /** A client that sends the server's bearer token. */
    public GraphQLTestClient client() {
        return client;
    }
}
