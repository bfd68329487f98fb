package io.stagesync.sync;

import io.stagesync.config.SharedBeans;
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
import org.apache.camel.spi.Registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.stagesync.config.SharedBeans.integer;
import static io.stagesync.config.SharedBeans.property;

/**
 * Builds the sync engine's beans from {@code stagesync.sync.*}, {@code stagesync.match.*}, {@code stagesync.state.*}
 * and {@code stagesync.stages.*}; the shared ones (state store, rate limiter, id map) come from {@link SharedBeans}.
 */
@org.apache.camel.Configuration
public class SyncConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camel) {
        Registry registry = camel.getRegistry();
        StateStore store = SharedBeans.stateStore(camel);
        SharedBeans.stageRateLimiter(camel);
        IdMapRepository idMap = SharedBeans.idMapRepository(camel);
        int concurrency = integer(camel, "stagesync.sync.concurrency", "4");
        RetryPolicy retry = new RetryPolicy(integer(camel, "stagesync.sync.retry.max-attempts", "6"),
                Duration.ofMillis(integer(camel, "stagesync.sync.retry.base-delay-ms", "250")),
                Duration.ofMillis(integer(camel, "stagesync.sync.retry.max-delay-ms", "10000")));
        GraphQLStageClients clients = SharedBeans.lookupOrCreate(camel, "graphQLStageClients", GraphQLStageClients.class, () -> new GraphQLStageClients(
                () -> registry.lookupByNameAndType("stageRegistry", StageRegistry.class),
                () -> registry.lookupByNameAndType("stageRateLimiter", StageRateLimiter.class), retry,
                Duration.ofMillis(integer(camel, "stagesync.sync.timeout-ms", "30000")), concurrency));
        SyncSettings settings = new SyncSettings(integer(camel, "stagesync.sync.batch-size", "25"),
                integer(camel, "stagesync.sync.page-size", "100"), integer(camel, "stagesync.sync.pages-per-step", "2"),
                integer(camel, "stagesync.sync.publish-batch", "100"),
                property(camel, "stagesync.sync.source-id-field", "syncSourceId"), matchFields(camel),
                property(camel, "stagesync.sync.documents-dir", "graphql"));
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

    private static Map<String, String> matchFields(CamelContext camel) {
        Map<String, String> match = new HashMap<>();
        SharedBeans.stagesyncProperties(camel).forEach((k, v) -> {
            if (k.startsWith("stagesync.match.") && v != null && !v.isBlank()) {
                match.put(k.substring("stagesync.match.".length()), v.trim());
            }
        });
        return match;
    }
}
