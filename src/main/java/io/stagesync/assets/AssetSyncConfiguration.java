package io.stagesync.assets;

import io.stagesync.config.Settings;
import io.stagesync.config.ConfigValues;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.Dialects;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.LoggingLevel;
import org.apache.camel.PropertyInject;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Builds the asset sync's beans from {@code stagesync.assets.*} and {@code stagesync.stages.<name>.asset-upload}.
 * Every bean is created on first lookup, so the S3 transfer bucket is only touched when a stage uses it; the asset
 * calls go through the stages' dialects ({@code dialects} bean).
 */
@Configuration
public class AssetSyncConfiguration implements CamelConfiguration {

    @PropertyInject(value = "stagesync.assets.http-timeout", defaultValue = "30s")
    String httpTimeout;

    @Override
    public void configure(CamelContext camel) {
        // every bean is bound by the methods below
    }

    @BindToRegistry(value = "assetApi", lazy = true)
    public AssetApi assetApi(@BeanInject("dialects") Dialects dialects) {
        return dialects.assets();
    }

    @BindToRegistry(value = "assetIdempotentRepository", lazy = true)
    public IdempotentRepository assetIdempotentRepository(@BeanInject("stateStore") StateStore store) {
        JdbcMessageIdRepository repo = new JdbcMessageIdRepository(store.dataSource(), "sync-assets");
        repo.setCreateTableIfNotExists(false);
        ServiceHelper.startService(repo);
        return repo;
    }

    /**
     * The redelivery of an asset step after a transient failure (the route error handlers of {@code sync-assets}
     * refer to it): {@code stagesync.sync.retry.asset-attempts} attempts, the first included, backoff from
     * {@code asset-base-delay} doubled each time up to {@code stagesync.sync.retry.max-delay}.
     */
    @BindToRegistry(value = "assetRedeliveryPolicy", lazy = true)
    public RedeliveryPolicy assetRedeliveryPolicy(
            @PropertyInject(value = "stagesync.sync.retry.asset-attempts", defaultValue = "5") int attempts,
            @PropertyInject(value = "stagesync.sync.retry.asset-base-delay", defaultValue = "1s") String baseDelay,
            @PropertyInject(value = "stagesync.sync.retry.max-delay", defaultValue = "10s") String maxDelay) {
        if (attempts < 1) {
            throw new IllegalArgumentException("stagesync.sync.retry.asset-attempts must be at least 1, got: " + attempts
                    + " (environment variable " + Settings.envName("stagesync.sync.retry.asset-attempts") + ")");
        }
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(attempts - 1);
        policy.setRedeliveryDelay(Settings.duration("stagesync.sync.retry.asset-base-delay", baseDelay).toMillis());
        policy.setMaximumRedeliveryDelay(Math.max(policy.getRedeliveryDelay(),
                Settings.duration("stagesync.sync.retry.max-delay", maxDelay).toMillis()));
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setUseCollisionAvoidance(true);
        policy.setRetryAttemptedLogLevel(LoggingLevel.DEBUG);
        policy.setLogRetryStackTrace(false);
        policy.setLogExhausted(false);
        return policy;
    }

    @BindToRegistry(value = "assetPublisher", lazy = true)
    public AssetPublisher assetPublisher(@BeanInject("assetApi") AssetApi api, @BeanInject("idMapRepository") IdMapRepository idMap) {
        return new AssetPublisher(api, idMap);
    }

    @BindToRegistry(value = "sourceFileReader", lazy = true)
    public SourceFileReader sourceFileReader() {
        return new SourceFileReader(Settings.duration("stagesync.assets.http-timeout", httpTimeout));
    }

    @BindToRegistry(value = "uploadStatusPoller", lazy = true)
    public UploadStatusPoller uploadStatusPoller(@BeanInject("assetApi") AssetApi api,
                                                 @PropertyInject(value = "stagesync.assets.complete-timeout", defaultValue = "5m") String completeTimeout,
                                                 @PropertyInject(value = "stagesync.assets.poll-interval", defaultValue = "1s") String pollInterval) {
        return new UploadStatusPoller(api, Settings.duration("stagesync.assets.complete-timeout", completeTimeout),
                Settings.duration("stagesync.assets.poll-interval", pollInterval));
    }

    @BindToRegistry(value = "assetPlanner", lazy = true)
    public AssetPlanner assetPlanner(@BeanInject("idMapRepository") IdMapRepository idMap,
                                     @BeanInject("assetIdempotentRepository") IdempotentRepository seen) {
        return new AssetPlanner(idMap, seen, new AssetHasher());
    }

    @BindToRegistry(value = "assetPageReader", lazy = true)
    public AssetPageReader assetPageReader(@BeanInject("assetApi") AssetApi api, @BeanInject("idMapRepository") IdMapRepository idMap,
                                           @PropertyInject(value = "stagesync.assets.page-size", defaultValue = "100") int pageSize) {
        return new AssetPageReader(api, idMap, pageSize);
    }

    @BindToRegistry(value = "assetReporter", lazy = true)
    public AssetReporter assetReporter() {
        return new AssetReporter();
    }

