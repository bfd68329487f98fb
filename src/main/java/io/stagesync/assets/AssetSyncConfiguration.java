package io.stagesync.assets;

import io.stagesync.config.SharedBeans;
import io.stagesync.config.StageRegistry;
import io.stagesync.graphql.StageRateLimiter;
import io.stagesync.state.IdMapRepository;
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
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Builds the asset sync's beans from {@code stagesync.assets.*} and {@code stagesync.stages.<name>.asset-upload}.
 * Beans are created on first lookup; the shared state store, stage registry and rate limiter come from
 * {@link SharedBeans}; the S3 transfer bucket is only touched when a stage uses it.
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
        lazy(r, "assetPageReader", AssetPageReader.class, () -> new AssetPageReader(api(), integer("stagesync.assets.page-size", "100")));
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
                        get("uploadStatusPoller", UploadStatusPoller.class), slots()),
                () -> new UploadUrlMover(api(), get("sourceFileReader", SourceFileReader.class),
                        get("s3TransferStore", S3TransferStore.class), get("uploadStatusPoller", UploadStatusPoller.class),
                        duration("stagesync.assets.transfer.url-ttl", "1h"), slots())));
        lazy(r, "assetWriter", AssetWriter.class, () -> new AssetWriter(api(), idMap(),
                get("assetFileMovers", AssetFileMovers.class), get("sourceFileReader", SourceFileReader.class), slots()));
        lazy(r, "assetTransferSlots", TransferSlots.class, () -> new TransferSlots(integer("stagesync.assets.parallel-transfers", "4")));
        // assets handled at once: while some move their bytes, others make their GraphQL calls or wait for completion
        lazy(r, "assetTransferPool", ExecutorService.class, () -> {
            int inFlight = integer("stagesync.assets.in-flight", Integer.toString(4 * slots().size()));
            if (inFlight < slots().size()) {
                throw new IllegalArgumentException("stagesync.assets.in-flight must be at least stagesync.assets.parallel-transfers ("
                        + slots().size() + "), got: " + inFlight);
            }
            return camel.getExecutorServiceManager().newFixedThreadPool(this, "sync-assets", inFlight);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> void lazy(Registry registry, String name, Class<T> type, Supplier<? extends T> supplier) {
        registry.bind(name, type, (Supplier<Object>) (Supplier<?>) supplier);
    }

    private TransferSlots slots() {
        return get("assetTransferSlots", TransferSlots.class);
    }

    private int integer(String key, String fallback) {
        String value = prop(key, fallback);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got: " + value, e);
        }
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
        return SharedBeans.stageRegistry(camel);
    }

    /** The shared per-stage rate limiter of the GraphQL calls, so asset calls count against the same budget. */
    private RequestGate gate() {
        StageRateLimiter limiter = SharedBeans.stageRateLimiter(camel);
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
        return SharedBeans.stateStore(camel).dataSource();
    }

    private IdMapRepository idMap() {
        return SharedBeans.idMapRepository(camel);
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
        SharedBeans.stagesyncProperties(camel).forEach((k, v) -> {
            if (k.startsWith("stagesync.stages.") && k.endsWith(".asset-upload")) {
                modes.put(k.substring("stagesync.stages.".length(), k.length() - ".asset-upload".length()), v.trim());
            }
        });
        return modes;
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
        return SharedBeans.property(camel, key, fallback);
    }
}
