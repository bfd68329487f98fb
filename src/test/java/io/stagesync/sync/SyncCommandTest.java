package io.stagesync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.cli.RootCommand;
import io.stagesync.sync.state.SyncCheckpoint;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.secrets.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
        sb.append("stagesync.sync.retry.base-delay-ms=20\nstagesync.sync.retry.max-delay-ms=200\n");
        sb.append("stagesync.sync.retry.route-redeliveries=1\n");
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
        Path report = dir.resolve("out/report.json");

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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.stagesync.StageSyncApplication",
                "sync", "--from", "production", "--to", target, "--config", cfg.toString()).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the process was killed
            }
        });
        reader.start();

        // when
        await().atMost(Duration.ofSeconds(90)).until(() -> lines.stream().anyMatch(l -> l.contains("Page done model=Review page=3 ")));
        child.destroyForcibly().waitFor();
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
}
