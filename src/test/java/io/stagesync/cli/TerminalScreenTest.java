package io.stagesync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The main job on a real terminal (tmux): progress bars redrawn in place with no log line among them, the publish
 * bars counting up, and the log in a file whose path is printed at the end. Without tmux it is skipped, except on CI.
 */
class TerminalScreenTest {

    private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");
    private static final Pattern BAR = Pattern.compile("^(assets|entries|relations|publish)(:\\w+)?\\s+[\u2588\u2591#.]{30}\\s+(\\d+)/(\\d+)\\s+\\d+/s");

    @TempDir
    Path dir;

    @Test
    void should_show_bars_without_log_lines_and_name_the_log_file_at_the_end() throws Exception {
        // given
        boolean haveTmux = new ProcessBuilder("sh", "-c", "command -v tmux").start().waitFor() == 0;
        assumeThat(haveTmux || "true".equals(System.getenv("CI"))).as("tmux is installed (apt-get install tmux)").isTrue();
        String socket = "stagesync-test-" + ProcessHandle.current().pid();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = dir.resolve("main-job.sh");
        Files.writeString(script, "cd '" + Path.of("").toAbsolutePath() + "'\n'" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' io.stagesync.StageSyncApplication run --config application.properties\necho EXIT=$?\nsleep 120\n");
        List<String> snapshots = new ArrayList<>();

        // when
        tmux(socket, "new-session", "-d", "-s", "main", "-x", "140", "-y", "45", "bash " + script);
        try {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(300)).until(() -> {
                snapshots.add(tmux(socket, "capture-pane", "-p", "-t", "main"));
                return snapshots.get(snapshots.size() - 1).contains("EXIT=");
            });
            snapshots.add(tmux(socket, "capture-pane", "-p", "-S", "-500", "-t", "main"));
        } finally {
            tmux(socket, "kill-server");
        }

        // then
        String end = snapshots.get(snapshots.size() - 1);
        assertThat(end).as(end).contains("Rerun writes: 0").contains("EXIT=0");
        for (String screen : snapshots) {
            assertThat(screen.lines().filter(l -> LOG_LINE.matcher(l).find())).as("log lines on the screen:%n%s", screen).isEmpty();
        }
        List<String> publishBars = end.lines().filter(l -> l.startsWith("publish:Hotel")).toList();
        assertThat(publishBars).as(end).isNotEmpty();
        Matcher firstRun = BAR.matcher(publishBars.get(0));
        assertThat(firstRun.find()).as(publishBars.get(0)).isTrue();
        assertThat(Long.parseLong(firstRun.group(3))).isPositive().isEqualTo(Long.parseLong(firstRun.group(4)));
        Matcher logPath = Pattern.compile("^Log: (\\S+)$", Pattern.MULTILINE).matcher(end);
        assertThat(logPath.find()).as(end).isTrue();
        assertThat(Files.readString(Path.of(logPath.group(1)), StandardCharsets.UTF_8)).contains(" INFO ").contains("Sync finished");
        Files.deleteIfExists(Path.of(logPath.group(1)));
    }

    private static String tmux(String socket, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
