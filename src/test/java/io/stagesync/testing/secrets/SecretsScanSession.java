package io.stagesync.testing.secrets;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Creates the test temp folder and the registry's folder before any test runs, and scans the temp folder once more
 * when a session of a test JVM ends (the build empties the registry's folder before the tests). The check's own run
 * ({@link SecretsScanCheck}) only reads them.
 */
public final class SecretsScanSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (TestSecrets.checking()) {
            return;
        }
        try {
            // the registry and findings are started afresh by the build (maven-clean-plugin, execution test-secrets-fresh)
            // before the tests: a test JVM may open a session per test class, and two JVMs run at once
            Files.createDirectories(TestSecrets.tempDir());
            Files.createDirectories(TestSecrets.dir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestSecrets.scanTemp("end of the test run");
    }
}
