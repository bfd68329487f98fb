package io.stagesync.assets;

import io.stagesync.config.StageRegistry;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.TimeUtils;
import software.amazon.awssdk.services.s3.S3Client;

import javax.sql.DataSource;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Builds the asset sync's beans from {@code stagesync.assets.*} and {@code stagesync.stages.<name>.asset-upload}.
 * Beans are created on first lookup, so the shared state store, stage registry and request gate bound by other
 * configuration classes are found whatever the order; the S3 transfer bucket is only touched when a stage uses it.
 */
@Configuration
public class AssetSyncConfiguration implements CamelConfiguration {

    private CamelContext camel;

    @Override
    public void configure(CamelContext camelContext) {
        this.camel = camelContext;
        Registry r = camelContext.getRegistry();
        lazy(r, "assetHttpClient", HttpClient.class, () -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(duration("stagesync.assets.http-timeout", "30s")).build());
        lazy(r, "assetApi", AssetApi.class, () -> new HygraphAssetApi(http(), stages(), gate(), customFields(),
                duration("stagesync.assets.http-timeout", "30s")));
        lazy(r, "assetIdempotentRepository", IdempotentRepository.class, () -> {
            JdbcMessageIdRepository repo = new JdbcMessageIdRepository(dataSource(), "sync-assets");
            repo.setCreateTableIfNotExists(false);
            ServiceHelper.startService(repo);
            return repo;
        });
        lazy(r, "sourceFileReader", SourceFileReader.class, () -> new SourceFileReader(duration("stagesync.assets.http-timeout", "30s")));
        lazy(r, "uploadStatusPoller", UploadStatusPoller.class, () -> new UploadStatusPoller(api(),
                duration("stagesync.assets.complete-timeout", "5m"), duration("stagesync.assets.poll-interval", "1s")));
        lazy(r, "assetPlanner", AssetPlanner.class, () -> new AssetPlanner(idMap(),
                get("assetIdempotentRepository", IdempotentRepository.class), new AssetHasher()));
        lazy(r, "assetPageReader", AssetPageReader.class, () -> new AssetPageReader(api(), Integer.parseInt(prop("stagesync.assets.page-size", "100"))));
        lazy(r, "assetReporter", AssetReporter.class, AssetReporter::new);
        lazy(r, "s3TransferClient", S3Client.class, () -> s3Factory().client());
        lazy(r, "s3TransferStore", S3TransferStore.class, () -> new S3TransferStore(camel.createProducerTemplate(),
                get("s3TransferClient", S3Client.class), s3Factory().presigner(), "s3TransferClient",
                prop("stagesync.assets.transfer.bucket", "stagesync-transfer"), prop("stagesync.assets.transfer.prefix", "assets"),
                Long.parseLong(prop("stagesync.assets.transfer.part-size", "16777216"))));
        lazy(r, "assetFileMovers", AssetFileMovers.class, () -> new AssetFileMovers(uploadModes(),
                prop("stagesync.assets.upload", AssetFileMovers.PRESIGNED_POST),
                () -> new PresignedPostMover(api(), get("sourceFileReader", SourceFileReader.class),
                        new MultipartPostUploader(duration("stagesync.assets.http-timeout", "30s"), duration("stagesync.assets.upload-timeout", "10m")),
                        get("uploadStatusPoller", UploadStatusPoller.class)),
                () -> new UploadUrlMover(api(), get("sourceFileReader", SourceFileReader.class),
                        get("s3TransferStore", S3TransferStore.class), get("uploadStatusPoller", UploadStatusPoller.class),
                        duration("stagesync.assets.transfer.url-ttl", "1h"))));
        lazy(r, "assetWriter", AssetWriter.class, () -> new AssetWriter(api(), idMap(),
                get("assetFileMovers", AssetFileMovers.class), get("sourceFileReader", SourceFileReader.class)));
        lazy(r, "assetTransferPool", ExecutorService.class, () -> {
            int parallel = Integer.parseInt(prop("stagesync.assets.parallel-transfers", "4"));
            if (parallel < 1) {
                throw new IllegalArgumentException("stagesync.assets.parallel-transfers must be at least 1, got: " + parallel);
            }
            return camel.getExecutorServiceManager().newFixedThreadPool(this, "sync-assets", parallel);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> void lazy(Registry registry, String name, Class<T> type, Supplier<? extends T> supplier) {
        registry.bind(name, type, (Supplier<Object>) (Supplier<?>) supplier);
    }

    private <T> T get(String name, Class<T> type) {
        return camel.getRegistry().lookupByNameAndType(name, type);
    }

    private AssetApi api() {
        return get("assetApi", AssetApi.class);
    }

    private HttpClient http() {
        return get("assetHttpClient", HttpClient.class);
    }

    private StageRegistry stages() {
        StageRegistry shared = camel.getRegistry().findSingleByType(StageRegistry.class);
        if (shared != null) {
            return shared;
        }
        StageRegistry own = new StageRegistry(stageProperties(""));
        camel.getRegistry().bind("stageRegistry", StageRegistry.class, own);
        return own;
    }

    /** The shared per-stage rate limiter of the GraphQL calls when there is one, so asset calls count against it too. */
    private RequestGate gate() {
        io.stagesync.graphql.StageRateLimiter limiter = camel.getRegistry().findSingleByType(io.stagesync.graphql.StageRateLimiter.class);
        if (limiter == null) {
            return new StageRequestGate(stages());
        }
        return stage -> {
            try {
                limiter.acquire(stage);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new AssetTransientException("rate limiter of stage " + stage + " failed: " + e.getMessage(), e);
            }
        };
    }

    private DataSource dataSource() {
        StateStore store = camel.getRegistry().findSingleByType(StateStore.class);
        if (store == null) {
            store = new StateStore(prop("stagesync.state.url", "jdbc:h2:file:./data/stagesync"),
                    prop("stagesync.state.user", "sa"), prop("stagesync.state.password", ""), 8);
            camel.getRegistry().bind("stateStore", StateStore.class, store);
        }
        return store.dataSource();
    }

    private IdMapRepository idMap() {
        IdMapRepository shared = camel.getRegistry().findSingleByType(IdMapRepository.class);
        return shared != null ? shared : new IdMapRepository(dataSource());
    }

    private S3ClientFactory s3Factory() {
        return new S3ClientFactory(prop("stagesync.assets.transfer.endpoint", ""), prop("stagesync.assets.transfer.region", "us-east-1"),
                prop("stagesync.assets.transfer.access-key", ""), prop("stagesync.assets.transfer.secret-key", ""));
    }

    private List<String> customFields() {
        return Arrays.stream(prop("stagesync.assets.custom-fields", "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private Map<String, String> uploadModes() {
        Map<String, String> modes = new HashMap<>();
        stageProperties(".asset-upload").forEach((k, v) -> modes.put(
                k.substring("stagesync.stages.".length(), k.length() - ".asset-upload".length()), v.trim()));
        return modes;
    }

    /** Every {@code stagesync.stages.*} key ending in {@code suffix}, from the property files and the overrides, resolved. */
    private Map<String, String> stageProperties(String suffix) {
        Properties found = new Properties();
        found.putAll(camel.getPropertiesComponent().loadProperties());
        if (camel.getPropertiesComponent() instanceof org.apache.camel.component.properties.PropertiesComponent pc
                && pc.getOverrideProperties() != null) {
            found.putAll(pc.getOverrideProperties());
        }
        Map<String, String> keys = new HashMap<>();
        found.forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("stagesync.stages.") && key.endsWith(suffix)) {
                keys.put(key, camel.resolvePropertyPlaceholders(v.toString()));
            }
        });
        return keys;
    }

    private Duration duration(String key, String fallback) {
        String value = prop(key, fallback);
        try {
            return Duration.ofMillis(TimeUtils.toMilliSeconds(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 30s or 5m, got: " + value, e);
        }
    }

    private String prop(String key, String fallback) {
        return camel.getPropertiesComponent().resolveProperty(key).map(String::trim).orElse(fallback);
    }
}
