package io.stagesync.hygraph;

import io.stagesync.sync.SyncRequest;
import io.stagesync.sync.SyncSettings;
import io.stagesync.sync.SyncProgress;
import io.stagesync.sync.EntryWriteBuilder;
import io.stagesync.sync.EntryMatcher;
import io.stagesync.sync.EntryHasher;

import io.stagesync.sync.SyncRun;
import io.stagesync.sync.EntryWork;

import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.EntryWrite;

import io.stagesync.sync.schema.SyncPlan;
import io.stagesync.sync.schema.SyncPlanner;
import io.stagesync.sync.schema.SyncPlannerTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HygraphInputsTest {

    static SyncRun run() {
        SyncPlan plan = new SyncPlanner("syncSourceId", Map.of()).plan(
                SyncPlannerTest.demo("production", SyncPlannerTest.STARS, Set.of("BUDGET")),
                SyncPlannerTest.demo("staging", SyncPlannerTest.STARS, Set.of("BUDGET")), List.of());
        return new SyncRun("run-1", new SyncRequest("run-1", "production", "staging", List.of(), false, false, Map.of()),
                plan, new SyncSettings(25, 100, 1, 100, "syncSourceId", Map.of(), ""), null, null, SyncProgress.NONE, Map.of());
    }

    static SourceEntry hotel() {
        return new SourceEntry("h1", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z",
                new java.util.LinkedHashMap<>(Map.of("name", "Hotel", "stars", 4, "category", "BUDGET")),
                Map.of("de", new java.util.LinkedHashMap<>(Map.of("name", "Haus", "createdAt", "c", "updatedAt", "u"))),
                Map.of("reviews", List.of("r1", "r2", "r3"), "image", List.of("a1")), null);
    }

    static EntryWork work(EntryWork.Action action, String targetId, Map<String, String> linkIds) {
        return new EntryWork("Hotel", action, hotel(), targetId, "hash", linkIds,
                EntryMatcher.pendingLinks(run().model("Hotel"), hotel(), linkIds));
    }

    @Test
    void should_connect_mapped_links_in_order_on_create_and_leave_unmapped_ones_pending() {
        // given
        EntryWork work = work(EntryWork.Action.CREATE, null, Map.of("r1", "t1", "r3", "t3"));

        // when
        EntryWrite write = new EntryWriteBuilder().create(run(), work);
        Map<String, Object> data = new HygraphInputs().data(run().model("Hotel"), write);

        // then
        assertThat(data).containsEntry("createdAt", "2024-01-01T00:00:00Z").containsEntry("syncSourceId", "h1")
                .containsEntry("reviews", Map.of("connect", List.of(Map.of("id", "t1"), Map.of("id", "t3"))))
                .doesNotContainKey("image").doesNotContainKey("destination");
        assertThat(data.get("localizations")).isEqualTo(Map.of("create", List.of(Map.of("locale", "de",
                "data", Map.of("name", "Haus", "createdAt", "c", "updatedAt", "u")))));
        assertThat(write.pendingLinks()).containsOnlyKeys("reviews", "image");
    }

    @Test
    void should_set_links_in_source_order_and_upsert_localizations_on_update() {
        // given
        EntryWork work = work(EntryWork.Action.UPDATE, "t-h1", Map.of("r1", "t1", "r2", "t2", "r3", "t3", "a1", "ta1"));

        // when
        EntryWrite write = new EntryWriteBuilder().update(run(), work);
        Map<String, Object> data = new HygraphInputs().data(run().model("Hotel"), write);

        // then
        assertThat(data).doesNotContainKey("createdAt")
                .containsEntry("reviews", Map.of("set", List.of(Map.of("id", "t1"), Map.of("id", "t2"), Map.of("id", "t3"))))
                .containsEntry("image", Map.of("connect", Map.of("id", "ta1")));
        assertThat(data.get("localizations")).isEqualTo(Map.of("upsert", List.of(Map.of("locale", "de",
                "create", Map.of("name", "Haus"), "update", Map.of("name", "Haus")))));
        assertThat(write.pendingLinks()).isEmpty();
        assertThat(write.targetId()).isEqualTo("t-h1");
    }

    @Test
    void should_hash_content_but_not_timestamps() {
        // given
        SourceEntry a = hotel();
        SourceEntry later = new SourceEntry("h1", "x", "y", a.values(), Map.of("de", Map.of("name", "Haus", "createdAt", "1", "updatedAt", "2")),
                a.links(), null);
        SourceEntry edited = new SourceEntry("h1", a.createdAt(), a.updatedAt(), Map.of("name", "Other", "stars", 4, "category", "BUDGET"),
                a.localizations(), a.links(), null);
        EntryHasher hasher = new EntryHasher();

        // when / then
        assertThat(hasher.hash(later)).isEqualTo(hasher.hash(a));
        assertThat(hasher.hash(edited)).isNotEqualTo(hasher.hash(a));
    }
}
