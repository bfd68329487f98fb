package io.stagesync.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.cli.RootCommand;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.migrate.MigrateHarness;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup, restore and profiles commands end to end (devstage over HTTP, the embedded bucket server): list, show,
 * promote, prune, delete, and bad input answered in one line with nothing written.
 */
class ProfilesCommandTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @TempDir
    Path dir;

    /** A command's exit code, standard output and error. */
    record Outcome(int exit, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream before = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            var command = RootCommand.commandLine();
            command.setErr(new PrintWriter(err, true));
            int exit = command.execute(args);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(before);
        }
    }

    @SuppressWarnings("unchecked")
    private static String snapshotOf(Path report) throws Exception {
        return (String) new ObjectMapper().readValue(report.toFile(), Map.class).get("snapshot");
    }

    @Test
    void should_list_show_promote_prune_and_delete_snapshots_and_refuse_bad_input_in_one_line() throws Exception {
        // given
        String source = devstage.freshEnvironment("prof", DevstageServer.demoModel(), 10);
        String target = devstage.freshEnvironment("profdst");
        String cfg = MigrateHarness.config(devstage, dir, dir.resolve("none"), Map.of("stagesync.backup.data-dir",
                dir.resolve("backups").toString(), "stagesync.profiles.customer1.keep", "1")).toString();
        String[] ts = new String[3];
        for (int i = 0; i < 3; i++) {
            Path report = dir.resolve("backup" + i + ".json");
            Outcome backup = run("backup", "--stage", source, "--profile", "customer1", "--config", cfg, "--report", report.toString());
            assertThat(backup.exit()).as(backup.err()).isZero();
            assertThat(backup.out()).contains("Backup customer1/");
            ts[i] = snapshotOf(report);
        }

        // when
        Outcome list = run("profiles", "list", "--config", cfg);
        Outcome promote = run("profiles", "promote", "customer1/" + ts[0], "--config", cfg);
        Outcome prune = run("profiles", "prune", "customer1", "--config", cfg);
        Outcome show = run("profiles", "show", "customer1", "--config", cfg);
        Outcome delete = run("profiles", "delete", "customer1/" + ts[2], "--config", cfg);
        Outcome deleteBaseline = run("profiles", "delete", "customer1/" + ts[0], "--config", cfg);
        Outcome badRef = run("profiles", "delete", "customer1", "--config", cfg);
        Outcome badSnapshot = run("restore", "--profile", "customer1", "--snapshot", "yesterday", "--to", target, "--config", cfg);
        Outcome badProfile = run("backup", "--stage", source, "--profile", "no/slash", "--config", cfg);
        Outcome restore = run("restore", "--profile", "customer1", "--snapshot", "baseline", "--to", target, "--config", cfg);
        Outcome badVersion = run("migrate", "baseline", "--profile", "customer1", "--to", "one", "--config", cfg);
        Outcome migrated = run("migrate", "baseline", "--profile", "customer1", "--to", "1.1.0", "--config", cfg);

        // then
        assertThat(list.out()).contains("customer1  snapshots 3  latest " + ts[2]);
        assertThat(promote.exit()).isZero();
        assertThat(prune.out()).as(prune.err()).contains("deleted 1 snapshot [" + ts[1] + "]");
        assertThat(show.out()).contains(ts[0] + " [baseline]", ts[2]).doesNotContain(ts[1]).contains("from " + source + " (hygraph)");
        assertThat(delete.exit()).as(delete.err()).isZero();
        assertThat(deleteBaseline.exit()).isEqualTo(1);
        assertThat(deleteBaseline.err()).contains("is the profile's baseline").doesNotContain("\tat ");
        assertThat(badRef.exit()).isEqualTo(2);
        assertThat(badRef.err()).contains("PROFILE/TIMESTAMP");
        assertThat(badSnapshot.exit()).isEqualTo(1);
        assertThat(badSnapshot.err()).contains("Snapshot 'yesterday' is not allowed").doesNotContain("\tat ");
        assertThat(badProfile.err()).contains("Profile name 'no/slash' is not allowed");
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restore of customer1/" + ts[0] + " into " + target);
        assertThat(badVersion.exit()).isEqualTo(2);
        assertThat(badVersion.err()).contains("--to 'one' is not allowed");
        assertThat(migrated.exit()).as(migrated.err()).isZero();
        assertThat(migrated.out()).contains("Baseline customer1/" + ts[0] + " holds every migration up to 1.1.0");
        assertThat(run("profiles", "show", "customer1", "--config", cfg).out()).contains("1 complete snapshot");
    }
}
