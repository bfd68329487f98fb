package io.stagesync.backup;

import io.stagesync.assets.S3ClientFactory;
import io.stagesync.assets.S3TransferStore;
import io.stagesync.assets.SourceFileReader;
import io.stagesync.config.ConfigValues;
import io.stagesync.config.Settings;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.Dialects;
import io.stagesync.schema.SchemaService;
import io.stagesync.sync.SyncService;
import io.stagesync.sync.SyncSettings;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds the backup beans ({@code stagesync.backup.*}, {@code stagesync.profiles.*}): the bucket client (the embedded
 * S3 server when no endpoint is set), the snapshot catalog, the backup and restore services and the snapshot dialects.
 * Every bean is created on first lookup, so nothing touches a bucket until a backup command runs.
 */
@Configuration
public class BackupConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camel) {
        // every bean is bound by the methods below. Every aws2-s3 endpoint names its client (amazonS3Client=#...): with two
        // S3 clients in the registry, autowiring one by type would build the transfer bucket's client even when unused
        if (camel.hasComponent("aws2-s3") == null) {
            org.apache.camel.component.aws2.s3.AWS2S3Component s3 = new org.apache.camel.component.aws2.s3.AWS2S3Component();
            s3.setAutowiredEnabled(false);
            camel.addComponent("aws2-s3", s3);
        }
    }

    @BindToRegistry(value = "backupSettings", lazy = true)
    public BackupSettings backupSettings(CamelContext camel,
                                         @PropertyInject(value = "stagesync.backup.bucket", defaultValue = "stagesync-backups") String bucket,
                                         @PropertyInject(value = "stagesync.backup.chunk-size", defaultValue = "1000") int chunkSize) {
        return BackupSettings.of(bucket, ConfigValues.property(camel, "stagesync.backup.prefix", ""), chunkSize,
                ConfigValues.stagesyncProperties(camel));
    }

    /** The S3 client factory of the backup bucket: the configured endpoint, or the embedded server started now. */
    @BindToRegistry(value = "backupS3ClientFactory", lazy = true)
    public S3ClientFactory backupS3ClientFactory(CamelContext camel) throws Exception {
        String endpoint = ConfigValues.property(camel, "stagesync.backup.endpoint", "").trim();
        if (endpoint.isEmpty()) {
            EmbeddedBackupBucket embedded = new EmbeddedBackupBucket(Path.of(ConfigValues.property(camel, "stagesync.backup.data-dir",
                    "data/backups")));
            closedWithContext(camel, embedded);
            return new S3ClientFactory(embedded.endpoint(), "us-east-1", embedded.accessKey(), embedded.secretKey());
        }
        if (!endpoint.matches("https?://.+")) {
            throw new IllegalArgumentException("stagesync.backup.endpoint must be an http(s) URL (empty: the embedded bucket server), got: " + endpoint);
        }
        String access = ConfigValues.property(camel, "stagesync.backup.access-key", "");
        String secret = ConfigValues.property(camel, "stagesync.backup.secret-key", "");
        if (access.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("stagesync.backup.access-key and .secret-key must be set (environment variables "
                    + "STAGESYNC_BACKUP_ACCESS_KEY and STAGESYNC_BACKUP_SECRET_KEY) when stagesync.backup.endpoint is set");
        }
        return new S3ClientFactory(endpoint, ConfigValues.property(camel, "stagesync.backup.region", "us-east-1"), access, secret);
    }

    @BindToRegistry(value = "backupS3Client", lazy = true)
    public S3Client backupS3Client(@BeanInject("backupS3ClientFactory") S3ClientFactory factory) {
        return factory.client();
    }

    /** One {@link BackupBucket} per bucket name (a profile may name its own bucket). */
    @BindToRegistry(value = "backupBuckets", lazy = true)
    public Function<BackupSettings.Profile, BackupBucket> backupBuckets(CamelContext camel, @BeanInject("backupS3Client") S3Client client,
                                                                       @BeanInject("backupS3ClientFactory") S3ClientFactory factory,
                                                                       @PropertyInject(value = "stagesync.backup.part-size", defaultValue = "16777216") long partSize) {
        boolean embedded = ConfigValues.property(camel, "stagesync.backup.endpoint", "").isBlank();
        var presigner = factory.presigner();
        Map<String, BackupBucket> byName = new ConcurrentHashMap<>();
        return profile -> byName.computeIfAbsent(profile.bucket(), name -> {
            if (embedded) {
                EmbeddedBackupBucket.ensureBucket(client, name);
            }
            return new BackupBucket(client, new S3TransferStore(camel.createProducerTemplate(), client, presigner, "backupS3Client", name, "",
                    partSize), name, partSize);
        });
    }

    @BindToRegistry(value = "snapshotCatalog", lazy = true)
    public SnapshotCatalog snapshotCatalog(@BeanInject("backupSettings") BackupSettings settings,
                                           @BeanInject("backupBuckets") Function<BackupSettings.Profile, BackupBucket> buckets) {
        return new SnapshotCatalog(settings, buckets);
    }

    @BindToRegistry(value = "backupService", lazy = true)
    public BackupService backupService(CamelContext camel, @BeanInject("dialects") Dialects dialects,
                                       @BeanInject("stageRegistry") StageRegistry stages, @BeanInject("schemaService") SchemaService schemas,
                                       @BeanInject("syncSettings") SyncSettings sync, @BeanInject("backupSettings") BackupSettings settings,
                                       @BeanInject("backupBuckets") Function<BackupSettings.Profile, BackupBucket> buckets,
                                       @BeanInject("snapshotCatalog") SnapshotCatalog catalog,
                                       @PropertyInject(value = "stagesync.assets.http-timeout", defaultValue = "30s") String httpTimeout,
                                       @PropertyInject(value = "stagesync.assets.parallel-transfers", defaultValue = "4") int parallel,
                                       @BeanInject("stateStore") io.stagesync.state.StateStore store) {
        Path work = Path.of(ConfigValues.property(camel, "stagesync.backup.data-dir", "data/backups")).resolveSibling("backup-work");
        return new BackupService(dialects, stages, schemas, sync, settings, buckets, catalog,
                new SourceFileReader(Settings.duration("stagesync.assets.http-timeout", httpTimeout)), work, parallel,
                new io.stagesync.state.MigrationRecords(store.dataSource()));
    }

    @BindToRegistry(value = "snapshotDialects", lazy = true)
    public SnapshotDialects snapshotDialects() {
        return new SnapshotDialects();
    }

    @BindToRegistry(value = "restoreService", lazy = true)
    public RestoreService restoreService(CamelContext camel, @BeanInject("backupSettings") BackupSettings settings,
                                         @BeanInject("backupBuckets") Function<BackupSettings.Profile, BackupBucket> buckets,
                                         @BeanInject("snapshotCatalog") SnapshotCatalog catalog,
                                         @BeanInject("snapshotDialects") SnapshotDialects snapshots,
                                         @BeanInject("schemaService") SchemaService schemas, @BeanInject("syncService") SyncService sync,
                                         @BeanInject("stateStore") io.stagesync.state.StateStore store,
                                         @BeanInject("stageRegistry") StageRegistry stages) {
        return new RestoreService(stages, settings, buckets, catalog, snapshots, schemas, sync, 300_000,
                new io.stagesync.state.MigrationRecords(store.dataSource()),
                () -> camel.getRegistry().lookupByNameAndType("migrationCatalog", io.stagesync.migrate.MigrationCatalog.class));
    }

    /** The backup a mirror sync takes of its target before it deletes (profile {@code pre-mirror-<target>}). */
    @BindToRegistry(value = "safetyBackup", lazy = true)
    public io.stagesync.sync.SafetyBackup safetyBackup(@BeanInject("backupService") BackupService backups) {
        return (stage, profile, models, assets, progress) -> {
            BackupResult r = backups.backup(stage, profile, models, assets, progress);
            return r.profile() + "/" + r.snapshot();
        };
    }

    private static void closedWithContext(CamelContext camel, AutoCloseable closeable) throws Exception {
        camel.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                closeable.close();
            }
        });
    }
}
