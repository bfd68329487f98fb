package io.stagesync.testing.secrets;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Starts a test run's registry and findings afresh and creates the test temp folder before any test runs, and scans
 * that folder once more when the test JVM's run ends. The check's own run ({@link SecretsScanCheck}) only reads them.
 */
public final class SecretsScanSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (TestSecrets.checking()) {
            return;
        }
        try {
            Files.createDirectories(TestSecrets.tempDir());
            Files.createDirectories(TestSecrets.dir());
            Files.deleteIfExists(TestSecrets.dir().resolve("registry.tsv"));
            Files.deleteIfExists(TestSecrets.dir().resolve("findings.tsv"));
            Files.deleteIfExists(TestSecrets.dir().resolve("skipped.tsv"));
            Files.deleteIfExists(TestSecrets.dir().resolve("exempt.tsv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestSecrets.scanTemp("end of the test run");
    }
}
