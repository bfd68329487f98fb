package io.stagesync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command that cannot start (config file, config value, route YAML, unknown bean, command line) says why in one
 * line on stderr, without a stack trace unless {@code --verbose}; the real main class runs in a child JVM.
 */
class StartupErrorsTest {

    @TempDir
    Path dir;

    record Run(int exit, String stderr) {
        List<String> errorLines() {
            return stderr.lines().filter(l -> l.startsWith("stagesync") || l.startsWith("Try ")).toList();
        }
    }

    private Run stagesync(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.stagesync.StageSyncApplication"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("STAGESYNC_STATE_URL", "jdbc:h2:file:" + dir.resolve("state") + ";WRITE_DELAY=0");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.stderr()).doesNotContain("\tat ").doesNotContain("Caused by");
    }

    @Test
    void should_name_a_missing_config_file_in_one_line() throws Exception {
        // when
        Run run = stagesync(Map.of(), "sync", "--from", "production", "--to", "staging", "--config", dir.resolve("nope.properties").toString());

        // then
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errorLines()).containsExactly("stagesync sync: --config " + dir.resolve("nope.properties")
                + ": no such file (looked at " + dir.resolve("nope.properties") + ")");
        assertNoStackTrace(run);
    }

    @Test
    void should_name_a_malformed_value_in_one_line_and_show_the_stack_with_verbose() throws Exception {
        // given
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, Files.readString(Path.of("application.properties")) + "\nstagesync.sync.batch-size=abc\n");

        // when
        Run run = stagesync(Map.of(), "sync", "--from", "production", "--to", "staging", "--config", config.toString());
        Run verbose = stagesync(Map.of(), "sync", "--from", "production", "--to", "staging", "--config", config.toString(), "--verbose");

        // then
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString().startsWith("stagesync sync: ").contains("stagesync.sync.batch-size").contains("abc");
        assertNoStackTrace(run);
        assertThat(verbose.exit()).isEqualTo(1);
        assertThat(verbose.stderr()).contains("\tat ");
    }

    @Test
    void should_name_the_file_and_line_of_invalid_route_yaml() throws Exception {
        // given
        Path routes = copyOfRoutes("- route:\n    id: broken\n    from:\n      uri: direct:broken\n      steps:\n        - log: [unclosed\n");

        // when
        Run run = stagesync(Map.of("STAGESYNC_ROUTES_DIR", routes.toString()), "sync", "--from", "production", "--to", "staging");

        // then
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("stagesync sync: invalid YAML in file:" + routes.resolve("broken.camel.yaml") + " line 6, column 16: ");
        assertNoStackTrace(run);
    }

    @Test
    void should_name_the_route_and_the_unknown_bean_it_refers_to() throws Exception {
        // given
        Path routes = copyOfRoutes("- route:\n    id: broken\n    from:\n      uri: direct:broken\n      steps:\n"
                + "        - bean:\n            ref: noSuchBean\n            method: run\n");

        // when
        Run run = stagesync(Map.of("STAGESYNC_ROUTES_DIR", routes.toString()), "sync", "--from", "production", "--to", "staging");

        // then
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errorLines()).containsExactly("stagesync sync: route 'broken': No bean could be found in the registry for: noSuchBean");
        assertNoStackTrace(run);
    }

    @Test
    void should_answer_a_wrong_command_line_with_exit_code_2_and_where_help_is() throws Exception {
        // when
        Run run = stagesync(Map.of(), "sync", "--from", "production", "--to", "staging", "--bogus");

        // then
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errorLines()).containsExactly("stagesync sync: Unknown option: '--bogus'", "Try 'stagesync sync --help' for the options.");
    }

    private Path copyOfRoutes(String broken) throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Files.writeString(routes.resolve("broken.camel.yaml"), broken);
        return routes;
    }
}
