package io.stagesync.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A state-store migration cut off by a kill, or recorded as failed, is finished at the next start. */
class StateStoreMigrationTest {

    private static final List<String> MIGRATIONS = List.of("V1__state_store.sql", "V2__jobs.sql", "V3__sync_engine.sql",
            "V4_1__jobs_cluster.sql", "V4_2__draft_pending.sql", "V4_15__content_migrations.sql", "V5_13__schema_base.sql",
            "V6_14_20__stage_leases.sql");

    @TempDir
    Path dir;

    @Test
    void should_finish_the_migration_when_the_process_was_killed_inside_it() throws Exception {
        // given
        String url = "jdbc:h2:file:" + dir.resolve("state") + ";WRITE_DELAY=0";
        Path marker = dir.resolve("in-migration");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), MigrationPauseMain.class.getName(),
                url, "3", marker.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(marker) || !child.isAlive());
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertThat(marker).as("the child reached the migration window; its log: %s", Files.readString(dir.resolve("child.log"))).exists();
        List<String> appliedAtKill = successfulVersions(url);

        // when
        try (StateStore reopened = new StateStore(url, "sa", "migration-test", 2)) {
            // then
            assertThat(appliedAtKill).containsExactly("1", "2");
            assertThat(tableExists(url, "SYNC_FAILURES")).isTrue();
        }
        assertThat(successfulVersions(url)).containsExactly("1", "2", "3", "4.1", "4.2", "4.15", "5.13", "6.14.20");
        try (StateStore again = new StateStore(url, "sa", "migration-test", 2)) {
            assertThat(successfulVersions(url)).containsExactly("1", "2", "3", "4.1", "4.2", "4.15", "5.13", "6.14.20");
        }
    }

    @Test
    void should_run_a_migration_again_that_the_history_records_as_failed() throws Exception {
        // given: what an interrupted migration left before the migrations could run twice, in a store whose
        // migration V1 was applied from its earlier text (another checksum)
        String url = "jdbc:h2:file:" + dir.resolve("failed") + ";WRITE_DELAY=0";
        new StateStore(url, "sa", "migration-test", 2).close();
        try (Connection c = DriverManager.getConnection(url, "sa", "migration-test"); Statement s = c.createStatement()) {
            // a store of the release whose newest migration was V3
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('4.1', '4.2', '4.15', '5.13', '6.14.20')");
            s.execute("DROP TABLE sync_failures");
            s.execute("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '3'");
            s.execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = 1 WHERE \"version\" = '1'");
        }

        // when
        try (StateStore reopened = new StateStore(url, "sa", "migration-test", 2)) {
            // then
            assertThat(tableExists(url, "SYNC_FAILURES")).isTrue();
            assertThat(successfulVersions(url)).containsExactly("1", "2", "3", "4.1", "4.2", "4.15", "5.13", "6.14.20");
        }
    }

    @Test
    void should_allow_every_migration_statement_to_run_twice() throws Exception {
        // given
        String url = "jdbc:h2:mem:twice;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "migration-test"); Statement s = c.createStatement()) {
            for (String file : MIGRATIONS) {
                // when
                for (String sql : statements(file)) {
                    s.execute(sql);
                    s.execute(sql);
                }
            }
            // then
            assertThat(tableExists(url, "SYNC_RUNS")).isTrue();
        }
    }

    private static List<String> statements(String file) throws IOException {
        try (InputStream in = StateStoreMigrationTest.class.getResourceAsStream("/db/migration/" + file)) {
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            List<String> result = new ArrayList<>();
            for (String statement : sql.toString().split(";")) {
                if (!statement.isBlank()) {
                    result.add(statement.strip());
                }
            }
            assertThat(result).as(file).isNotEmpty();
            return result;
        }
    }

    private static List<String> successfulVersions(String url) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "migration-test"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private static boolean tableExists(String url, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "migration-test");
             ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }
}
