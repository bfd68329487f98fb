package io.stagesync.sync;


import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync engine end to end over real HTTP against devstage: equality, reruns, limits and faults.
 */
class SyncAcceptanceTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(30);


    @TempDir
    Path dir;

    static String freshTarget() {
        return devstage.freshEnvironment("target");
    }

    static String freshSource() {
        return devstage.freshEnvironment("source", DevstageServer.demoModel(), 30);
    }

    static void assertEqual(SyncHarness h, String source, String target) throws Exception {
        assertEqualWith(devstage, h, source, target);
    }

    /** Both stages of the target equal the source's, model by model ({@code withAssets}: asset links compared too). */
    static void assertBothStagesEqual(DevstageExtension devstage, SyncHarness h, String source, String target, boolean withAssets)
            throws Exception {
        for (String stage : List.of("PUBLISHED", "DRAFT")) {
            StageSnapshot expected = StageSnapshot.read(devstage, source, stage).asSource(withAssets);
            StageSnapshot actual = StageSnapshot.read(devstage, target, stage).asTarget(h.dataSource(), source, target, withAssets);
            for (String model : expected.models.keySet()) {
                assertThat(actual.models.get(model)).as("%s entries of %s in %s", stage, model, target)
                        .isEqualTo(expected.models.get(model));
            }
        }
    }

    static void assertEqualWith(DevstageExtension devstage, SyncHarness h, String source, String target) throws Exception {
        StageSnapshot expected = StageSnapshot.read(devstage, source).asSource(false);
        StageSnapshot actual = StageSnapshot.read(devstage, target).asTarget(h.dataSource(), source, target, false);
        for (String model : expected.models.keySet()) {
            assertThat(actual.models.get(model)).as("entries of %s in %s", model, target).isEqualTo(expected.models.get(model));
        }
    }

    @Test
    void should_make_the_target_equal_to_the_source_and_write_nothing_on_rerun() throws Exception {
        // given
        String target = freshTarget();
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            // when
            SyncResult first = h.sync("production", target, false, false, SyncProgress.NONE);
            long writesAfterFirst = devstage.stats(target).writes();
            SyncResult rerun = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            assertThat(first.status()).isEqualTo("SUCCEEDED");
            assertEqual(h, "production", target);
            assertThat(devstage.stats(target).writes()).as("writes of the rerun").isEqualTo(writesAfterFirst);
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            assertThat(models(rerun)).allSatisfy((model, counts) -> {
                assertThat(counts.get("created")).isEqualTo(0L);
                assertThat(counts.get("updated")).isEqualTo(0L);
            });
        }
    }

    @Test
    void should_copy_the_published_version_and_the_unpublished_draft_on_top() throws Exception {
        // given: a demo of 100 hotels: published entries with a later draft, destination-9 among them
        String source = devstage.freshEnvironment("source", DevstageServer.demoModel(), 100);
        String target = freshTarget();
        Map<String, Object> destination9 = StageSnapshot.read(devstage, source, "PUBLISHED").models.get("Destination").values().stream()
                .filter(d -> "destination-9".equals(d.get("slug"))).findFirst().orElseThrow();
        assertThat(destination9).containsEntry("name", "Destination 9");
        assertThat(StageSnapshot.read(devstage, source).models.get("Destination").get((String) destination9.get("id")))
                .containsEntry("name", "Destination 9 (edited)");
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            // when
            SyncResult first = h.sync(source, target, false, false, SyncProgress.NONE);
            long writes = devstage.stats(target).writes();
            SyncResult rerun = h.sync(source, target, false, false, SyncProgress.NONE);

            // then
            assertThat(first.status()).as("report %s", first.report()).isEqualTo("SUCCEEDED");
            assertThat((Long) models(first).get("Destination").get("drafts")).isPositive();
            assertBothStagesEqual(devstage, h, source, target, false);
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            assertThat(devstage.stats(target).writes()).as("writes of the rerun").isEqualTo(writes);
        }
    }

    @Test
    void should_make_the_target_equal_including_asset_links_when_the_asset_phase_runs() throws Exception {
        // given
        String target = freshTarget();
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, Map.of())) {
            assertThat(h.camel().getRoute("sync-assets")).as("the asset phase's route").isNotNull();

            // when
            SyncResult first = h.sync("production", target, false, false, SyncProgress.NONE);
            long writes = devstage.stats(target).writes();
            SyncResult rerun = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            assertThat(first.status()).as("report %s", first.report()).isEqualTo("SUCCEEDED");
            assertThat(first.report().get("assets")).isNotNull();
            assertThat((List<?>) first.report().get("warnings")).isEmpty();
            StageSnapshot expected = StageSnapshot.read(devstage, "production").asSource(true);
            StageSnapshot actual = StageSnapshot.read(devstage, target).asTarget(h.dataSource(), "production", target, true);
            assertThat(actual.models).isEqualTo(expected.models);
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            assertThat(devstage.stats(target).writes()).as("writes of the rerun").isEqualTo(writes);
        }
    }

    @Test
    void should_rewrite_exactly_the_edited_entries_on_rerun() throws Exception {
        // given
        String source = freshSource();
        String target = freshTarget();
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            assertThat(h.sync(source, target, false, false, SyncProgress.NONE).status()).isEqualTo("SUCCEEDED");
            StageSnapshot before = StageSnapshot.read(devstage, source);
            List<String> hotels = before.models.get("Hotel").keySet().stream().limit(2).toList();
            List<String> reviews = before.models.get("Review").keySet().stream().limit(2).toList();
            for (String id : hotels) {
                edit(source, "updateHotel(where: { id: \"" + id + "\" }, data: { stars: 5, name: \"Edited " + id + "\" }) { id }");
            }
            for (String id : reviews) {
                edit(source, "updateReview(where: { id: \"" + id + "\" }, data: { title: \"Edited " + id + "\" }) { id }");
            }

            // when
            SyncResult rerun = h.sync(source, target, false, false, SyncProgress.NONE);

            // then
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            assertThat(models(rerun).get("Hotel")).containsEntry("updated", 2L).containsEntry("created", 0L);
            assertThat(models(rerun).get("Review")).containsEntry("updated", 2L).containsEntry("created", 0L);
            assertThat(models(rerun).get("Destination")).containsEntry("updated", 0L).containsEntry("created", 0L);
            assertEqual(h, source, target);
        }
    }

    @Test
    void should_carry_publish_only_changes_on_an_incremental_rerun() throws Exception {
        // given
        String source = freshSource();
        String target = freshTarget();
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            assertThat(h.sync(source, target, false, false, SyncProgress.NONE).status()).isEqualTo("SUCCEEDED");
            Map<String, Map<String, Object>> hotels = StageSnapshot.read(devstage, source).models.get("Hotel");
            String published = hotels.values().stream().filter(e -> Boolean.TRUE.equals(e.get("published")))
                    .map(e -> (String) e.get("id")).findFirst().orElseThrow();
            String draft = hotels.values().stream().filter(e -> Boolean.FALSE.equals(e.get("published")))
                    .map(e -> (String) e.get("id")).findFirst().orElseThrow();
            edit(source, "unpublishHotel(where: { id: \"" + published + "\" }, from: PUBLISHED) { id }");
            edit(source, "publishHotel(where: { id: \"" + draft + "\" }, to: PUBLISHED) { id }");

            // when
            SyncResult rerun = h.sync(source, target, false, false, SyncProgress.NONE);

            // then
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            assertThat(models(rerun).get("Hotel")).containsEntry("published", 1L).containsEntry("unpublished", 1L)
                    .containsEntry("updated", 0L).containsEntry("read", 0L);
            assertEqual(h, source, target);
        }
    }

    @Test
    void should_repair_only_the_drifted_target_entries_with_full() throws Exception {
        // given
        String target = freshTarget();
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            assertThat(h.sync("production", target, false, false, SyncProgress.NONE).status()).isEqualTo("SUCCEEDED");
            long writes = devstage.stats(target).writes();
            SyncResult clean = h.sync("production", target, false, true, SyncProgress.NONE);
            long writesOfCleanFull = devstage.stats(target).writes() - writes;
            Map<String, String> toTarget = new java.util.HashMap<>();
            StageSnapshot.reverseIdMap(h.dataSource(), "production", target).forEach((t, s) -> toTarget.put(s, t));
            StageSnapshot source = StageSnapshot.read(devstage, "production");
            List<String> hotels = source.models.get("Hotel").keySet().stream().limit(2).toList();
            String review = source.models.get("Review").keySet().iterator().next();
            String published = source.models.get("Destination").values().stream().filter(e -> Boolean.TRUE.equals(e.get("published")))
                    .map(e -> (String) e.get("id")).findFirst().orElseThrow();
            // republishing restores it without a write, unless it has a newer draft: then its published version is written first
            long rewritten = source.models.get("Destination").get(published).equals(
                    StageSnapshot.read(devstage, "production", "PUBLISHED").models.get("Destination").get(published)) ? 0 : 1;
            edit(target, "updateHotel(where: { id: \"" + toTarget.get(hotels.get(0)) + "\" }, data: { name: \"Drifted\" }) { id }");
            edit(target, "updateHotel(where: { id: \"" + toTarget.get(hotels.get(1)) + "\" }, data: { reviews: { set: [] } }) { id }");
            edit(target, "deleteReview(where: { id: \"" + toTarget.get(review) + "\" }) { id }");
            edit(target, "unpublishDestination(where: { id: \"" + toTarget.get(published) + "\" }, from: PUBLISHED) { id }");

            // when
            SyncResult repaired = h.sync("production", target, false, true, SyncProgress.NONE);

            // then
            assertThat(clean.status()).isEqualTo("SUCCEEDED");
            assertThat(writesOfCleanFull).as("writes of --full without drift").isZero();
            assertThat(repaired.status()).isEqualTo("SUCCEEDED");
            assertThat(models(repaired).get("Hotel")).containsEntry("updated", 2L).containsEntry("created", 0L);
            assertThat(models(repaired).get("Review")).containsEntry("created", 1L).containsEntry("updated", 0L);
            assertThat(models(repaired).get("Destination")).containsEntry("published", 1L).containsEntry("updated", rewritten);
            assertEqual(h, "production", target);
        }
    }

    @Test
    void should_recreate_entries_deleted_in_the_target_and_their_links_with_full() throws Exception {
        // given
        String target = freshTarget();
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            assertThat(h.sync("production", target, false, false, SyncProgress.NONE).status()).isEqualTo("SUCCEEDED");
            Map<String, String> toTarget = new java.util.HashMap<>();
            StageSnapshot.reverseIdMap(h.dataSource(), "production", target).forEach((t, s) -> toTarget.put(s, t));
            StageSnapshot source = StageSnapshot.read(devstage, "production");
            String destination = source.models.get("Destination").keySet().iterator().next();
            String hotel = source.models.get("Hotel").values().stream().filter(e -> !((List<?>) e.get("reviews")).isEmpty())
                    .map(e -> (String) e.get("id")).findFirst().orElseThrow();
            edit(target, "deleteDestination(where: { id: \"" + toTarget.get(destination) + "\" }) { id }");
            edit(target, "deleteHotel(where: { id: \"" + toTarget.get(hotel) + "\" }) { id }");

            // when
            SyncResult incremental = h.sync("production", target, false, false, SyncProgress.NONE);
            SyncResult full = h.sync("production", target, false, true, SyncProgress.NONE);
            long writes = devstage.stats(target).writes();
            SyncResult rerun = h.sync("production", target, false, true, SyncProgress.NONE);

            // then: an incremental run trusts the id map; --full checks the target and recreates both with their links
            assertThat(incremental.status()).isEqualTo("SUCCEEDED");
            assertThat(full.status()).as("report %s", full.report()).isEqualTo("SUCCEEDED");
            assertThat(models(full).get("Destination")).containsEntry("created", 1L);
            assertThat(models(full).get("Hotel")).containsEntry("created", 1L);
            assertEqual(h, "production", target);
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            assertThat(devstage.stats(target).writes()).as("writes of the next --full %s", models(rerun)).isEqualTo(writes);
        }
    }

    @Test
    void should_adopt_the_target_entries_when_the_state_store_is_new() throws Exception {
        // given: more entries per model than one look-up answers (300 reviews, 200 read per step)
        String source = devstage.freshEnvironment("source", DevstageServer.demoModel(), 100);
        String target = freshTarget();
        try (SyncHarness h = SyncHarness.start(devstage, dir.resolve("first"), Map.of())) {
            assertThat(h.sync(source, target, false, false, SyncProgress.NONE).status()).isEqualTo("SUCCEEDED");
        }
        for (boolean full : new boolean[]{false, true}) {
            // when: the state store is thrown away
            try (SyncHarness h = SyncHarness.start(devstage, dir.resolve("new-store-" + full), Map.of())) {
                long writes = devstage.stats(target).writes();
                SyncResult again = h.sync(source, target, false, full, SyncProgress.NONE);

                // then: every target entry is found by its stored source id and kept; nothing is created
                assertThat(again.status()).as("full=%s report %s", full, again.report()).isEqualTo("SUCCEEDED");
                assertThat(models(again)).allSatisfy((model, counts) -> assertThat(counts.get("created")).as(model).isEqualTo(0L));
                StageSnapshot copy = StageSnapshot.read(devstage, target);
                StageSnapshot original = StageSnapshot.read(devstage, source);
                for (String model : original.models.keySet()) {
                    assertThat(copy.count(model)).as("%s entries (no duplicates)", model).isEqualTo(original.count(model));
                }
                assertEqualWith(devstage, h, source, target);
                if (full) {
                    assertThat(devstage.stats(target).writes() - writes).as("writes of --full into an equal target").isZero();
                }
            }
        }
    }

    @Test
    void should_read_a_model_with_the_users_override_document() throws Exception {
        // given: the override reads each destination's slug into its country
        String target = freshTarget();
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            String generated = h.readDocument("production", target, "Destination");
            assertThat(generated).contains(" country ");
            java.nio.file.Files.createDirectories(dir.resolve("graphql"));
            java.nio.file.Files.writeString(dir.resolve("graphql/Destination.graphql"), generated.replace(" country ", " country: slug "));

            // when
            SyncResult result = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            assertThat(result.status()).isEqualTo("SUCCEEDED");
            assertThat(StageSnapshot.read(devstage, target).models.get("Destination").values())
                    .isNotEmpty().allSatisfy(d -> assertThat(d.get("country")).isEqualTo(d.get("slug")));
        }
    }

    @Test
    void should_complete_under_rate_limit_server_errors_and_dropped_connections() throws Exception {
        // given
        String target = freshTarget();
        for (String env : List.of("production", target)) {
            devstage.faults(env).rateLimit(5).errorRate(0.1).dropRate(0.05).seed(11);
        }
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of(
                "stagesync.stages.production.rate-limit", "5", "stagesync.stages." + target + ".rate-limit", "5",
                "stagesync.sync.retry.max-attempts", "8"))) {
            // when
            SyncResult result = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            assertThat(result.status()).as("report %s", result.report()).isEqualTo("SUCCEEDED");
            assertThat(devstage.stats(target).faulted() + devstage.stats("production").faulted()).isPositive();
            devstage.faults("production").reset();
            devstage.faults(target).reset();
            assertEqual(h, "production", target);
        }
    }

    @Test
    void should_write_nothing_for_a_plan() throws Exception {
        // given
        String target = freshTarget();
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            // when
            SyncResult plan = h.sync("production", target, true, false, SyncProgress.NONE);

            // then
            assertThat(plan.status()).isEqualTo("SUCCEEDED");
            assertThat(models(plan).get("Hotel")).containsEntry("created", 30L);
            assertThat(devstage.stats(target).writes()).isZero();
            assertThat(StageSnapshot.reverseIdMap(h.dataSource(), "production", target)).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> models(SyncResult result) {
        return (Map<String, Map<String, Object>>) result.report().get("models");
    }

    static void edit(String env, String mutation) throws Exception {
        var r = devstage.client().post(devstage.contentApiUrl(env), "mutation { " + mutation + " }");
        assertThat(r.errors()).as("edit in %s", env).isEmpty();
    }
}
