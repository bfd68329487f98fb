package io.stagesync.sync;

import io.stagesync.backup.BackupResult;
import io.stagesync.backup.Manifest;
import io.stagesync.backup.RestoreResult;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.migrate.MigrateHarness;
import io.stagesync.testing.ChildApplication;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.stagesync.sync.BackupRestoreTest.backupKeys;
import static io.stagesync.sync.BackupRestoreTest.backups;
import static io.stagesync.sync.BackupRestoreTest.catalog;
import static io.stagesync.sync.BackupRestoreTest.restores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** kill -9 of a backup and of a restore (child JVMs): each rerun continues and completes with no duplicates. */
class BackupKillTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @TempDir
    Path dir;

    /** Runs the real main class in a child JVM and kills it (kill -9) once a line of its output matches. */
    private static List<String> runAndKill(Predicate<String> when, String... args) throws Exception {
        try (ChildApplication child = ChildApplication.start(args)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> child.lines().stream().anyMatch(when) || !child.alive());
            assertThat(child.alive()).as("the child is still running when killed; output %s", child.lines()).isTrue();
            child.kill();
            return child.lines();
        }
    }

    @Test
    void should_continue_a_killed_backup_and_a_killed_restore_without_duplicates() throws Exception {
        // given: 60 hotels, 6 destinations, 180 reviews; pages of 5 against a rate limit, so each run takes a while
        String source = devstage.freshEnvironment("killsrc", DevstageServer.demoModel(), 60);
        String target = devstage.freshEnvironment("killdst");
        Map<String, String> keys = new HashMap<>(backupKeys(dir));
        keys.putAll(Map.of("stagesync.sync.page-size", "5", "stagesync.sync.pages-per-step", "1", "stagesync.sync.batch-size", "2",
                "stagesync.stages." + source + ".rate-limit", "20", "stagesync.stages." + target + ".rate-limit", "20",
                "stagesync.state.url", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("state") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0"));
        Path config = MigrateHarness.config(devstage, dir, dir.resolve("none"), keys);

        // when: a backup killed after its first finished model, then continued here
        List<String> backupLog = runAndKill(l -> l.contains("Model backed up model="), "backup", "--stage", source, "--profile", "kp",
                "--config", config.toString());
        BackupResult continued;
        Manifest manifest;
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, keys)) {
            continued = backups(h).backup(source, "kp", SyncProgress.NONE);
            manifest = catalog(h).resolve("kp", "latest");
        }
        // and a restore killed after three pages of entries, then run again here
        List<String> restoreLog = runAndKill(l -> l.contains("Page done model=") && l.contains(" page=3 "), "restore", "--profile", "kp",
                "--to", target, "--config", config.toString());
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, keys)) {
            RestoreResult rerun = restores(h).restore("kp", "latest", target, List.of(), SyncProgress.NONE);

            // then
            assertThat(continued.resumed()).as("backup log %s", backupLog).isTrue();
            assertThat(catalog(h).list("kp")).hasSize(1);
            assertThat(manifest.models().get("Hotel").count()).isEqualTo(60);
            assertThat(manifest.models().get("Review").count()).isEqualTo(180);
            assertThat(manifest.models().get("Destination").count()).isEqualTo(6);
            assertThat(rerun.status()).as("restore log %s / report %s", restoreLog, rerun.sync().report()).isEqualTo("SUCCEEDED");
            StageSnapshot expected = StageSnapshot.read(devstage, source);
            StageSnapshot copy = StageSnapshot.read(devstage, target);
            for (String model : expected.models.keySet()) {
                assertThat(copy.count(model)).as("%s entries", model).isEqualTo(expected.count(model));
            }
            assertThat(copy.asTarget(h.dataSource(), "backup:kp", target, false).models).isEqualTo(expected.asSource(false).models);
        }
    }

    @Test
    void should_continue_a_backup_killed_in_a_large_model_where_it_stopped_and_give_a_clean_snapshot() throws Exception {
        // given: 200 hotels, 600 reviews read in pages of 10 against a rate limit
        String source = devstage.freshEnvironment("bigsrc", DevstageServer.demoModel(), 200);
        String target = devstage.freshEnvironment("bigdst");
        Map<String, String> keys = new HashMap<>(backupKeys(dir));
        keys.putAll(Map.of("stagesync.sync.page-size", "10", "stagesync.sync.pages-per-step", "1",
                "stagesync.stages." + source + ".rate-limit", "25", "stagesync.stages." + target + ".rate-limit", "40",
                "stagesync.state.url", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("state") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0"));
        Path config = MigrateHarness.config(devstage, dir, dir.resolve("none"), keys);

        // when: the backup is killed in the middle of the reviews, then continued here
        List<String> backupLog = runAndKill(l -> l.contains("Backup page done model=Review entries=150"), "backup", "--stage", source,
                "--profile", "big", "--config", config.toString());
        long readsBefore = devstage.stats(source).reads();
        BackupResult continued;
        BackupResult clean;
        long continuedReads;
        long cleanReads;
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, keys)) {
            continued = backups(h).backup(source, "big", SyncProgress.NONE);
            continuedReads = devstage.stats(source).reads() - readsBefore;
            clean = backups(h).backup(source, "bigclean", SyncProgress.NONE);
            cleanReads = devstage.stats(source).reads() - readsBefore - continuedReads;
        }
        // and a restore of it killed in the middle of the reviews, then run again here
        List<String> restoreLog = runAndKill(l -> l.contains("Page done model=Review page=20 "), "restore", "--profile", "big",
                "--to", target, "--config", config.toString());
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, keys)) {
            RestoreResult rerun = restores(h).restore("big", "latest", target, List.of(), SyncProgress.NONE);
            Manifest resumed = catalog(h).resolve("big", "latest");
            Manifest whole = catalog(h).resolve("bigclean", "latest");

            // then: the rerun took the reviews the killed backup had read from its local files, and read only the rest
            long reviewsKept = continued.continued().getOrDefault("Review", 0L);
            assertThat(continued.resumed()).as("backup log %s", backupLog).isTrue();
            assertThat(reviewsKept).as("reviews continued, backup log %s", backupLog).isBetween(150L, 590L);
            assertThat(continuedReads).as("source reads of the continued backup against a whole one (%s)", cleanReads)
                    .isLessThanOrEqualTo(cleanReads - reviewsKept / 10);
            // and its snapshot equals a clean one chunk by chunk
            assertThat(resumed.models().keySet()).isEqualTo(whole.models().keySet());
            for (String model : whole.models().keySet()) {
                assertThat(resumed.models().get(model).count()).as("%s count", model).isEqualTo(whole.models().get(model).count());
                assertThat(resumed.models().get(model).chunks().stream().map(Manifest.Chunk::sha256).toList()).as("%s chunks", model)
                        .isEqualTo(whole.models().get(model).chunks().stream().map(Manifest.Chunk::sha256).toList());
            }
            assertThat(resumed.assets().chunks().stream().map(Manifest.Chunk::sha256).toList())
                    .isEqualTo(whole.assets().chunks().stream().map(Manifest.Chunk::sha256).toList());
            assertThat(resumed.blobs()).isEqualTo(whole.blobs());
            assertThat(resumed.models().get("Review").count()).isEqualTo(600);
            assertThat(clean.continued()).isEmpty();
            // and the restore's rerun resumed at its checkpoint in the reviews instead of reading them all again
            Map<?, ?> reviews = (Map<?, ?>) ((Map<?, ?>) rerun.sync().report().get("models")).get("Review");
            assertThat(rerun.status()).as("restore log %s / report %s", restoreLog, rerun.sync().report()).isEqualTo("SUCCEEDED");
            assertThat(((Number) reviews.get("read")).longValue()).as("reviews read by the rerun %s", reviews).isLessThanOrEqualTo(600 - 200);
            StageSnapshot expected = StageSnapshot.read(devstage, source);
            StageSnapshot copy = StageSnapshot.read(devstage, target);
            for (String model : expected.models.keySet()) {
                assertThat(copy.count(model)).as("%s entries", model).isEqualTo(expected.count(model));
            }
            assertThat(copy.asTarget(h.dataSource(), "backup:big", target, false).models).isEqualTo(expected.asSource(false).models);
        }
    }
}
