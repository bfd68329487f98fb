package io.stagesync.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for the tests, made from Debian's {@code postgresql} package (which {@code .ci/run}
 * installs on CI): {@code initdb} into a temporary folder, started on a free loopback port with trust
 * authentication, once per test JVM and stopped when it exits. Each test asks for a database of its own. As root,
 * the server runs as the package's {@code postgres} user (PostgreSQL refuses to run as root). Without the package
 * the tests that need it are skipped, except under {@code CI=true}, where they fail.
 */
public final class PostgresServer {

    public static final String USER = "stagesync";
    private static PostgresServer started;

    private final String bin;
    private final Path cluster;
    private final int port;

    private PostgresServer(String bin, Path cluster, int port) {
        this.bin = bin;
        this.cluster = cluster;
        this.port = port;
    }

    /** The running server, started on first use; skips (fails under CI=true) when PostgreSQL is not installed. */
    public static synchronized PostgresServer get() {
        if (started == null) {
            String bin = installedBin();
            String hint = "PostgreSQL is not installed: 'apt-get install -y postgresql' (Debian package; .ci/run installs it on CI)";
            if (bin == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: the PostgreSQL state-store tests must run. " + hint);
            }
            Assumptions.assumeTrue(bin != null, hint);
            try {
                started = start(bin);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start a PostgreSQL cluster from " + bin + ": " + e.getMessage(), e);
            }
        }
        return started;
    }

    /** Creates an empty database and returns its JDBC URL (user {@link #USER}, no password). */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static String installedBin() {
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions == null) {
            return null;
        }
        return Arrays.stream(versions).map(v -> new File(v, "bin")).filter(b -> new File(b, "initdb").canExecute())
                .max(Comparator.comparingInt(b -> version(b.getParentFile().getName()))).map(File::getPath).orElse(null);
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static PostgresServer start(String bin) throws Exception {
        Path cluster = Files.createTempDirectory("stagesync-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        if (root()) {
            run(List.of("chown", "postgres", cluster.toString()), false);
        }
        Path data = cluster.resolve("data");
        run(List.of(bin + "/initdb", "-D", data.toString(), "-A", "trust", "-U", USER, "-E", "UTF8"), true);
        run(List.of(bin + "/pg_ctl", "-D", data.toString(), "-w", "-t", "60", "-l", cluster.resolve("log").toString(),
                "-o", "-p " + port + " -k " + cluster + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                "start"), true);
        PostgresServer server = new PostgresServer(bin, cluster, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stagesync-pg-stop"));
        return server;
    }

    private void stop() {
        try {
            run(List.of(bin + "/pg_ctl", "-D", cluster.resolve("data").toString(), "-w", "-m", "immediate", "stop"), true);
        } catch (Exception ignored) {
            // the JVM is exiting: nothing left to tell
        }
        try (Stream<Path> paths = Files.walk(cluster)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: removed with the machine at worst
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, boolean asPostgres) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres && root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed: " + output.strip());
        }
    }
}
