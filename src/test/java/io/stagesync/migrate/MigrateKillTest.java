package io.stagesync.migrate;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.sync.SyncProgress;
import io.stagesync.testing.ChildApplication;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A migrate process killed (kill -9) mid-run: the next run resumes at its page and no entry is migrated twice. */
class MigrateKillTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);

    @TempDir
    Path dir;

    @Test
    void should_resume_a_killed_run_and_migrate_no_entry_twice() throws Exception {
        // given: 60 demo hotels, pages of 5, writes of 2, and a rate limit that makes the run take a while
        String env = devstage.freshEnvironment("kill", DevstageServer.demoModel(), 60);
        Path migrations = MigrateHarness.exampleMigrations(dir);
        Path config = MigrateHarness.config(devstage, dir, migrations, Map.of("stagesync.sync.page-size", "5",
                "stagesync.sync.batch-size", "2", "stagesync.stages." + env + ".rate-limit", "15"));
        ChildApplication child = ChildApplication.start("migrate", "--stage", env, "--model", "Hotel", "--config", config.toString());

        // when
        await().atMost(Duration.ofSeconds(90)).until(() -> child.lines().stream().filter(l -> l.contains("Migrated page model=Hotel")).count() >= 3);
        child.kill();
        MigrateResult resumed;
        Map<String, Integer> applied = new HashMap<>();
        try (MigrateHarness harness = MigrateHarness.start(devstage, dir.resolve("run"), migrations, Map.of("stagesync.sync.page-size", "5"))) {
            resumed = harness.run(env, null, false, SyncProgress.NONE);
            try (Connection c = harness.store().dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT entry_id, COUNT(*) FROM migration_entries WHERE status = 'APPLIED' GROUP BY entry_id")) {
                while (rs.next()) {
                    applied.put(rs.getString(1), rs.getInt(2));
                }
            }

            // then
            assertThat(resumed.status()).isEqualTo("SUCCEEDED");
            assertThat(resumed.report().get("resumedFrom")).as("log: %s", child.lines()).isNotNull();
            int seen = ((List<?>) resumed.report().get("updated")).size() + ((List<?>) resumed.report().get("notModified")).size();
            assertThat(seen).as("the resumed run starts after the pages the killed run finished").isLessThanOrEqualTo(60 - 15);
            assertThat(applied).isNotEmpty();
            assertThat(applied.values()).as("APPLIED rows per entry").allMatch(n -> n == 1);
            assertThat(harness.hotels(env, "DRAFT").values()).allSatisfy(h -> assertThat(h.get("stars")).isNotNull());
        }
    }
}
