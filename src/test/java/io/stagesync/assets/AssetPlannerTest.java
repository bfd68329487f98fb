package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** AssetPlanner without a server: id map on an in-memory H2 state store, the idempotent repository in memory. */
class AssetPlannerTest {

    private final StateStore store = new StateStore("jdbc:h2:mem:planner-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    private final IdMapRepository idMap = new IdMapRepository(store.dataSource());
    private final MemoryIdempotentRepository seen = started(new MemoryIdempotentRepository());
    private final AssetHasher hasher = new AssetHasher();
    private final AssetPlanner planner = new AssetPlanner(idMap, seen, hasher);

    static final AssetApi.SourceAsset PHOTO = new AssetApi.SourceAsset("a1", "photo.jpg", "image/jpeg", 90, 10.0, 10.0,
            "2024-01-01T00:00:00Z", "http://files/a1", Map.of());

    private static MemoryIdempotentRepository started(MemoryIdempotentRepository repository) {
        repository.start();
        return repository;
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void should_leave_an_asset_synced_with_this_content_unchanged() {
        // given
        idMap.save("production", "staging", new IdMapRepository.Mapping(AssetPlanner.MODEL, "a1", "t1", "h:s:90"));
        seen.add(hasher.messageId("production", "staging", "a1", hasher.contentHash(PHOTO)));

        // when
        AssetPlan plan = planner.plan(PHOTO, "production", "staging", Set.of());

        // then
        assertThat(plan.action()).isEqualTo(AssetPlan.UNCHANGED);
        assertThat(plan.targetId()).isEqualTo("t1");
        assertThat(plan.record()).isEqualTo(new AssetFileRecord("h", "s", 90));
    }

    @Test
    void should_update_a_mapped_asset_whose_content_changed() {
        // given: mapped, but this content was never written
        idMap.save("production", "staging", new IdMapRepository.Mapping(AssetPlanner.MODEL, "a1", "t1", "h:s:90"));

        // when
        AssetPlan plan = planner.plan(PHOTO, "production", "staging", Set.of());

        // then
        assertThat(plan.action()).isEqualTo(AssetPlan.UPDATE);
        assertThat(plan.targetId()).isEqualTo("t1");
    }

    @Test
    void should_update_the_asset_of_the_same_id_in_a_cloned_target_and_create_an_unknown_one() {
        // when
        AssetPlan cloned = planner.plan(PHOTO, "production", "staging", Set.of("a1"));
        AssetPlan fresh = planner.plan(PHOTO, "production", "staging", Set.of());

        // then
        assertThat(cloned.action()).isEqualTo(AssetPlan.UPDATE);
        assertThat(cloned.targetId()).isEqualTo("a1");
        assertThat(fresh.action()).isEqualTo(AssetPlan.CREATE);
        assertThat(fresh.targetId()).isNull();
    }
}
