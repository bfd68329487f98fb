package io.stagesync.sync;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state store on PostgreSQL: a private cluster of Debian's PostgreSQL ({@link PostgresServer}, installed by
 * .ci/run on CI) holds the id map, checkpoints and state of a sync and its rerun.
 */
class SyncPostgresStateTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(30);

    @TempDir
    Path dir;

    @Test
    void should_keep_the_sync_state_in_postgresql() throws Exception {
        // given
        String target = "pg1";
        devstage.server().addEnvironment(target, DevstageServer.demoModel(), 0);
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of(
                "stagesync.state.url", PostgresServer.get().createDatabase("sync"), "stagesync.state.user", PostgresServer.USER))) {
            // when
            SyncResult first = h.sync("production", target, false, false, SyncProgress.NONE);
            long writes = devstage.stats(target).writes();
            SyncResult rerun = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            try (var connection = h.dataSource().getConnection()) {
                assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            }
            assertThat(first.status()).isEqualTo("SUCCEEDED");
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            assertThat(devstage.stats(target).writes()).isEqualTo(writes);
            SyncAcceptanceTest.assertEqualWith(devstage, h, "production", target);
        }
    }
}
