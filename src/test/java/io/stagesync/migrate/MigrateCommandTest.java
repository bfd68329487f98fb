package io.stagesync.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.testing.ChildApplication;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code migrate} command as a user runs it (child JVM): a dry run's diffs in the terminal, a run, and its rollback. */
class MigrateCommandTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);

    @TempDir
    Path dir;

    record Outcome(int exit, String output) {
    }

    private static Outcome run(String... args) throws Exception {
        try (ChildApplication p = ChildApplication.start(args)) {
            int exit = p.waitFor(java.time.Duration.ofSeconds(120));
            assertThat(exit).as("exit code; output so far: %s", p.lines()).isNotEqualTo(-1);
            return new Outcome(exit, p.output());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_show_the_dry_runs_diffs_then_migrate_and_roll_back() throws Exception {
        // given
        String env = devstage.freshEnvironment("cli");
        Map<String, String> ids;
        Map<String, Map<String, Object>> before;
        Path migrations = MigrateHarness.exampleMigrations(dir);
        Path config = MigrateHarness.config(devstage, dir, migrations, Map.of());
        try (MigrateHarness h = MigrateHarness.start(devstage, dir.resolve("setup"), migrations, Map.of())) {
            ids = h.create(env, MigrateHarness.hotelsFixture("old-shape.json"), true);
            before = h.hotels(env, "PUBLISHED");
        }
        Path report = dir.resolve("run.json");

        // when
        Outcome dry = run("migrate", "--stage", env, "--model", "Hotel", "--dry-run", "--show", "2", "--config", config.toString());
        Outcome migrate = run("migrate", "--stage", env, "--model", "Hotel", "--config", config.toString(), "--report", report.toString());
        Map<String, Object> json = new ObjectMapper().readValue(report.toFile(), Map.class);
        Outcome rollback = run("migrate", "--rollback", (String) json.get("runId"), "--config", config.toString());
        Outcome bad = run("migrate", "--stage", env, "--model", "Review", "--config", config.toString());

        // then
        assertThat(dry.exit()).as(dry.output()).isZero();
        assertThat(dry.output()).contains("updated 3, notModified 0, failed 0").contains("    stars: null -> ")
                .contains("… 1 more diffs in the report");
        assertThat(migrate.exit()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("updated 3, notModified 0, failed 0");
        assertThat((List<String>) json.get("updated")).containsExactlyInAnyOrderElementsOf(ids.values());
        assertThat(rollback.exit()).as(rollback.output()).isZero();
        assertThat(rollback.output()).contains("Rollback of run " + json.get("runId") + ": SUCCEEDED, restored 3 Hotel entries");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.output()).contains("no migration files for model Review").doesNotContain("\tat ");
        try (MigrateHarness h = MigrateHarness.start(devstage, dir.resolve("check"), migrations, Map.of())) {
            assertThat(h.hotels(env, "PUBLISHED")).isEqualTo(before);
        }
    }
}
