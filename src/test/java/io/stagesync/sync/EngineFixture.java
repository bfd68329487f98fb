package io.stagesync.sync;

import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.StageSchema;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import io.stagesync.sync.schema.SyncPlan;
import io.stagesync.sync.schema.SyncPlanner;
import io.stagesync.sync.schema.SyncPlannerTest;
import io.stagesync.state.CheckpointStore;
import io.stagesync.state.EntryStateRepository;
import io.stagesync.testing.InMemoryDialect;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The sync engine without a server: two in-memory stages behind the dialect seam (the demo schema) and a fresh
 * in-memory H2 state store reached through JDBC.
 */
final class EngineFixture implements AutoCloseable {

    final StateStore store = new StateStore("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    final IdMapRepository idMap = new IdMapRepository(store.dataSource());
    final EntryStateRepository states = new EntryStateRepository(store.dataSource());
    final CheckpointStore checkpoints = new CheckpointStore(store.dataSource());
    final StageSchema schema = SyncPlannerTest.demo("production", SyncPlannerTest.STARS, Set.of("BUDGET"));
    final InMemoryDialect source = new InMemoryDialect("production", schema);
    final InMemoryDialect target = new InMemoryDialect("staging", SyncPlannerTest.demo("staging", SyncPlannerTest.STARS, Set.of("BUDGET")));

    /** A run of production into staging with the given batch size. */
    SyncRun run(int batchSize) {
        SyncPlan plan = new SyncPlanner("syncSourceId", Map.of()).plan(source.describe(), target.describe(), List.of());
        return new SyncRun("run-" + UUID.randomUUID(), new SyncRequest(null, "production", "staging", List.of(), false, false, Map.of()),
                plan, new SyncSettings(batchSize, 100, 1, 100, "syncSourceId", Map.of(), ""), source, target, SyncProgress.NONE, Map.of());
    }

    static SourceEntry destination(String id, String name) {
        return new SourceEntry(id, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", Map.of("name", name), Map.of(), Map.of(), null);
    }

    static SourceEntry hotel(String id, String name, List<String> reviews) {
        return new SourceEntry(id, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", Map.of("name", name, "stars", 3),
                Map.of(), Map.of("reviews", reviews), "2024-01-03T00:00:00Z");
    }

    @Override
    public void close() {
        store.close();
    }
}
