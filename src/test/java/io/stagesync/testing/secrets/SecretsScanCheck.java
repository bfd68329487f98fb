package io.stagesync.testing.secrets;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after the whole test suite (its own surefire execution in the verify phase, see pom.xml): no log, report,
 * {@code .error} file or state-store file written during the run holds a token the tests used.
 */
class SecretsScanCheck {

    @Test
    void should_find_no_registered_token_in_what_the_test_run_wrote() {
        // given
        Map<String, String> secrets = TestSecrets.registered();
        String selection = System.getProperty("stagesync.test-secrets.selection", "");
        boolean wholeSuite = selection.isBlank() || selection.startsWith("${");
        if (secrets.isEmpty() && !wholeSuite) {
            System.out.println("Secrets scan: the selected tests (" + selection + ") used no registered token; nothing to look for");
            return;
        }
        assertThat(secrets).as("tokens registered by the test run in " + TestSecrets.dir()
                + " (none: the registry is broken or the suite did not run)").isNotEmpty();

        // when
        List<TestSecrets.Finding> now = new ArrayList<>();
        for (Path root : List.of(TestSecrets.tempDir(), Path.of("target", "surefire-reports"))) {
            now.addAll(TestSecrets.scan(root, secrets, false));
        }
        List<String> skipped = new ArrayList<>(TestSecrets.recordedSkips());
        now.stream().filter(f -> f.label() == null).map(f -> f.file().toString()).filter(f -> !skipped.contains(f)).forEach(skipped::add);
        List<String> leaks = new ArrayList<>(TestSecrets.recordedFindings());
        now.stream().filter(f -> f.label() != null).forEach(f -> leaks.add("after the run\t" + f.file() + "\t" + f.label()));
        if (!skipped.isEmpty()) {
            System.out.println("Secrets scan: files over " + TestSecrets.MAX_FILE_BYTES + " bytes not read: " + skipped);
        }
        System.out.println("Secrets scan: " + secrets.size() + " tokens, " + leaks.size() + " findings");

        // then
        assertThat(leaks).as("files holding a token used by the tests (when found, file, which token)").isEmpty();
    }
}
