package io.stagesync.sync;

import io.stagesync.backup.BackupResult;
import io.stagesync.backup.RestoreResult;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.directus.DirectusDemo;
import io.stagesync.directus.DirectusRest;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.DirectusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backups of a real Directus stage and their restore into another Directus instance, and mirror syncs between the two
 * (which back the target up first): on two instances of their own ({@code bka} with the demo, {@code bkb} with its
 * collections alone), plus devstage for the refusals across CMSs. The tests build on each other's state, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectusBackupTest {

    private static final int HOTELS = 20;

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    private static DirectusServer.Instance sourceInstance;
    private static DirectusServer.Instance targetInstance;
    private static DirectusRest source;
    private static DirectusRest target;
    @TempDir
    static Path dir;

    @BeforeAll
    static void instances() {
        DirectusServer server = DirectusServer.get();
        sourceInstance = server.fresh("bka");
        targetInstance = server.fresh("bkb");
        source = new DirectusRest("bka", sourceInstance.url(), sourceInstance.token(), Duration.ofSeconds(60));
        target = new DirectusRest("bkb", targetInstance.url(), targetInstance.token(), Duration.ofSeconds(60));
        new DirectusDemo(source).createSchema();
        new DirectusDemo(source).seed(HOTELS);
        new DirectusDemo(target).createSchema();
    }

    @AfterAll
    static void stop() {
        if (sourceInstance != null) {
            DirectusServer.get().stop(sourceInstance);
            DirectusServer.get().stop(targetInstance);
        }
    }

    private static SyncHarness harness(Map<String, String> stages) throws Exception {
        return SyncHarness.startApplication(stages, dir, BackupRestoreTest.backupKeys(dir));
    }

    /** The two Directus stages and the given devstage environments. */
    private static Map<String, String> stages(String... environments) {
        Map<String, String> stages = new LinkedHashMap<>();
        for (DirectusServer.Instance i : List.of(sourceInstance, targetInstance)) {
            stages.put("stagesync.stages." + i.name() + ".content-api", i.url());
            stages.put("stagesync.stages." + i.name() + ".token", i.token());
            stages.put("stagesync.stages." + i.name() + ".cms", "directus");
        }
        for (String env : environments) {
            stages.put("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env));
            stages.put("stagesync.stages." + env + ".token", devstage.token());
        }
        return stages;
    }

    @Test
    @Order(1)
    void should_restore_a_directus_backup_into_another_instance_equal_to_the_source_and_write_nothing_on_rerun() throws Exception {
        try (SyncHarness h = harness(stages())) {
            // when
            BackupResult backup = BackupRestoreTest.backups(h).backup("bka", "directus-demo", SyncProgress.NONE);
            RestoreResult restored = BackupRestoreTest.restores(h).restore("directus-demo", "latest", "bkb", List.of(), SyncProgress.NONE);
            long writes = DirectusSyncTest.writes(target);
            RestoreResult rerun = BackupRestoreTest.restores(h).restore("directus-demo", "latest", "bkb", List.of(), SyncProgress.NONE);

            // then: every collection, translation, relation kind, status and file (by SHA-256) as in the source
            assertThat(backup.entries()).containsEntry("hotels", (long) HOTELS).containsEntry("reviews", 2L * HOTELS);
            assertThat(backup.assets()).isEqualTo(DirectusDemo.FILES);
            assertThat(backup.filesUploaded()).isEqualTo(DirectusDemo.FILES);
            assertThat(BackupRestoreTest.catalog(h).list("directus-demo")).singleElement()
                    .satisfies(l -> assertThat(l.manifest().cms()).isEqualTo("directus"));
            assertThat(restored.status()).as("report %s", restored.sync().report()).isEqualTo("SUCCEEDED");
            assertThat(DirectusSyncTest.models(restored.sync()).get("hotels")).containsEntry("created", (long) HOTELS);
            assertThat(DirectusSyncTest.assets(restored.sync())).containsEntry("created", (long) DirectusDemo.FILES);
            DirectusSyncTest.assertEqual(source, target, DirectusDemo.FILES);
            assertThat(rerun.status()).as("report %s", rerun.sync().report()).isEqualTo("SUCCEEDED");
            assertThat(DirectusSyncTest.models(rerun.sync())).allSatisfy((model, counts) -> {
                assertThat(counts.get("created")).as(model).isEqualTo(0L);
                assertThat(counts.get("updated")).as(model).isEqualTo(0L);
            });
            assertThat(DirectusSyncTest.assets(rerun.sync())).containsEntry("created", 0L).containsEntry("reuploaded", 0L);
            assertThat(DirectusSyncTest.writes(target)).as("create/update activity in bkb after the rerun %s: %s", rerun.sync().report(),
                    target.get("/activity?sort=-id&limit=60&fields=action,collection,item&filter[action][_in]=create,update")).isEqualTo(writes);
        }
    }

    @Test
    @Order(2)
    void should_refuse_in_one_line_to_restore_a_snapshot_into_a_stage_of_another_cms() throws Exception {
        // given: a Hygraph (devstage) stage with content and an empty one
        String hygraph = devstage.freshEnvironment("hy", DevstageServer.demoModel(), 3);
        String empty = devstage.freshEnvironment("hyempty", DevstageServer.demoModel());
        try (SyncHarness h = harness(stages(hygraph, empty))) {
            BackupRestoreTest.backups(h).backup(hygraph, "hygraph-demo", SyncProgress.NONE);
            long writes = DirectusSyncTest.writes(target);
            long devstageWrites = devstage.stats(empty).writes();

            // when / then: both ways refused before anything is written
            assertThatThrownBy(() -> BackupRestoreTest.restores(h).restore("directus-demo", "latest", empty, List.of(), SyncProgress.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageMatching("Snapshot directus-demo/\\S+ was taken from the directus stage bka, and stage " + empty
                            + " runs hygraph: a snapshot is restored only into a stage of the same CMS \\(nothing was written\\)");
            assertThatThrownBy(() -> BackupRestoreTest.restores(h).restore("hygraph-demo", "latest", "bkb", List.of(), SyncProgress.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageMatching("Snapshot hygraph-demo/\\S+ was taken from the hygraph stage " + hygraph
                            + ", and stage bkb runs directus: a snapshot is restored only into a stage of the same CMS \\(nothing was written\\)");
            assertThat(devstage.stats(empty).writes()).isEqualTo(devstageWrites);
            assertThat(DirectusSyncTest.writes(target)).isEqualTo(writes);
        }
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void should_mirror_deleting_exactly_the_items_and_files_gone_from_the_source_after_a_backup_that_brings_them_back() throws Exception {
        // given: bka loses two hotels, a review and a file; bkb gains a destination of its own
        String hotel3 = DirectusDemo.id("hotel", 3);
        String hotel7 = DirectusDemo.id("hotel", 7);
        String review = DirectusDemo.id("review", 0);
        String file = DirectusDemo.id("file", 5);
        String own = DirectusDemo.id("own-destination", 1);
        source.send("DELETE", "/items/hotels/" + hotel3, null);
        source.send("DELETE", "/items/hotels/" + hotel7, null);
        source.send("DELETE", "/items/reviews/" + review, null);
        source.send("DELETE", "/files/" + file, null);
        target.send("POST", "/items/destinations", Map.of("id", own, "name", "Own", "status", "published"));
        try (SyncHarness h = harness(stages())) {
            // when: without consent, then with it, then again
            SyncResult listed = MirrorSyncTest.mirror(h, "bka", "bkb", false, false);
            long hotelsListed = DirectusSyncTest.count(target, "hotels");
            SyncResult mirrored = MirrorSyncTest.mirror(h, "bka", "bkb", false, true);
            SyncResult rerun = MirrorSyncTest.mirror(h, "bka", "bkb", false, true);

            // then: the same deletions listed, then done after the pre-mirror backup; the stages are equal
            for (SyncResult r : List.of(listed, mirrored)) {
                assertThat(r.status()).as("report %s", r.report()).isEqualTo("SUCCEEDED");
                Map<String, Object> d = (Map<String, Object>) r.report().get("deletions");
                Map<String, List<String>> entries = (Map<String, List<String>>) d.get("entries");
                assertThat(entries.get("hotels")).containsExactlyInAnyOrder(hotel3, hotel7);
                assertThat(entries.get("reviews")).containsExactly(review);
                assertThat(entries.get("destinations")).containsExactly(own);
                assertThat(entries.get("Asset")).containsExactly(file);
                assertThat(d.get("count")).isEqualTo(5L);
            }
            assertThat(((Map<String, Object>) listed.report().get("deletions")).get("deleted")).isEqualTo(false);
            assertThat(hotelsListed).isEqualTo(HOTELS);
            Map<String, Object> done = (Map<String, Object>) mirrored.report().get("deletions");
            assertThat(done.get("deleted")).isEqualTo(true);
            assertThat(BackupRestoreTest.catalog(h).list("pre-mirror-bkb")).singleElement().satisfies(l -> {
                assertThat(l.manifest().models().get("hotels").count()).isEqualTo(HOTELS);
                assertThat(l.manifest().assets().count()).isEqualTo(DirectusDemo.FILES);
                assertThat(done.get("backup")).isEqualTo("pre-mirror-bkb/" + l.manifest().snapshot());
            });
            DirectusSyncTest.assertEqual(source, target, DirectusDemo.FILES - 1);
            assertThat(DirectusSyncTest.count(target, "destinations")).isEqualTo(DirectusSyncTest.count(source, "destinations"));
            assertThat(((Map<String, Object>) rerun.report().get("deletions")).get("count")).isEqualTo(0L);
            assertThat(BackupRestoreTest.catalog(h).list("pre-mirror-bkb")).hasSize(1);

            // and the pre-mirror backup brings back what the mirror deleted, with the same ids and bytes
            RestoreResult restored = BackupRestoreTest.restores(h).restore("pre-mirror-bkb", "latest", "bkb", List.of(), SyncProgress.NONE);
            assertThat(restored.status()).as("report %s", restored.sync().report()).isEqualTo("SUCCEEDED");
            assertThat(DirectusSyncTest.count(target, "hotels")).isEqualTo(HOTELS);
            assertThat(ids(target, "/items/hotels")).contains(hotel3, hotel7);
            assertThat(ids(target, "/items/reviews")).contains(review);
            assertThat(ids(target, "/items/destinations")).contains(own);
            assertThat(ids(target, "/files")).contains(file).hasSize(DirectusDemo.FILES);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(DirectusRest rest, String path) {
        return ((List<Map<String, Object>>) rest.get(path + "?limit=-1&fields=id")).stream().map(r -> r.get("id")).toList();
    }
}
