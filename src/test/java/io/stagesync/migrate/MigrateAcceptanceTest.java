package io.stagesync.migrate;

import com.fasterxml.jackson.core.type.TypeReference;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.sync.SyncProgress;
import io.stagesync.sync.SyncResult;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate} against devstage over HTTP with the shipped example (Hotel 1.1.0 fills the now required stars): the
 * versioned fixtures, a rerun, publish state, the new schema, a dry run, a rollback and an interrupted run.
 */
class MigrateAcceptanceTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(40);

    @TempDir
    Path dir;

    private MigrateHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private MigrateHarness start(Map<String, String> extra) throws Exception {
        harness = MigrateHarness.start(devstage, dir.resolve("run"), MigrateHarness.exampleMigrations(dir), extra);
        return harness;
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_update_old_shape_fixtures_leave_new_shape_ones_not_modified_and_migrate_nothing_on_a_rerun() throws Exception {
        // given
        String env = devstage.freshEnvironment("fixtures");
        start(Map.of());
        Map<String, String> old = harness.create(env, MigrateHarness.hotelsFixture("old-shape.json"), false);
        Map<String, String> fresh = harness.create(env, MigrateHarness.hotelsFixture("new-shape.json"), false);
        Map<String, Integer> expected = MigrateHarness.fixture("expected.json", new TypeReference<Map<String, Integer>>() { });

        // when
        MigrateResult first = harness.run(env, null, false, SyncProgress.NONE);
        long writesAfterFirst = devstage.stats(env).writes();
        MigrateResult rerun = harness.run(env, null, false, SyncProgress.NONE);

        // then
        assertThat(first.status()).isEqualTo("SUCCEEDED");
        assertThat((List<String>) first.report().get("updated")).containsExactlyInAnyOrderElementsOf(old.values());
        assertThat((List<String>) first.report().get("notModified")).containsExactlyInAnyOrderElementsOf(fresh.values());
        assertThat((List<?>) first.report().get("failed")).isEmpty();
        assertThat((List<Map<String, Object>>) first.report().get("applied")).hasSize(5)
                .contains(Map.of("id", old.get("old-budget-inn"), "versions", List.of("1.1.0"), "changed", true),
                        Map.of("id", fresh.get("new-budget-inn"), "versions", List.of("1.1.0"), "changed", false));
        Map<String, Map<String, Object>> hotels = harness.hotels(env, "DRAFT");
        hotels.values().forEach(h -> assertThat(h.get("stars")).as("stars of %s", h.get("slug")).isEqualTo(expected.get(h.get("slug"))));
        assertThat(rerun.status()).isEqualTo("SUCCEEDED");
        assertThat((List<String>) rerun.report().get("updated")).isEmpty();
        assertThat((List<String>) rerun.report().get("notModified")).hasSize(5);
        assertThat(devstage.stats(env).writes()).isEqualTo(writesAfterFirst);
        assertThat((List<String>) rerun.report().get("warnings")).isEmpty();

        // and when the applied file is edited afterwards, a run says so and still migrates nothing
        harness.close();
        Path file = dir.resolve("migrations/Hotel/V1.1.0__fill_stars.camel.yaml");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file).replace("else 2 end", "else 1 end"));
        harness = MigrateHarness.start(devstage, dir.resolve("run"), dir.resolve("migrations"), Map.of());
        MigrateResult edited = harness.run(env, null, false, SyncProgress.NONE);
        assertThat((List<String>) edited.report().get("warnings")).singleElement().asString()
                .contains("V1.1.0__fill_stars.camel.yaml changed after it was applied");
        assertThat((List<String>) edited.report().get("updated")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_keep_published_entries_published_and_leave_every_entry_accepted_by_the_new_schema() throws Exception {
        // given: demo content (about 70% published, some with newer drafts), and an environment whose Hotel.stars is required
        String env = devstage.freshEnvironment("demo", DevstageServer.demoModel(), 40);
        String required = DevstageServer.demoModel().replace("{ \"apiId\": \"stars\", \"type\": \"INT\" }",
                "{ \"apiId\": \"stars\", \"type\": \"INT\", \"required\": true }");
        assertThat(required).isNotEqualTo(DevstageServer.demoModel());
        String newSchema = devstage.freshEnvironment("required", required);
        start(Map.of());
        Map<String, Map<String, Object>> publishedBefore = harness.hotels(env, "PUBLISHED");
        long withoutStars = harness.hotels(env, "DRAFT").values().stream().filter(h -> h.get("stars") == null).count();
        SyncResult refused = harness.sync(env, newSchema, false);

        // when
        MigrateResult result = harness.run(env, null, false, SyncProgress.NONE);
        SyncResult accepted = harness.sync(env, newSchema, false);

        // then
        assertThat(withoutStars).as("the demo content has hotels without stars").isPositive();
        assertThat(refused.status()).as("the old content does not fit the new schema").isNotEqualTo("SUCCEEDED");
        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat((List<String>) result.report().get("updated")).hasSizeGreaterThanOrEqualTo((int) withoutStars);
        Map<String, Map<String, Object>> publishedAfter = harness.hotels(env, "PUBLISHED");
        assertThat(publishedAfter.keySet()).isEqualTo(publishedBefore.keySet());
        publishedBefore.forEach((id, h) -> assertThat(names(publishedAfter.get(id))).as("published locales of %s", id)
                .isEqualTo(names(h)));
        assertThat(publishedBefore.values().stream().filter(h -> names(h).containsKey("de")).count())
                .as("published entries with a published German version").isPositive();
        publishedAfter.values().forEach(h -> assertThat(h.get("stars")).as("published %s", h.get("id")).isNotNull());
        harness.hotels(env, "DRAFT").values().forEach(h -> assertThat(h.get("stars")).as("draft %s", h.get("id")).isNotNull());
        assertThat(accepted.status()).as("report: %s", accepted.report().get("failed")).isEqualTo("SUCCEEDED");
        assertThat(harness.hotels(newSchema, "DRAFT")).hasSize(harness.hotels(env, "DRAFT").size());
    }

    /** The entry's published names by locale (the other locales' versions the read returned). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> names(Map<String, Object> hotel) {
        Map<String, Object> names = new java.util.TreeMap<>();
        for (Map<String, Object> l : (List<Map<String, Object>>) hotel.getOrDefault("localizations", List.of())) {
            names.put((String) l.get("locale"), l.get("name"));
        }
        return names;
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_write_nothing_in_a_dry_run_and_list_each_entrys_diff() throws Exception {
        // given
        String env = devstage.freshEnvironment("dry");
        start(Map.of());
        Map<String, String> old = harness.create(env, MigrateHarness.hotelsFixture("old-shape.json"), false);
        harness.create(env, MigrateHarness.hotelsFixture("new-shape.json"), false);
        long writesBefore = devstage.stats(env).writes();

        // when
        MigrateResult dry = harness.run(env, null, true, SyncProgress.NONE);
        long writesAfterDryRun = devstage.stats(env).writes();
        MigrateResult real = harness.run(env, null, false, SyncProgress.NONE);

        // then
        List<Map<String, Object>> diffs = (List<Map<String, Object>>) dry.report().get("diffs");
        assertThat(diffs).extracting(d -> d.get("id")).containsExactlyInAnyOrderElementsOf(old.values());
        Map<String, Object> budget = diffs.stream().filter(d -> d.get("id").equals(old.get("old-budget-inn"))).findFirst().orElseThrow();
        Map<String, Object> starsFilled = new java.util.LinkedHashMap<>();
        starsFilled.put("path", "stars");
        starsFilled.put("before", null);
        starsFilled.put("after", 2);
        assertThat((List<Map<String, Object>>) budget.get("changes")).containsExactly(starsFilled);
        assertThat(writesAfterDryRun).isEqualTo(writesBefore);
        assertThat((List<String>) real.report().get("updated")).as("the dry run recorded nothing")
                .containsExactlyInAnyOrderElementsOf(old.values());
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_put_the_before_images_back_on_rollback_with_the_publish_state() throws Exception {
        // given
        String env = devstage.freshEnvironment("rollback");
        start(Map.of());
        Map<String, String> old = harness.create(env, MigrateHarness.hotelsFixture("old-shape.json"), true);
        Map<String, Map<String, Object>> draftBefore = harness.hotels(env, "DRAFT");
        Map<String, Map<String, Object>> publishedBefore = harness.hotels(env, "PUBLISHED");
        MigrateResult run = harness.run(env, null, false, SyncProgress.NONE);
        assertThat(harness.hotels(env, "PUBLISHED").values()).allSatisfy(h -> assertThat(h.get("stars")).isNotNull());

        // when
        MigrateResult rollback = harness.migrate().rollback((String) run.report().get("runId"), SyncProgress.NONE);
        MigrateResult again = harness.run(env, null, false, SyncProgress.NONE);

        // then
        assertThat(rollback.status()).isEqualTo("SUCCEEDED");
        assertThat((List<String>) rollback.report().get("restored")).containsExactlyInAnyOrderElementsOf(old.values());
        assertThat(publishedBefore).hasSize(3);
        assertThat((List<String>) again.report().get("updated")).as("after a rollback the steps are pending again")
                .containsExactlyInAnyOrderElementsOf(old.values());
        harness.migrate().rollback((String) again.report().get("runId"), SyncProgress.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> harness.migrate().rollback((String) again.report().get("runId"),
                SyncProgress.NONE)).hasMessage("migrate run " + again.report().get("runId") + " was rolled back already");
        assertThat(harness.hotels(env, "DRAFT")).isEqualTo(draftBefore);
        assertThat(harness.hotels(env, "PUBLISHED")).isEqualTo(publishedBefore);
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_resume_an_interrupted_run_at_its_page_and_migrate_no_entry_twice() throws Exception {
        // given: pages of 5; the first run stops after its second page
        String env = devstage.freshEnvironment("resume", DevstageServer.demoModel(), 40);
        start(Map.of("stagesync.sync.page-size", "5", "stagesync.sync.batch-size", "3"));
        AtomicBoolean stop = new AtomicBoolean();
        int[] pages = {0};
        SyncProgress stopsAfterTwoPages = new SyncProgress() {
            @Override
            public void progress(String phase, long done, long total) {
                if (++pages[0] >= 4) {
                    stop.set(true);
                }
            }

            @Override
            public boolean cancelled() {
                return stop.get();
            }
        };
        long withoutStars = harness.hotels(env, "DRAFT").values().stream().filter(h -> h.get("stars") == null).count();

        // when
        MigrateResult first = harness.run(env, null, false, stopsAfterTwoPages);
        MigrateResult second = harness.run(env, null, false, SyncProgress.NONE);

        // then
        assertThat(first.status()).isEqualTo("CANCELLED");
        List<String> firstIds = (List<String>) first.report().get("updated");
        List<String> firstSeen = new ArrayList<>(firstIds);
        firstSeen.addAll((List<String>) first.report().get("notModified"));
        assertThat(firstSeen).hasSizeLessThan(40).isNotEmpty();
        assertThat(second.report().get("resumedFrom")).isEqualTo(first.report().get("runId"));
        List<String> secondIds = (List<String>) second.report().get("updated");
        Set<String> both = new HashSet<>(firstIds);
        both.retainAll(secondIds);
        assertThat(both).as("migrated twice").isEmpty();
        assertThat(firstIds.size() + secondIds.size()).isEqualTo((int) withoutStars);
        assertThat(harness.hotels(env, "DRAFT").values()).allSatisfy(h -> assertThat(h.get("stars")).isNotNull());
    }
}
