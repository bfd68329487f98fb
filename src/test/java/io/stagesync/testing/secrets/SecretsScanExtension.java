package io.stagesync.testing.secrets;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (META-INF/services, extension auto-detection): scans the test temp folder after each
 * test and each class, while the test's {@code @TempDir} folders still exist (JUnit deletes them afterwards).
 */
public final class SecretsScanExtension implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        TestSecrets.scanTemp(context.getUniqueId());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestSecrets.scanTemp(context.getUniqueId());
    }
}
