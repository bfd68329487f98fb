package io.stagesync.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application's command line in a child JVM (this test JVM's class path), its output (stdout and stderr) read
 * line by line as it comes, so that a test can wait for a point of the run and kill the process there (kill -9).
 */
public final class ChildApplication implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildApplication(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "child-application-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code stagesync <args>} in a child JVM. */
    public static ChildApplication start(String... args) throws IOException {
        return startMain("io.stagesync.StageSyncApplication", args);
    }

    /** Starts the class {@code main} (on this test JVM's class path) with {@code args} in a child JVM. */
    public static ChildApplication startMain(String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return new ChildApplication(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The lines printed so far. */
    public List<String> lines() {
        return lines;
    }

    /** Its whole output, once it ended ({@link #waitFor}). */
    public String output() {
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }

    /** Waits at most {@code timeout} for the process to end and its output to be read; its exit code, or -1 while it runs. */
    public int waitFor(java.time.Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return -1;
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** True while the process runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Kills the process at once (SIGKILL: no shutdown hook runs) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
