package io.stagesync.sync;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state store on PostgreSQL: a throwaway cluster of the machine's PostgreSQL (skipped when none is installed)
 * holds the id map, checkpoints and state of a sync and its rerun.
 */
class SyncPostgresStateTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(30);

    static Path cluster;
    static String bin;
    static int port;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        bin = Stream.of("17", "16", "15", "14", "13").map(v -> "/usr/lib/postgresql/" + v + "/bin")
                .filter(b -> new File(b, "initdb").canExecute()).findFirst().orElse(null);
        Assumptions.assumeTrue(bin != null, "no PostgreSQL installed");
        cluster = Files.createTempDirectory("stagesync-pg");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        if ("root".equals(System.getProperty("user.name"))) {
            run(List.of("chown", "postgres", cluster.toString()));
        }
        run(List.of(bin + "/initdb", "-D", cluster.resolve("data").toString(), "-A", "trust", "-U", "stagesync"));
        run(List.of(bin + "/pg_ctl", "-D", cluster.resolve("data").toString(), "-w", "-l", cluster.resolve("log").toString(),
                "-o", "-p " + port + " -k " + cluster + " -c listen_addresses=127.0.0.1", "start"));
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            run(List.of(bin + "/pg_ctl", "-D", cluster.resolve("data").toString(), "-w", "-m", "fast", "stop"));
            try (Stream<Path> paths = Files.walk(cluster)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void run(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && !command.get(0).equals("chown")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).as("%s", full).isZero();
    }

    @Test
    void should_keep_the_sync_state_in_postgresql() throws Exception {
        // given
        String target = "pg1";
        devstage.server().addEnvironment(target, DevstageServer.demoModel(), 0);
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of(
                "stagesync.state.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "stagesync.state.user", "stagesync"))) {
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