    @BindToRegistry(value = "s3ClientFactory", lazy = true)
    public S3ClientFactory s3ClientFactory(CamelContext camel) {
        // empty values are allowed here (AWS itself, credentials from the environment); @PropertyInject takes no empty default
        return new S3ClientFactory(ConfigValues.property(camel, "stagesync.assets.transfer.endpoint", ""),
                ConfigValues.property(camel, "stagesync.assets.transfer.region", "us-east-1"),
                ConfigValues.property(camel, "stagesync.assets.transfer.access-key", ""),
                ConfigValues.property(camel, "stagesync.assets.transfer.secret-key", ""));
    }

    @BindToRegistry(value = "s3TransferClient", lazy = true)
    public S3Client s3TransferClient(@BeanInject("s3ClientFactory") S3ClientFactory factory) {
        return factory.client();
    }

    @BindToRegistry(value = "s3TransferStore", lazy = true)
    public S3TransferStore s3TransferStore(CamelContext camel, @BeanInject("s3TransferClient") S3Client client,
                                           @BeanInject("s3ClientFactory") S3ClientFactory factory,
                                           @PropertyInject(value = "stagesync.assets.transfer.bucket", defaultValue = "stagesync-transfer") String bucket,
                                           @PropertyInject(value = "stagesync.assets.transfer.prefix", defaultValue = "assets") String prefix,
                                           @PropertyInject(value = "stagesync.assets.transfer.part-size", defaultValue = "16777216") long partSize) {
        return new S3TransferStore(camel.createProducerTemplate(), client, factory.presigner(), "s3TransferClient", bucket.trim(),
                prefix.trim(), partSize);
    }

    @BindToRegistry(value = "assetTransferSlots", lazy = true)
    public TransferSlots assetTransferSlots(@PropertyInject(value = "stagesync.assets.parallel-transfers", defaultValue = "4") int parallel) {
        return new TransferSlots(parallel);
    }

    @BindToRegistry(value = "assetFileMovers", lazy = true)
    public AssetFileMovers assetFileMovers(CamelContext camel, @BeanInject("assetApi") AssetApi api,
                                           @BeanInject("sourceFileReader") SourceFileReader reader,
                                           @BeanInject("uploadStatusPoller") UploadStatusPoller poller,
                                           @BeanInject("assetTransferSlots") TransferSlots slots,
                                           @PropertyInject(value = "stagesync.assets.upload", defaultValue = AssetFileMovers.PRESIGNED_POST) String mode,
                                           @PropertyInject(value = "stagesync.assets.upload-timeout", defaultValue = "10m") String uploadTimeout,
                                           @PropertyInject(value = "stagesync.assets.transfer.url-ttl", defaultValue = "1h") String urlTtl) {
        return new AssetFileMovers(uploadModes(camel), mode.trim(),
                () -> new PresignedPostMover(api, reader, new MultipartPostUploader(Settings.duration("stagesync.assets.http-timeout", httpTimeout),
                        Settings.duration("stagesync.assets.upload-timeout", uploadTimeout)), poller, slots),
                () -> new UploadUrlMover(api, reader, camel.getRegistry().lookupByNameAndType("s3TransferStore", S3TransferStore.class),
                        poller, Settings.duration("stagesync.assets.transfer.url-ttl", urlTtl), slots),
                api::takesFiles, () -> new StreamedUploadMover(api, reader, slots));
    }

    @BindToRegistry(value = "assetWriter", lazy = true)
    public AssetWriter assetWriter(@BeanInject("assetApi") AssetApi api, @BeanInject("idMapRepository") IdMapRepository idMap,
                                   @BeanInject("assetFileMovers") AssetFileMovers movers, @BeanInject("sourceFileReader") SourceFileReader reader,
                                   @BeanInject("assetTransferSlots") TransferSlots slots) {
        return new AssetWriter(api, idMap, movers, reader, slots);
    }

    /** Assets handled at once: while some move their bytes, others make their GraphQL calls or wait for completion. */
    @BindToRegistry(value = "assetTransferPool", lazy = true)
    public ExecutorService assetTransferPool(CamelContext camel, @BeanInject("assetTransferSlots") TransferSlots slots,
                                             @PropertyInject(value = "stagesync.assets.in-flight", defaultValue = "0") int inFlight) {
        int size = inFlight == 0 ? 4 * slots.size() : inFlight;
        if (size < slots.size()) {
            throw new IllegalArgumentException("stagesync.assets.in-flight must be at least stagesync.assets.parallel-transfers ("
                    + slots.size() + "), got: " + size + " (environment variable " + Settings.envName("stagesync.assets.in-flight") + ")");
        }
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "sync-assets", size);
    }

    private static Map<String, String> uploadModes(CamelContext camel) {
        Map<String, String> modes = new HashMap<>();
        ConfigValues.stagesyncProperties(camel).forEach((k, v) -> {
            if (k.startsWith("stagesync.stages.") && k.endsWith(".asset-upload")) {
                modes.put(k.substring("stagesync.stages.".length(), k.length() - ".asset-upload".length()), v.trim());
            }
        });
        return modes;
    }
}
