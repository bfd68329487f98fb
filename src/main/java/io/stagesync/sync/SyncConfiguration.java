package io.stagesync.sync;

import org.apache.camel.support.service.ServiceSupport;

import io.stagesync.config.Settings;
import io.stagesync.config.ConfigValues;
import io.stagesync.config.StageRateLimiter;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.Dialects;
import io.stagesync.dialect.RetryPolicy;
import io.stagesync.config.StageConfig;
import io.stagesync.dialect.CmsDialects;
import io.stagesync.dialect.BackupStages;
import io.stagesync.directus.DirectusDialects;
import io.stagesync.directus.GraphQLTransport;
import io.stagesync.hygraph.GraphQLResult;
import io.stagesync.hygraph.HygraphClient;
import io.stagesync.hygraph.HygraphDialects;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import io.stagesync.state.CheckpointStore;
import io.stagesync.state.EntryStateRepository;
import org.apache.camel.BeanInject;
import io.stagesync.schema.SchemaService;
import io.stagesync.state.SchemaBaseStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

import java.util.Arrays;
import java.util.List;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Builds the sync engine's beans from {@code stagesync.sync.*} and {@code stagesync.match.*}, on the shared beans of
 * {@code CoreConfiguration}; every bean is created on first lookup. The stages' dialects are Hygraph's.
 */
