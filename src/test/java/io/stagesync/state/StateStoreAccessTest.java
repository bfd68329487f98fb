package io.stagesync.state;

import io.stagesync.testing.TcpListeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default embedded state store (H2 file with AUTO_SERVER) as another local user or a host on the network sees it:
 * its port listens on loopback only, its files are private, and the old {@code sa}/empty credentials are refused,
 * while a second StageSync process (which reads the generated password) still shares it.
 */
class StateStoreAccessTest {

    @TempDir
    Path dir;
    private StateStore store;
    private String url;

    @BeforeEach
    void open() {
        url = "jdbc:h2:file:" + dir.resolve("data/stagesync").toAbsolutePath() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        store = new StateStore(url, "sa", "", 2);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void should_listen_on_loopback_only() throws Exception {
        // when
        int port = serverPort();

        // then
        List<String> listeners = TcpListeners.addresses(port);
        assertThat(listeners).as("listening sockets on port %d", port).isNotEmpty()
                .allSatisfy(address -> assertThat(address).isIn(TcpListeners.LOOPBACK));
    }

    @Test
    void should_keep_the_folder_and_files_private() throws Exception {
        // then
        Path data = dir.resolve("data");
        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("stagesync.mv.db"))).isEqualTo("rw-------");
        assertThat(permissions(data.resolve("stagesync.lock.db"))).isEqualTo("rw-------");
        assertThat(permissions(data.resolve("stagesync.password"))).isEqualTo("rw-------");
        assertThat(Files.readString(data.resolve("stagesync.password")).trim()).hasSize(48);
    }

    @Test
    void should_refuse_a_process_with_the_old_default_credentials() throws Exception {
        // when
        Outsider outsider = connectFromAnotherProcess("sa", "");

        // then
        assertThat(outsider.exitCode).as(outsider.output).isEqualTo(2);
        assertThat(outsider.output).contains("28000");
    }

    @Test
    void should_share_the_store_with_another_process_that_knows_the_password() throws Exception {
        // given
        try (Connection c = store.dataSource().getConnection()) {
            c.createStatement().execute("CREATE TABLE shared_probe(v INT)");
        }
        String password = Files.readString(dir.resolve("data/stagesync.password")).trim();

        // when
        Outsider outsider = connectFromAnotherProcess("sa", password);

        // then
        assertThat(outsider.exitCode).as(outsider.output).isZero();
        assertThat(outsider.output).contains("SHARED_PROBE");
    }

    @Test
    void should_take_over_a_store_created_with_an_empty_password() throws Exception {
        // given a store made before passwords were generated
        store.close();
        String old = "jdbc:h2:file:" + dir.resolve("old/stagesync").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(old, "sa", "")) {
            c.createStatement().execute("CREATE SCHEMA legacy");
            c.createStatement().execute("CREATE TABLE legacy.kept(v INT)");
        }

        // when
        store = new StateStore(old, "sa", "", 2);

        // then
        try (Connection c = store.dataSource().getConnection(); ResultSet rs = c.getMetaData().getTables(null, "LEGACY", "KEPT", null)) {
            assertThat(rs.next()).isTrue();
        }
        store.close();
        assertThatThrownBy(() -> DriverManager.getConnection(old, "sa", "").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
        store = new StateStore(url, "sa", "", 2);
    }

    private int serverPort() throws IOException {
        Properties lock = new Properties();
        lock.load(new StringReader(Files.readString(dir.resolve("data/stagesync.lock.db"))));
        String server = lock.getProperty("server");
        assertThat(server).as("AUTO_SERVER address in the lock file").isNotNull();
        return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private record Outsider(int exitCode, String output) {
    }

    /** Runs {@link StateStoreOutsider} in a new JVM: the store is locked by this one, so it goes through the port. */
    private Outsider connectFromAnotherProcess(String user, String password) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StateStoreOutsider.class.getName(), url, user, password)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outsider(p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }
}
