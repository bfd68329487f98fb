package io.stagesync.migrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Migration files are checked before anything runs: a bad name, a duplicate version or invalid YAML is refused with the file and line. */
class MigrationFilesTest {

    private static final String STEP = """
            - route:
                from:
                  uri: direct:migrate
                  steps:
                    - setBody:
                        simple: "${body}"
            """;

    @TempDir
    Path dir;

    private Path file(String model, String name, String text) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("migrations").resolve(model));
        return Files.writeString(folder.resolve(name), text);
    }

    private Path migrations() {
        return dir.resolve("migrations");
    }

    @Test
    void should_order_the_steps_of_each_model_by_semantic_version() throws Exception {
        // given
        file("Hotel", "V1.10.0__later.camel.yaml", STEP);
        file("Hotel", "V1.2.0__earlier.camel.yaml", STEP);
        file("Hotel", "V2.0.0__last.camel.yaml", STEP);
        file("Review", "V0.1.0__first.camel.yaml", STEP);
        Files.writeString(migrations().resolve("Hotel").resolve("notes.md"), "not a migration");

        // when
        MigrationCatalog catalog = new MigrationCatalog(new MigrationLoader().scan(migrations()));

        // then
        assertThat(catalog.steps("Hotel")).extracting(MigrationStep::label)
                .containsExactly("V1.2.0__earlier", "V1.10.0__later", "V2.0.0__last");
        assertThat(catalog.pending("Hotel", java.util.Set.of("1.2.0"), SemVer.parse("1.10.0"))).extracting(MigrationStep::label)
                .containsExactly("V1.10.0__later");
        assertThat(catalog.steps("Review")).hasSize(1);
    }

    @Test
    void should_refuse_a_bad_file_name_with_the_file() throws Exception {
        // given
        Path bad = file("Hotel", "V1.2__short.camel.yaml", STEP);

        // when / then
        assertThatThrownBy(() -> new MigrationLoader().scan(migrations())).isInstanceOf(MigrationFileException.class)
                .hasMessage("migration file " + bad + ": '1.2' is not a version MAJOR.MINOR.PATCH (for example 1.2.0)");
        Files.delete(bad);
        Path unnamed = file("Hotel", "fill-stars.camel.yaml", STEP);
        assertThatThrownBy(() -> new MigrationLoader().scan(migrations())).hasMessageStartingWith("migration file " + unnamed
                + ": bad file name; allowed: V<MAJOR.MINOR.PATCH>__<name>.camel.yaml");
    }

    @Test
    void should_refuse_a_version_defined_twice_for_one_model() throws Exception {
        // given
        file("Hotel", "V1.1.0__a.camel.yaml", STEP);
        Path second = file("Hotel", "V1.1.0__b.camel.yaml", STEP);

        // when / then
        assertThatThrownBy(() -> new MigrationLoader().scan(migrations())).hasMessage("migration file " + second
                + ": version 1.1.0 of Hotel is also defined by " + migrations().resolve("Hotel").resolve("V1.1.0__a.camel.yaml")
                + "; each version may appear once per model");
    }

    @Test
    void should_refuse_invalid_yaml_and_a_file_without_a_route_with_the_line() throws Exception {
        // given
        Path broken = file("Hotel", "V1.1.0__broken.camel.yaml", "- route:\n    from:\n      uri: direct:migrate\n     steps: [\n");

        // when / then
        assertThatThrownBy(() -> new MigrationLoader().scan(migrations())).hasMessageStartingWith("migration file " + broken + " line 4: invalid YAML");
        Files.writeString(broken, "# a comment\n- beans:\n    - name: x\n");
        assertThatThrownBy(() -> new MigrationLoader().scan(migrations())).hasMessage("migration file " + broken
                + " line 2: the item must be 'route:' or 'routeTemplate:' (one key)");
        Files.writeString(broken, "- route:\n    id: x\n");
        assertThatThrownBy(() -> new MigrationLoader().scan(migrations())).hasMessageStartingWith("migration file " + broken
                + " line 2: route needs a 'from:'");
    }

    @Test
    void should_stop_the_command_at_start_with_one_line_naming_the_file_and_line() throws Exception {
        // given: a step Camel cannot build (an unknown processor), and the real main class in a child JVM
        Path bad = file("Hotel", "V1.1.0__unknown_step.camel.yaml", """
                - route:
                    from:
                      uri: direct:migrate
                      steps:
                        - setBody:
                            simple: "${body}"
                        - noSuchStep:
                            value: 1
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.stagesync.StageSyncApplication", "migrate", "--stage", "staging", "--model", "Hotel"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("STAGESYNC_STATE_URL", "jdbc:h2:file:" + dir.resolve("state") + ";WRITE_DELAY=0");
        builder.environment().put("STAGESYNC_MIGRATE_DIR", migrations().toString());

        // when
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);

        // then
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stderr.lines().filter(l -> l.startsWith("stagesync")).toList()).singleElement().asString()
                .startsWith("stagesync migrate: migration file " + bad + " line 7: Camel cannot load it");
        assertThat(stderr).doesNotContain("\tat ");
    }
}
