package io.stagesync.sync;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.state.SyncCheckpoint;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures end to end against devstage: a run failed after page N resumes and converges, a poison entry ends
 * PARTIAL, an incompatible schema is refused before any write.
 */
class SyncFailureTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(30);


    @TempDir
    Path dir;

    static String freshTarget(String model) {
        return devstage.freshEnvironment("fail", model);
    }

    @Test
    void should_resume_from_the_last_saved_page_after_a_failure_and_end_equal_without_duplicates() throws Exception {
        // given
        String target = freshTarget(DevstageServer.demoModel());
        SyncProgress failAfterThirdReviewPage = targetFailsAfter(target, "entries:Review", 30);
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of("stagesync.sync.page-size", "10", "stagesync.sync.pages-per-step", "1"))) {
            // when
            SyncResult failed = h.sync("production", target, false, false, failAfterThirdReviewPage);
            SyncCheckpoint saved = checkpoint(h.dataSource(), target, "Review");
            devstage.faults(target).reset();
            long reviewsAfterFailure = StageSnapshot.read(devstage, target).count("Review");
            SyncResult resumed = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(saved.pages()).isEqualTo(3);
            assertThat(saved.done()).isFalse();
            assertThat(reviewsAfterFailure).isEqualTo(30);
            assertThat(resumed.status()).isEqualTo("SUCCEEDED");
            assertThat(SyncAcceptanceTest.models(resumed).get("Review")).containsEntry("created", 60L);
            StageSnapshot source = StageSnapshot.read(devstage, "production");
            StageSnapshot copy = StageSnapshot.read(devstage, target);
            for (String model : source.models.keySet()) {
                assertThat(copy.count(model)).as("%s entries", model).isEqualTo(source.count(model));
            }
            assertThat(copy.asTarget(h.dataSource(), "production", target, false).models)
                    .isEqualTo(source.asSource(false).models);
        }
    }

    @Test
    void should_list_every_entry_of_a_failed_publish_step_and_print_every_phase() throws Exception {
        // given: the target answers only HTTP 500 once the publish phase starts
        String target = freshTarget(DevstageServer.demoModel());
        SyncProgress failAtPublish = new SyncProgress() {
            @Override
            public void phaseStarted(String phase, long total) {
                if (phase.startsWith("publish:")) {
                    devstage.faults(target).errorRate(1.0);
                }
            }
        };
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of("stagesync.sync.retry.max-attempts", "2"))) {
            // when
            SyncResult result = h.sync("production", target, false, false, failAtPublish);
            devstage.faults(target).reset();

            // then: every entry the source has published and the target has not is listed with its reason
            assertThat(result.status()).isEqualTo("FAILED");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> failed = (List<Map<String, Object>>) result.report().get("failed");
            StageSnapshot source = StageSnapshot.read(devstage, "production");
            StageSnapshot published = StageSnapshot.read(devstage, target, "PUBLISHED").asTarget(h.dataSource(), "production", target, false);
            List<String> missing = new ArrayList<>();
            source.models.forEach((model, entries) -> entries.forEach((id, e) -> {
                if (Boolean.TRUE.equals(e.get("published")) && !published.models.get(model).containsKey(id)) {
                    missing.add(model + " " + id);
                }
            }));
            assertThat(missing).isNotEmpty();
            assertThat(failed.stream().map(f -> f.get("model") + " " + f.get("sourceId")).toList()).containsAll(missing);
            assertThat(failed).allSatisfy(f -> assertThat((String) f.get("reason"))
                    .matches("(publish failed: |not published: the run stopped before \\().*HTTP 500.*"));
            assertThat(result.report().get("phases")).isEqualTo(Map.of("entries", "done", "relations", "done",
                    "publish", "failed", "drafts", "not run (the run stopped)", "assets", "not in this build"));
            String summary = new SyncSummaryPrinter().print(result);
            assertThat(summary).contains("phases: assets=not in this build; entries=done; relations=done; publish=failed; "
                    + "drafts=not run (the run stopped)").contains("failed items (" + failed.size() + ")");
        }
    }

    @Test
    void should_list_every_entry_of_a_failed_write_batch() throws Exception {
        // given: the target answers only HTTP 500 after the third review page
        String target = freshTarget(DevstageServer.demoModel());
        SyncProgress failAfterThirdReviewPage = targetFailsAfter(target, "entries:Review", 30);
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of("stagesync.sync.page-size", "10", "stagesync.sync.pages-per-step", "1",
                "stagesync.sync.retry.max-attempts", "2"))) {
            // when
            SyncResult result = h.sync("production", target, false, false, failAfterThirdReviewPage);
            devstage.faults(target).reset();

            // then: the fourth page's ten reviews are listed, none of them is in the target
            assertThat(result.status()).isEqualTo("FAILED");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> failed = (List<Map<String, Object>>) result.report().get("failed");
            assertThat(failed).hasSize(10).allSatisfy(f -> {
                assertThat(f).containsEntry("model", "Review");
                assertThat((String) f.get("reason")).contains("500");
            });
            Map<String, String> mapped = StageSnapshot.reverseIdMap(h.dataSource(), "production", target);
            assertThat(failed).allSatisfy(f -> assertThat(mapped).doesNotContainValue((String) f.get("sourceId")));
            assertThat(StageSnapshot.read(devstage, target).count("Review")).isEqualTo(30);
            assertThat(SyncAcceptanceTest.models(result).get("Review")).containsEntry("failed", 10L);
            assertThat(result.report().get("phases")).isEqualTo(Map.of("entries", "failed", "relations", "not run (the run stopped)",
                    "publish", "not run (the run stopped)", "drafts", "not run (the run stopped)", "assets", "not in this build"));
        }
    }

    @Test
    void should_fail_at_once_with_one_line_when_the_target_stops_answering_and_converge_on_the_rerun() throws Exception {
        // given: from the second review page on, the target answers only HTTP 500
        String target = freshTarget(DevstageServer.demoModel());
        SyncProgress targetDies = targetFailsAfter(target, "entries:Review", 10);
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of("stagesync.sync.page-size", "10", "stagesync.sync.pages-per-step", "1",
                "stagesync.sync.circuit-breaker.failures", "5", "stagesync.sync.retry.max-attempts", "20",
                "stagesync.sync.retry.base-delay", "200ms", "stagesync.sync.retry.max-delay", "2s"))) {
            // when
            long started = System.nanoTime();
            SyncResult failed = h.sync("production", target, false, false, targetDies);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            long faulted = devstage.stats(target).faulted();
            devstage.faults(target).reset();
            SyncResult rerun = h.sync("production", target, false, false, SyncProgress.NONE);

            // then: a few failed requests, not 20 attempts per batch, and one line naming the stage and the cause
            assertThat(failed.status()).isEqualTo("FAILED");
            String error = (String) failed.report().get("error");
            assertThat(error).doesNotContain("\n").contains("Stage " + target + " (").doesNotContain("Exception").contains("stopped answering")
                    .contains("5 requests failed in a row").contains("HTTP 500").contains("stagesync.sync.circuit-breaker.failures");
            assertThat(faulted).as("requests answered 500").isBetween(5L, 12L);
            assertThat(seconds).as("seconds until FAILED").isLessThan(15);
            assertThat(rerun.status()).as("rerun %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(StageSnapshot.read(devstage, target).asTarget(h.dataSource(), "production", target, false).models)
                    .isEqualTo(StageSnapshot.read(devstage, "production").asSource(false).models);
        }
    }

    @Test
    void should_end_partial_listing_a_poison_entry_and_sync_everything_else() throws Exception {
        // given
        String target = freshTarget(DevstageServer.demoModel());
        var squatter = devstage.client().post(devstage.contentApiUrl(target),
                "mutation { createHotel(data: { name: \"Squatter\", slug: \"hotel-5\", category: BUDGET }) { id } }");
        assertThat(squatter.errors()).isEmpty();
        StageSnapshot source = StageSnapshot.read(devstage, "production");
        String poison = source.models.get("Hotel").values().stream().filter(h -> "hotel-5".equals(h.get("slug")))
                .map(h -> (String) h.get("id")).findFirst().orElseThrow();
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            // when
            SyncResult result = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            assertThat(result.status()).isEqualTo("PARTIAL");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> failed = (List<Map<String, Object>>) result.report().get("failed");
            assertThat(failed).singleElement().satisfies(f -> {
                assertThat(f).containsEntry("model", "Hotel").containsEntry("sourceId", poison);
                assertThat((String) f.get("reason")).isNotBlank();
            });
            assertThat(count(h.dataSource(), "SELECT COUNT(*) FROM sync_failures WHERE model = 'Hotel' AND source_id = ?", poison))
                    .as("dead-letter record").isEqualTo(1);
            assertThat(count(h.dataSource(), "SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId LIKE ?", "%/Hotel/" + poison))
                    .as("idempotent key of the dead letter").isEqualTo(1);
            Map<String, Map<String, Map<String, Object>>> expected = without(source.asSource(false).models, poison);
            Map<String, Map<String, Map<String, Object>>> actual = StageSnapshot.read(devstage, target)
                    .asTarget(h.dataSource(), "production", target, false).models;
            actual.get("Hotel").values().removeIf(e -> "Squatter".equals(e.get("name")));
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void should_refuse_an_incompatible_schema_with_a_clear_error_and_no_writes() throws Exception {
        // given
        String model = DevstageServer.demoModel()
                .replace("{ \"apiId\": \"stars\", \"type\": \"INT\" }", "{ \"apiId\": \"stars\", \"type\": \"STRING\" }")
                .replace("{ \"apiId\": \"submittedAt\", \"type\": \"DATETIME\" },", "");
        assertThat(model).doesNotContain("submittedAt");
        String target = freshTarget(model);
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            // when
            SyncResult result = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            assertThat(result.status()).isEqualTo("FAILED");
            assertThat((String) result.report().get("error")).contains("Incompatible schemas")
                    .contains("Hotel.stars is SCALAR Int in the source but SCALAR String in the target")
                    .contains("Review.submittedAt is missing in the target");
            assertThat(devstage.stats(target).writes()).isZero();
        }
    }

    /** Makes the target answer only HTTP 500 once a phase has reported {@code done} items. */
    static SyncProgress targetFailsAfter(String target, String phase, long done) {
        return new SyncProgress() {
            @Override
            public void progress(String p, long d, long total) {
                if (p.equals(phase) && d == done) {
                    devstage.faults(target).errorRate(1.0);
                }
            }
        };
    }

    /** The source view without one entry and without the links to it. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Map<String, Object>>> without(Map<String, Map<String, Map<String, Object>>> models, String id) {
        Map<String, Map<String, Map<String, Object>>> out = new LinkedHashMap<>();
        models.forEach((model, entries) -> {
            Map<String, Map<String, Object>> copy = new java.util.TreeMap<>();
            entries.forEach((eid, e) -> {
                if (eid.equals(id)) {
                    return;
                }
                Map<String, Object> n = new LinkedHashMap<>();
                e.forEach((k, v) -> {
                    if (v instanceof Map<?, ?> m && id.equals(m.get("id"))) {
                        n.put(k, null);
                    } else if (v instanceof List<?> list) {
                        List<Object> kept = new ArrayList<>(list);
                        kept.removeIf(o -> o instanceof Map<?, ?> m && id.equals(m.get("id")));
                        n.put(k, kept);
                    } else {
                        n.put(k, v);
                    }
                });
                copy.put(eid, n);
            });
            out.put(model, copy);
        });
        return out;
    }

    static long count(DataSource ds, String sql, String arg) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static SyncCheckpoint checkpoint(DataSource ds, String target, String model) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT checkpoint FROM checkpoints WHERE target_stage = ? AND model = ? ORDER BY saved_at DESC")) {
            ps.setString(1, target);
            ps.setString(2, model);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a checkpoint of %s", model).isTrue();
                return SyncCheckpoint.fromJson(rs.getString(1));
            }
        }
    }
}
