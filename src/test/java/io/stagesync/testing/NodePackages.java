package io.stagesync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Installs the npm packages of a folder under {@code src/test/node} into a cache directory keyed by its
 * {@code package.json} ({@code ~/.cache/stagesync/npm/<folder>-<hash>}), once, with the machine's npm.
 * Without npm the test is skipped locally and fails under {@code CI=true}.
 */
public final class NodePackages {
    private NodePackages() {
    }

    /** The directory holding {@code node_modules} for {@code src/test/node/<folder>}, installing it if needed. */
    public static Path install(String folder) throws IOException, InterruptedException {
        requireTool("node");
        requireTool("npm");
        Path project = Path.of("src/test/node", folder).toAbsolutePath();
        String packageJson = Files.readString(project.resolve("package.json"));
        String key = folder + "-" + Integer.toHexString(packageJson.hashCode());
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "stagesync", "npm", key);
        if (Files.isDirectory(cache.resolve("node_modules"))) {
            return cache;
        }
        Path work = Files.createTempDirectory(Files.createDirectories(cache.getParent()), key + "-");
        Files.copy(project.resolve("package.json"), work.resolve("package.json"));
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes());
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            fail("npm install in " + work + " failed: " + output);
        }
        try {
            Files.move(work, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(cache.resolve("node_modules"))) {
                throw e;
            }
        }
        return cache;
    }

    /** Runs {@code node <script>} with the installed packages on its path; returns exit code and output. */
    public static Result run(Path installed, Path script, java.util.Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("node", script.toAbsolutePath().toString()))
                .redirectErrorStream(true);
        builder.environment().put("NODE_PATH", installed.resolve("node_modules").toString());
        builder.environment().putAll(env);
        Process node = builder.start();
        String output = new String(node.getInputStream().readAllBytes());
        if (!node.waitFor(2, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            fail("node " + script + " did not finish within 2 minutes: " + output);
        }
        return new Result(node.exitValue(), output);
    }

    public record Result(int exitCode, String output) {
    }

    private static void requireTool(String tool) throws InterruptedException {
        boolean present;
        try {
            present = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(tool + " is missing: CI must install Node.js and npm (.ci/run does with apt-get)");
        }
        assumeTrue(present, tool + " is not installed; install Node.js 20 and npm to run this test");
    }
}
