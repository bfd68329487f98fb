package io.stagesync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line without arguments runs the main job on the embedded default. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void should_sync_the_embedded_demo_then_rerun_without_writes_when_called_without_arguments() {
        // given
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;

        // when
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = RootCommand.commandLine().execute();
        } finally {
            System.setOut(original);
        }

        // then: demo size 50 = 50 hotels, 5 destinations, 150 reviews
        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(summary).isZero();
        assertThat(summary).contains("Sync production -> staging: SUCCEEDED")
                .containsPattern("Hotel +read=50 +created=50 ")
                .containsPattern("Review +read=150 +created=150 ")
                .containsPattern("Destination +read=5 +created=5 ")
                .contains("Rerun with nothing changed:")
                .contains("Rerun writes: 0");
    }

    @Test
    void should_exit_1_naming_the_problem_when_the_configured_stage_cannot_be_reached() throws Exception {
        // given: a config whose production stage nobody serves
        Path config = Files.writeString(dir.resolve("unreachable.properties"), Files.readString(Path.of("application.properties"))
                .replace("http://localhost:4000/v2/demo/production", "http://127.0.0.1:1/v2/demo/production")
                + "\nstagesync.stages.production.token = some-token\nstagesync.sync.retry.max-attempts = 1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;

        // when
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = RootCommand.commandLine().execute("run", "--no-embedded", "--config", config.toString());
        } finally {
            System.setErr(original);
        }

        // then
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("stagesync run failed:").contains("127.0.0.1:1");
    }
}
