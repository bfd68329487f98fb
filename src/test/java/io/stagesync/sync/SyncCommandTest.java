package io.stagesync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.cli.RootCommand;
import io.stagesync.state.SyncCheckpoint;
import io.stagesync.testing.ChildApplication;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.secrets.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code sync} command: report file and exit codes, and a sync process killed mid-run that a rerun completes.
 */
class SyncCommandTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(30);


    @TempDir
    Path dir;

    static String freshTarget() {
        return devstage.freshEnvironment("cli");
    }

    Path config(Map<String, String> extra) throws Exception {
        // --config replaces application.properties: start from it, then point the stages at this devstage
        StringBuilder sb = new StringBuilder(Files.readString(Path.of("application.properties"))).append('\n');
        for (String env : devstage.server().environments()) {
            sb.append("stagesync.stages.").append(env).append(".content-api=").append(devstage.contentApiUrl(env)).append('\n');
            sb.append("stagesync.stages.").append(env).append(".token=").append(devstage.token()).append('\n');
        }
        sb.append("stagesync.state.url=jdbc:h2:file:").append(dir.toAbsolutePath().resolve("state")).append(";WRITE_DELAY=0\n");
        sb.append("stagesync.sync.retry.base-delay=20ms\nstagesync.sync.retry.max-delay=200ms\n");
        extra.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Path file = dir.resolve("test.properties");
        Files.writeString(file, sb.toString());
        TestSecrets.holdsSecretOnPurpose(file);
        return file;
    }

    @Test
    void should_write_the_report_and_exit_zero_only_when_the_sync_succeeded() throws Exception {
        // given
        String target = freshTarget();
        Path cfg = config(Map.of());
        Path report = Files.createDirectories(dir.resolve("out")).resolve("report.json");

        // when
        int planExit = RootCommand.commandLine().execute("sync", "--from", "production", "--to", target, "--plan", "--config", cfg.toString());
        long writesAfterPlan = devstage.stats(target).writes();
        int syncExit = RootCommand.commandLine().execute("sync", "--from", "production", "--to", target, "--config", cfg.toString(),
                "--report", report.toString());
        int badExit = RootCommand.commandLine().execute("sync", "--from", "production", "--to", "nowhere", "--config", cfg.toString());

        // then
        assertThat(planExit).isZero();
        assertThat(writesAfterPlan).isZero();
        assertThat(syncExit).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(report.toFile(), Map.class);
        assertThat(json.keySet()).contains("status", "models", "requests", "failed", "durationMs");
        assertThat(json.get("status")).isEqualTo("SUCCEEDED");
        assertThat(((Map<?, ?>) ((Map<?, ?>) json.get("models")).get("Hotel")).get("created")).isEqualTo(30);
        assertThat(badExit).isEqualTo(1);
    }

    @Test
    void should_complete_after_the_sync_process_was_killed_mid_run_without_duplicates() throws Exception {
        // given
        String target = freshTarget();
        Path cfg = config(Map.of("stagesync.sync.page-size", "10", "stagesync.sync.pages-per-step", "1", "stagesync.stages." + target + ".rate-limit", "10"));
        ChildApplication child = ChildApplication.start("sync", "--from", "production", "--to", target, "--config", cfg.toString());

        // when
        await().atMost(Duration.ofSeconds(90)).until(() -> child.lines().stream().anyMatch(l -> l.contains("Page done model=Review page=3 ")));
        child.kill();
        SyncResult rerun;
        SyncCheckpoint atKill;
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            atKill = SyncFailureTest.checkpoint(h.dataSource(), target, "Review");
            rerun = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            assertThat(atKill.pages()).isGreaterThanOrEqualTo(3);
            assertThat(atKill.done()).isFalse();
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            StageSnapshot source = StageSnapshot.read(devstage, "production");
            StageSnapshot copy = StageSnapshot.read(devstage, target);
            for (String model : source.models.keySet()) {
                assertThat(copy.count(model)).as("%s entries", model).isEqualTo(source.count(model));
            }
            assertThat(copy.asTarget(h.dataSource(), "production", target, false).models).isEqualTo(source.asSource(false).models);
        }
    }

    /** Runs the sync command in this JVM; returns its exit code and what it printed on stderr. */
    record Outcome(int exit, String stderr) {
    }

    static Outcome sync(String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        var command = RootCommand.commandLine();
        command.setErr(new java.io.PrintWriter(err, true));
        int exit = command.execute(java.util.stream.Stream.concat(java.util.stream.Stream.of("sync"), java.util.Arrays.stream(args))
                .toArray(String[]::new));
        return new Outcome(exit, err.toString());
    }

    @Test
    void should_refuse_a_report_path_it_cannot_write_before_writing_anything() throws Exception {
        // given
        String target = freshTarget();
        Path cfg = config(Map.of());
        Path underMissingFolder = dir.resolve("missing/report.json");
        Path folder = Files.createDirectories(dir.resolve("a-folder"));

        // when
        Outcome missing = sync("--from", "production", "--to", target, "--config", cfg.toString(), "--report", underMissingFolder.toString());
        Outcome isFolder = sync("--from", "production", "--to", target, "--config", cfg.toString(), "--report", folder.toString());
        Outcome badBatch = sync("--from", "production", "--to", target, "--config", cfg.toString(), "--batch-size", "-3");

        // then
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("--report " + underMissingFolder + ": folder " + dir.resolve("missing") + " does not exist")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("missing")).doesNotExist();
        assertThat(isFolder.exit()).isEqualTo(2);
        assertThat(isFolder.stderr()).contains("is a folder");
        assertThat(badBatch.exit()).isEqualTo(2);
        assertThat(badBatch.stderr()).contains("--batch-size must be a whole number from 1 to 500, got: -3");
        assertThat(devstage.stats(target).writes()).isZero();
    }

    @Test
    void should_refuse_an_unknown_model_naming_the_closest_and_match_models_ignoring_case() throws Exception {
        // given
        String target = freshTarget();
        Path cfg = config(Map.of());

        // when
        Outcome typo = sync("--from", "production", "--to", target, "--config", cfg.toString(), "--models", "Hotell");
        long writesAfterTypo = devstage.stats(target).writes();
        Outcome lowerCase = sync("--from", "production", "--to", target, "--config", cfg.toString(), "--models", "destination");

        // then
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.stderr()).contains("unknown model 'Hotell' in --models; did you mean 'Hotel'?")
                .doesNotContain("Incompatible").doesNotContain("\tat ");
        assertThat(writesAfterTypo).isZero();
        assertThat(lowerCase.exit()).as(lowerCase.stderr()).isZero();
        assertThat(StageSnapshot.read(devstage, target).count("Destination")).isEqualTo(StageSnapshot.read(devstage, "production").count("Destination"));
    }

    @Test
    void should_name_the_environment_variable_of_a_missing_or_refused_token_before_writing_anything() throws Exception {
        // given
        String target = freshTarget();
        Path unset = Files.copy(config(Map.of("stagesync.stages." + target + ".token", "{{env:STAGESYNC_TEST_UNSET_TOKEN:}}")),
                dir.resolve("unset.properties"));
        TestSecrets.holdsSecretOnPurpose(unset);
        Path wrong = config(Map.of("stagesync.stages." + target + ".token", "not-the-token"));
        Path report = dir.resolve("report.json");

        // when
        Outcome missing = sync("--from", "production", "--to", target, "--config", unset.toString(), "--report", report.toString());
        Outcome refused = sync("--from", "production", "--to", target, "--config", wrong.toString(), "--report", report.toString());

        // then
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).contains("stage '" + target + "' has no token: set the environment variable STAGESYNC_TEST_UNSET_TOKEN")
                .doesNotContain("\tat ");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).contains("stage '" + target + "' refused its token (HTTP 401)")
                .contains("STAGESYNC_STAGES_" + target.toUpperCase().replace('-', '_') + "_TOKEN").doesNotContain("\tat ");
        assertThat(report).doesNotExist();
        assertThat(devstage.stats(target).writes()).isZero();
    }

    @Test
    void should_refuse_a_mirror_into_a_stage_a_job_run_uses_and_yes_without_mirror() throws Exception {
        // given: the state store has a RUNNING job run that writes the target
        String target = freshTarget();
        Path cfg = config(Map.of());
        assertThat(sync("--from", "production", "--to", target, "--config", cfg.toString(), "--plan").exit()).isZero();
        try (io.stagesync.state.StateStore store = new io.stagesync.state.StateStore("jdbc:h2:file:" + dir.toAbsolutePath().resolve("state")
                + ";WRITE_DELAY=0", "sa", null, 2)) {
            new io.stagesync.jobs.RunRepository(store.dataSource()).insert(new io.stagesync.jobs.JobRun("run-1", "nightly", "production",
                    target, Map.of(), io.stagesync.jobs.JobRun.RUNNING, "test", java.time.Instant.now(), null, null, null, 0, 0, 0, 0,
                    null, 0, List.of()));
        }

        // when
        Outcome busy = sync("--from", "production", "--to", target, "--config", cfg.toString(), "--mirror", "--yes");
        Outcome yesAlone = sync("--from", "production", "--to", target, "--config", cfg.toString(), "--yes");

        // then
        assertThat(busy.exit()).isEqualTo(1);
        assertThat(busy.stderr()).contains("stage '" + target + "' is busy: the jobs service's run run-1 (job 'nightly') uses it")
                .doesNotContain("\tat ");
        assertThat(yesAlone.exit()).isEqualTo(2);
        assertThat(yesAlone.stderr()).contains("--yes consents to the deletions of --mirror");
        assertThat(devstage.stats(target).writes()).isZero();
    }

    @Test
    void should_delete_exactly_what_is_gone_after_a_mirror_process_was_killed_in_the_middle_of_its_deletions() throws Exception {
        // given: a target mirrored from its source; then the source loses 5 hotels and 3 assets
        String source = devstage.freshEnvironment("cliksrc", io.stagesync.devstage.DevstageServer.demoModel(), 20);
        String target = freshTarget();
        Map<String, String> keys = Map.of("stagesync.backup.data-dir", dir.resolve("backups").toString(),
                "stagesync.sync.busy-lease", "2s");
        Path cfg = config(keys);
        String[] command = {"sync", "--from", source, "--to", target, "--config", cfg.toString(), "--mirror", "--yes"};
        // in its own JVM, as the killed run below: an in-process run would keep the state store's file open
        try (ChildApplication first = ChildApplication.start(command)) {
            assertThat(first.waitFor(Duration.ofSeconds(300))).as(first.output()).isZero();
        }
        List<String> hotels = MirrorSyncTest.ids(devstage, source, "hotels").subList(0, 5);
        List<String> assets = MirrorSyncTest.ids(devstage, source, "assets").subList(0, 3);
        List<String> targetHotels = MirrorSyncTest.ids(devstage, target, "hotels");
        List<String> targetAssets = MirrorSyncTest.ids(devstage, target, "assets");
        for (String hotel : hotels) {
            MirrorSyncTest.post(devstage, source, "mutation { deleteHotel(where: { id: \"" + hotel + "\" }) { id } }");
        }
        for (String asset : assets) {
            MirrorSyncTest.post(devstage, source, "mutation { deleteAsset(where: { id: \"" + asset + "\" }) { id } }");
        }
        // each delete in the target takes 2 s: the kill lands after the hotels' bulk delete, while the assets go one by one
        devstage.faults(target).deleteLatencyMs(2000);
        List<String> lines;
        try (ChildApplication child = ChildApplication.start(command)) {
            lines = child.lines();

            // when: killed as soon as its hotels are deleted, in the middle of its deletions
            await().atMost(Duration.ofSeconds(120)).until(() -> lines.stream().anyMatch(l -> l.contains("Mirror deleted model=Hotel"))
                    || !child.alive());
            child.kill();
        } finally {
            devstage.faults(target).reset();
        }
        List<String> hotelsAtKill = MirrorSyncTest.ids(devstage, target, "hotels");
        List<String> assetsAtKill = MirrorSyncTest.ids(devstage, target, "assets");
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, keys)) {
            io.stagesync.state.IdMapRepository idMap = new io.stagesync.state.IdMapRepository(h.dataSource());
            List<String> goneHotels = hotels.stream().map(id -> idMap.find(source, target, "Hotel", id).orElseThrow().targetId()).toList();
            List<String> goneAssets = assets.stream().map(id -> idMap.find(source, target, "Asset", id).orElseThrow().targetId()).toList();
            io.stagesync.state.StageLeases leases = h.camel().getRegistry().lookupByNameAndType("stageLeases", io.stagesync.state.StageLeases.class);
            // the killed process's busy mark lapses
            await().atMost(Duration.ofSeconds(30)).until(() -> leases.busy(target, null).isEmpty());
            SyncResult rerun = MirrorSyncTest.mirror(h, source, target, false, true);
            SyncResult again = MirrorSyncTest.mirror(h, source, target, false, true);

            // then: the kill came after the hotels went and before the assets had (at most the one in flight is gone)
            assertThat(lines).as("child output").anyMatch(l -> l.contains("Pre-mirror backup done"));
            assertThat(hotelsAtKill).containsExactlyInAnyOrderElementsOf(without(targetHotels, goneHotels));
            assertThat(goneAssets.stream().filter(assetsAtKill::contains).count()).isGreaterThanOrEqualTo(2);
            // and the rerun deleted exactly what the source lost, nothing else
            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(MirrorSyncTest.ids(devstage, target, "hotels")).containsExactlyInAnyOrderElementsOf(without(targetHotels, goneHotels));
            assertThat(MirrorSyncTest.ids(devstage, target, "assets")).containsExactlyInAnyOrderElementsOf(without(targetAssets, goneAssets));
            assertThat(idMap.findModel(source, target, "Hotel")).hasSize(15);
            SyncAcceptanceTest.assertEqualWith(devstage, h, source, target);
            assertThat(((Map<?, ?>) again.report().get("deletions")).get("count")).isEqualTo(0L);
            // and the killed run's pre-mirror backup is complete: the whole target as it was before any deletion
            io.stagesync.backup.Manifest before = BackupRestoreTest.catalog(h).list("pre-mirror-" + target).get(0).manifest();
            assertThat(before.models().get("Hotel").count()).isEqualTo(targetHotels.size());
            assertThat(before.assets().count()).isEqualTo(targetAssets.size());
        }
    }

    private static List<String> without(List<String> all, List<String> gone) {
        return all.stream().filter(id -> !gone.contains(id)).toList();
    }

    @Test
    void should_list_the_deletions_of_a_mirror_without_yes_and_delete_nothing() throws Exception {
        // given: a target with a hotel of its own, which the source does not have
        String target = freshTarget();
        Path cfg = config(Map.of());
        String own = (String) MirrorSyncTest.post(devstage, target, "mutation { createHotel(data: { name: \"Own\", slug: \"own\", "
                + "category: BUDGET }) { id } }").data("createHotel").get("id");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream console = System.out;

        // when
        Outcome listed;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            listed = sync("--from", "production", "--to", target, "--config", cfg.toString(), "--mirror");
        } finally {
            System.setOut(console);
        }

        // then
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(listed.exit()).as(listed.stderr()).isZero();
        assertThat(printed).contains("mirror: 1 to delete, not deleted (no consent (--yes, or the job option mirror: true))")
                .contains("Hotel          1: " + own);
        assertThat(printed.indexOf("mirror: ")).isLessThan(printed.indexOf("  Hotel "));
        assertThat(MirrorSyncTest.ids(devstage, target, "hotels")).contains(own);
    }
}
