package io.stagesync.sync;

import io.stagesync.config.StageRegistry;
import io.stagesync.graphql.GraphQLStageClients;
import io.stagesync.graphql.RetryPolicy;
import io.stagesync.graphql.StageRateLimiter;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import io.stagesync.sync.state.CheckpointStore;
import io.stagesync.sync.state.EntryStateRepository;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Builds the sync engine's beans from {@code stagesync.sync.*}, {@code stagesync.match.*}, {@code stagesync.state.*}
 * and {@code stagesync.stages.*}; the shared ones (state store, rate limiter, id map) only when no other part bound them.
 */
@org.apache.camel.Configuration
public class SyncConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camel) {
        PropertiesComponent pc = camel.getPropertiesComponent();
        Registry registry = camel.getRegistry();
        StateStore store = shared(registry, "stateStore", StateStore.class, () -> new StateStore(
                prop(pc, "stagesync.state.url", "jdbc:h2:file:./data/stagesync"), prop(pc, "stagesync.state.user", "sa"),
                prop(pc, "stagesync.state.password", ""), Integer.parseInt(prop(pc, "stagesync.state.max-pool-size", "5"))));
        StageRegistry stages = shared(registry, "stageRegistry", StageRegistry.class, () -> new StageRegistry(allProperties(camel)));
        shared(registry, "stageRateLimiter", StageRateLimiter.class, () -> new StageRateLimiter(stages));
        IdMapRepository idMap = shared(registry, "idMapRepository", IdMapRepository.class, () -> new IdMapRepository(store.dataSource()));
        int concurrency = integer(pc, "stagesync.sync.concurrency", "4");
        RetryPolicy retry = new RetryPolicy(integer(pc, "stagesync.sync.retry.max-attempts", "6"),
                Duration.ofMillis(integer(pc, "stagesync.sync.retry.base-delay-ms", "250")),
                Duration.ofMillis(integer(pc, "stagesync.sync.retry.max-delay-ms", "10000")));
        GraphQLStageClients clients = shared(registry, "graphQLStageClients", GraphQLStageClients.class, () -> new GraphQLStageClients(
                () -> registry.lookupByNameAndType("stageRegistry", StageRegistry.class),
                () -> registry.lookupByNameAndType("stageRateLimiter", StageRateLimiter.class), retry,
                Duration.ofMillis(integer(pc, "stagesync.sync.timeout-ms", "30000")), concurrency));
        SyncSettings settings = new SyncSettings(integer(pc, "stagesync.sync.batch-size", "25"),
                integer(pc, "stagesync.sync.page-size", "100"), integer(pc, "stagesync.sync.pages-per-step", "2"),
                integer(pc, "stagesync.sync.publish-batch", "100"),
                prop(pc, "stagesync.sync.source-id-field", "syncSourceId"), matchFields(camel),
                prop(pc, "stagesync.sync.documents-dir", "graphql"));
        CheckpointStore checkpoints = new CheckpointStore(store.dataSource());
        EntryStateRepository states = new EntryStateRepository(store.dataSource());
        ReadDocumentBuilder documents = new ReadDocumentBuilder(settings.documentsDir());
        TargetLookup lookup = new TargetLookup(idMap, documents);
        EntryInputBuilder inputs = new EntryInputBuilder();
        BatchWriter writer = new BatchWriter(idMap, lookup, inputs);
        registry.bind("syncSettings", settings);
        registry.bind("checkpointStore", checkpoints);
        registry.bind("entryPageReader", new EntryPageReader(checkpoints, documents));
        registry.bind("entryMatcher", new EntryMatcher(idMap, lookup, new TargetDriftCheck(documents, states)));
        registry.bind("entryInputBuilder", inputs);
        registry.bind("batchSplitter", new BatchSplitter());
        registry.bind("batchWriter", writer);
        registry.bind("pageCommitter", new PageCommitter(checkpoints, states, idMap,
                new PublishStateReconciler(states, idMap, documents)));
        registry.bind("relationWriter", new RelationWriter(states, idMap, writer));
        java.util.concurrent.ExecutorService writers = camel.getExecutorServiceManager().newFixedThreadPool(this, "syncWriter", concurrency);
        registry.bind("publishWriter", new PublishWriter(states, idMap,
                camel.getExecutorServiceManager().newFixedThreadPool(this, "syncPublisher", concurrency)));
        registry.bind("syncFailureRecorder", new SyncFailureRecorder(checkpoints));
        registry.bind("syncFailureRepository", new org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository(
                store.dataSource(), "sync-dead-letter"));
        registry.bind("syncListCollector", new SyncListCollector());
        registry.bind("syncWriterPool", writers);
        registry.bind("syncService", new CamelSyncService(camel, clients, settings, checkpoints));
    }

    private static <T> T shared(Registry registry, String name, Class<T> type, Supplier<T> create) {
        T existing = registry.lookupByNameAndType(name, type);
        if (existing != null) {
            return existing;
        }
        T created = create.get();
        registry.bind(name, created);
        return created;
    }

    private static String prop(PropertiesComponent pc, String key, String fallback) {
        Optional<String> v = pc.resolveProperty(key);
        return v.filter(s -> !s.isBlank()).orElse(fallback);
    }

    private static int integer(PropertiesComponent pc, String key, String fallback) {
        String v = prop(pc, key, fallback);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got: " + v);
        }
    }

    /** Every property known to Camel, placeholders resolved (environment variables included). */
    static Map<String, String> allProperties(CamelContext camel) {
        PropertiesComponent pc = camel.getPropertiesComponent();
        Properties all = new Properties();
        all.putAll(pc.loadProperties());
        Map<String, String> resolved = new HashMap<>();
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith("stagesync.")) {
                resolved.put(key, pc.resolveProperty(key).orElse(all.getProperty(key)));
            }
        }
        return resolved;
    }

    private static Map<String, String> matchFields(CamelContext camel) {
        Map<String, String> match = new HashMap<>();
        allProperties(camel).forEach((k, v) -> {
            if (k.startsWith("stagesync.match.") && v != null && !v.isBlank()) {
                match.put(k.substring("stagesync.match.".length()), v.trim());
            }
        });
        return match;
    }
}