@Configuration
public class SyncConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camel) {
        // every bean is bound by the methods below
    }

    @BindToRegistry(value = "syncSettings", lazy = true)
    public SyncSettings syncSettings(CamelContext camel,
                                     @PropertyInject(value = "stagesync.sync.batch-size", defaultValue = "25") int batchSize,
                                     @PropertyInject(value = "stagesync.sync.page-size", defaultValue = "100") int pageSize,
                                     @PropertyInject(value = "stagesync.sync.pages-per-step", defaultValue = "2") int pagesPerStep,
                                     @PropertyInject(value = "stagesync.sync.publish-batch", defaultValue = "100") int publishBatch,
                                     @PropertyInject(value = "stagesync.sync.source-id-field", defaultValue = "syncSourceId") String sourceIdField,
                                     @PropertyInject(value = "stagesync.sync.documents-dir", defaultValue = "graphql") String documentsDir) {
        return new SyncSettings(batchSize, pageSize, pagesPerStep, publishBatch, sourceIdField.trim(), matchFields(camel), documentsDir.trim());
    }

    /** The one retry layer of stage requests: attempts per request, first backoff delay and its cap, the circuit breaker. */
    @BindToRegistry(value = "syncRetryPolicy", lazy = true)
    public RetryPolicy syncRetryPolicy(@PropertyInject(value = "stagesync.sync.retry.max-attempts", defaultValue = "6") int maxAttempts,
                                       @PropertyInject(value = "stagesync.sync.retry.base-delay", defaultValue = "250ms") String baseDelay,
                                       @PropertyInject(value = "stagesync.sync.retry.max-delay", defaultValue = "10s") String maxDelay,
                                       @PropertyInject(value = "stagesync.sync.circuit-breaker.failures", defaultValue = "20") int breakerFailures) {
        return new RetryPolicy(maxAttempts, Settings.duration("stagesync.sync.retry.base-delay", baseDelay),
                Settings.duration("stagesync.sync.retry.max-delay", maxDelay), breakerFailures);
    }

    @BindToRegistry(value = "dialects", lazy = true)
    public Dialects dialects(CamelContext camel, @BeanInject("stageRegistry") StageRegistry stages,
                             @BeanInject("stageRateLimiter") StageRateLimiter limiter, @BeanInject("syncRetryPolicy") RetryPolicy retry,
                             @BeanInject("syncSettings") SyncSettings settings,
                             @PropertyInject(value = "stagesync.sync.concurrency", defaultValue = "4") int concurrency,
                             @PropertyInject(value = "stagesync.sync.timeout", defaultValue = "30s") String timeout) throws Exception {
        String customFields = ConfigValues.property(camel, "stagesync.assets.custom-fields", "");
        return byCms(stages, closedWithContext(camel, new HygraphDialects(stages, limiter, retry, concurrency, camel.createProducerTemplate(),
                settings.documentsDir(), Arrays.stream(customFields.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                Settings.duration("stagesync.sync.timeout", timeout))), Settings.duration("stagesync.sync.timeout", timeout),
                BackupStages.deferred(() -> camel.getRegistry().lookupByNameAndType("snapshotDialects", Dialects.class)));
    }

    /**
     * Each stage's calls go to the dialect of its CMS ({@code stagesync.stages.<name>.cms}); Directus stages send their
     * GraphQL requests through the same camel-graphql sender (rate limit, retries, pool) as Hygraph stages.
     */
    public static Dialects byCms(StageRegistry stages, HygraphDialects hygraph, Duration timeout) {
        return byCms(stages, hygraph, timeout, BackupStages.deferred(() -> {
            throw new IllegalArgumentException("Backup stages are not available here");
        }));
    }

    /** As {@link #byCms(StageRegistry, HygraphDialects, Duration)}, with the snapshots of backup profiles as stages {@code backup:<profile>}. */
    public static Dialects byCms(StageRegistry stages, HygraphDialects hygraph, Duration timeout, Dialects snapshots) {
        return new CmsDialects(stage -> BackupStages.is(stage) ? BackupStages.CMS : stages.get(stage).cms(), Map.of(
                BackupStages.CMS, snapshots,
                StageConfig.HYGRAPH, hygraph,
                StageConfig.DIRECTUS, new DirectusDialects(stages, (stage, url) -> {
                    HygraphClient client = hygraph.clientFor(stage, url);
                    return (query, variables) -> {
                        GraphQLResult r = client.execute(query, variables);
                        return new GraphQLTransport.Answer(r.status(), r.data(), r.errors());
                    };
                }, timeout)));
    }

    /** Dialects for checks made while an API request waits (a job's models): one attempt, a short timeout. */
    @BindToRegistry(value = "quickDialects", lazy = true)
    public Dialects quickDialects(CamelContext camel, @BeanInject("stageRegistry") StageRegistry stages,
                                  @BeanInject("stageRateLimiter") StageRateLimiter limiter) throws Exception {
        return byCms(stages, closedWithContext(camel, new HygraphDialects(stages, limiter, new RetryPolicy(1, Duration.ofMillis(100),
                Duration.ofMillis(100)), 2, camel.createProducerTemplate(), "", List.of(), Duration.ofSeconds(5))), Duration.ofSeconds(5));
    }

    /** The dialects' HTTP connection pool closes with the context. */
    private static HygraphDialects closedWithContext(CamelContext camel, HygraphDialects dialects) throws Exception {
        AutoCloseable pool = dialects;
        camel.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                pool.close();
            }
        });
        return dialects;
    }

    @BindToRegistry(value = "checkpointStore", lazy = true)
    public CheckpointStore checkpointStore(@BeanInject("stateStore") StateStore store) {
        return new CheckpointStore(store.dataSource());
    }

    @BindToRegistry(value = "entryStateRepository", lazy = true)
    public EntryStateRepository entryStateRepository(@BeanInject("stateStore") StateStore store) {
        return new EntryStateRepository(store.dataSource());
    }

    @BindToRegistry(value = "targetLookup", lazy = true)
    public TargetLookup targetLookup(@BeanInject("idMapRepository") IdMapRepository idMap) {
        return new TargetLookup(idMap);
    }

    /** Reads the next source page while the current one is written, on a pool Camel manages and shuts down. */
    @BindToRegistry(value = "syncReadAheadPool", lazy = true)
    public ExecutorService syncReadAheadPool(CamelContext camel) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "syncReadAhead", 2);
    }

    @BindToRegistry(value = "syncWriterPool", lazy = true)
    public ExecutorService syncWriterPool(CamelContext camel,
                                          @PropertyInject(value = "stagesync.sync.concurrency", defaultValue = "4") int concurrency) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "syncWriter", concurrency);
    }

    @BindToRegistry(value = "entryPageReader", lazy = true)
    public EntryPageReader entryPageReader(@BeanInject("checkpointStore") CheckpointStore checkpoints,
                                           @BeanInject("syncReadAheadPool") ExecutorService readAhead) {
        return new EntryPageReader(checkpoints, readAhead);
    }

    @BindToRegistry(value = "entryMatcher", lazy = true)
    public EntryMatcher entryMatcher(@BeanInject("idMapRepository") IdMapRepository idMap, @BeanInject("targetLookup") TargetLookup lookup,
                                     @BeanInject("entryStateRepository") EntryStateRepository states) {
        return new EntryMatcher(idMap, lookup, new TargetDriftCheck(states, idMap));
    }

    /** Sends entries through migration steps and the user's {@code direct:transform-<Model>} routes. */
    @BindToRegistry(value = "stepRunner", lazy = true)
    public io.stagesync.migrate.StepRunner stepRunner(CamelContext camel) {
        return new io.stagesync.migrate.StepRunner(camel);
    }

    /** Changes entries between read and write ({@code sync --migrate}, {@code direct:transform-<Model>}). */
    @BindToRegistry(value = "inFlightTransformer", lazy = true)
    public io.stagesync.migrate.InFlightTransformer inFlightTransformer(CamelContext camel, @BeanInject("stepRunner") io.stagesync.migrate.StepRunner runner,
                                                                       @BeanInject("stateStore") StateStore store) {
        io.stagesync.state.MigrationRecords records = new io.stagesync.state.MigrationRecords(store.dataSource());
        return new io.stagesync.migrate.InFlightTransformer(
                () -> camel.getRegistry().lookupByNameAndType("migrationCatalog", io.stagesync.migrate.MigrationCatalog.class),
                () -> records, runner);
    }

    @BindToRegistry(value = "entryWriteBuilder", lazy = true)
    public EntryWriteBuilder entryWriteBuilder() {
        return new EntryWriteBuilder();
    }

    @BindToRegistry(value = "batchSplitter", lazy = true)
    public BatchSplitter batchSplitter() {
        return new BatchSplitter();
    }

    @BindToRegistry(value = "batchWriter", lazy = true)
    public BatchWriter batchWriter(@BeanInject("idMapRepository") IdMapRepository idMap, @BeanInject("targetLookup") TargetLookup lookup) {
        return new BatchWriter(idMap, lookup);
    }

    @BindToRegistry(value = "pageCommitter", lazy = true)
    public PageCommitter pageCommitter(@BeanInject("checkpointStore") CheckpointStore checkpoints,
                                       @BeanInject("entryStateRepository") EntryStateRepository states,
                                       @BeanInject("idMapRepository") IdMapRepository idMap) {
        return new PageCommitter(checkpoints, states, idMap, new PublishStateReconciler(states, idMap));
    }

    @BindToRegistry(value = "relationWriter", lazy = true)
    public RelationWriter relationWriter(@BeanInject("entryStateRepository") EntryStateRepository states,
                                         @BeanInject("idMapRepository") IdMapRepository idMap, @BeanInject("batchWriter") BatchWriter writer,
                                         @BeanInject("entryMatcher") EntryMatcher matcher,
                                         @BeanInject("entryWriteBuilder") EntryWriteBuilder builder) {
        return new RelationWriter(states, idMap, writer, matcher, builder);
    }

    @BindToRegistry(value = "draftWriter", lazy = true)
    public DraftWriter draftWriter(@BeanInject("idMapRepository") IdMapRepository idMap,
                                   @BeanInject("entryStateRepository") EntryStateRepository states,
                                   @BeanInject("entryMatcher") EntryMatcher matcher,
                                   @BeanInject("entryWriteBuilder") EntryWriteBuilder builder) {
        return new DraftWriter(idMap, states, matcher, builder);
    }

    @BindToRegistry(value = "publishWriter", lazy = true)
    public PublishWriter publishWriter(@BeanInject("entryStateRepository") EntryStateRepository states,
                                       @BeanInject("idMapRepository") IdMapRepository idMap) {
        return new PublishWriter(states, idMap);
    }

    @BindToRegistry(value = "mirrorPlanner", lazy = true)
    public MirrorPlanner mirrorPlanner(@BeanInject("idMapRepository") IdMapRepository idMap, @BeanInject("dialects") Dialects dialects) {
        return new MirrorPlanner(idMap, dialects::assets);
    }

    /** The pre-mirror backup is the {@code safetyBackup} bean of the backup configuration, looked up when a mirror deletes. */
    @BindToRegistry(value = "mirrorDeleter", lazy = true)
    public MirrorDeleter mirrorDeleter(CamelContext camel, @BeanInject("idMapRepository") IdMapRepository idMap,
                                       @BeanInject("dialects") Dialects dialects) {
        return new MirrorDeleter(idMap, dialects::assets, () -> camel.getRegistry().lookupByNameAndType("safetyBackup", SafetyBackup.class));
    }

    @BindToRegistry(value = "syncFailureRecorder", lazy = true)
    public SyncFailureRecorder syncFailureRecorder(@BeanInject("checkpointStore") CheckpointStore checkpoints) {
        return new SyncFailureRecorder(checkpoints);
    }

    @BindToRegistry(value = "syncFailureRepository", lazy = true)
    public JdbcMessageIdRepository syncFailureRepository(@BeanInject("stateStore") StateStore store) {
        return new JdbcMessageIdRepository(store.dataSource(), "sync-dead-letter");
    }

    @BindToRegistry(value = "syncListCollector", lazy = true)
    public SyncListCollector syncListCollector() {
        return new SyncListCollector();
    }

    @BindToRegistry(value = "syncService", lazy = true)
    public SyncService syncService(CamelContext camel, @BeanInject("dialects") Dialects dialects,
                                   @BeanInject("stageRegistry") StageRegistry stages, @BeanInject("stageRateLimiter") StageRateLimiter limiter,
                                   @BeanInject("syncSettings") SyncSettings settings, @BeanInject("checkpointStore") CheckpointStore checkpoints) {
        return new CamelSyncService(camel, dialects, stages, limiter, settings, checkpoints);
    }

    @BindToRegistry(value = "schemaService", lazy = true)
    public SchemaService schemaService(@BeanInject("dialects") Dialects dialects, @BeanInject("stageRegistry") StageRegistry stages,
                                       @BeanInject("stateStore") StateStore store) {
        return new SchemaService(stages, dialects, new SchemaBaseStore(store.dataSource()));
    }

    private static Map<String, String> matchFields(CamelContext camel) {
        Map<String, String> match = new HashMap<>();
        ConfigValues.stagesyncProperties(camel).forEach((k, v) -> {
            if (k.startsWith("stagesync.match.") && v != null && !v.isBlank()) {
                match.put(k.substring("stagesync.match.".length()), v.trim());
            }
        });
        return match;
    }
}
