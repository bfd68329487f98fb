package io.stagesync.assets;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import io.stagesync.sync.SyncProgress;
import io.stagesync.testing.DevstageExtension;
import org.apache.camel.Exchange;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the sync-assets route (camel-main, real YAML routes) against devstage over HTTP and a real state store. */
abstract class AssetRouteTestSupport extends CamelMainTestSupport {

    @RegisterExtension
    static final DevstageExtension devstage = DevstageExtension.shared(20);

    private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();

    protected final AssetFixtures fixtures = new AssetFixtures(devstage);
    protected final String source = newEnvironment("source");
    protected String target = newEnvironment("target");
    private final String stateUrl = "jdbc:h2:mem:assets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    protected final AtomicLong bytesShown = new AtomicLong();

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:application.properties";
    }

    /** The real application's beans (every configuration class), the asset routes and the shared error handling. */
    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("file:routes/sync-assets.camel.yaml,file:routes/error-handling.camel.yaml");
        configuration.withBasePackageScan("io.stagesync");
        configuration.routeControllerConfig().withEnabled(false);
    }

    /** Handed to Camel while the base class constructs (before field initialisers run), filled in {@link #doPreSetup()}. */
    private Properties overrides;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        overrides = new Properties();
        return overrides;
    }

    @Override
    protected void doPreSetup() throws Exception {
        super.doPreSetup();
        Properties p = overrides;
        for (String env : devstage.server().environments()) {
            p.setProperty("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env));
            p.setProperty("stagesync.stages." + env + ".token", devstage.token());
        }
        p.setProperty("stagesync.state.url", stateUrl);
        p.setProperty("stagesync.sync.retry.asset-attempts", "3");
        p.setProperty("stagesync.sync.retry.asset-base-delay", "100ms");
        p.setProperty("stagesync.assets.poll-interval", "1s");
        p.setProperty("stagesync.assets.complete-timeout", "60s");
        addProperties(p);
    }

    /** Further keys of a test class. */
    protected void addProperties(Properties properties) throws Exception {
    }

    protected Map<String, Object> sync(String source) {
        Exchange run = run(source, false);
        if (run.getException() != null) {
            throw new AssertionError("sync-assets failed", run.getException());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> report = run.getMessage().getBody(Map.class);
        return report;
    }

    protected Exchange run(String source, boolean plan) {
        SyncProgress progress = new SyncProgress() {
            @Override
            public void bytes(long done, long total) {
                bytesShown.set(done);
            }
        };
        bytesShown.set(0);
        return template.send("direct:sync-assets", e -> {
            e.setProperty("runId", UUID.randomUUID().toString());
            e.setProperty("sourceStage", source);
            e.setProperty("targetStage", target);
            e.setProperty("plan", plan);
            e.setProperty("progress", progress);
        });
    }

    /** Every source asset has a mapped target asset with the same bytes (SHA-256 through the CDN URL) and metadata. */
    protected void assertTargetEqualsSource(String source) throws Exception {
        List<Map<String, Object>> sourceAssets = fixtures.list(source);
        Map<String, IdMapRepository.Mapping> mapped = idMap().findModel(source, target, "Asset");
        assertThat(mapped).hasSameSizeAs(sourceAssets);
        for (Map<String, Object> s : sourceAssets) {
            IdMapRepository.Mapping m = mapped.get((String) s.get("id"));
            assertThat(m).as("mapping of %s", s.get("id")).isNotNull();
            Map<String, Object> t = fixtures.find(target, m.targetId());
            assertThat(t).as("target asset of %s", s.get("fileName")).isNotNull();
            for (String field : List.of("fileName", "mimeType", "size", "width", "height")) {
                assertThat(t.get(field)).as("%s of %s", field, s.get("fileName")).isEqualTo(s.get(field));
            }
            assertThat(fixtures.sha256((String) t.get("url"))).as("bytes of %s", s.get("fileName"))
                    .isEqualTo(fixtures.sha256((String) s.get("url")));
        }
    }

    protected IdMapRepository idMap() {
        return new IdMapRepository(context.getRegistry().findSingleByType(StateStore.class).dataSource());
    }

    protected static String newEnvironment(String prefix) {
        String name = prefix + "-" + ENVIRONMENTS.incrementAndGet();
        devstage.server().addEnvironment(name, DevstageServer.demoModel(), 0);
        return name;
    }

    protected static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
