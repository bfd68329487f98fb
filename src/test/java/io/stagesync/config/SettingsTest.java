package io.stagesync.config;

import io.stagesync.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings are checked before Camel starts: one line for a bad value, a warning for a key nothing reads. */
class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void should_refuse_a_bad_value_in_one_line_naming_key_environment_variable_and_range() throws Exception {
        // given
        Path config = Files.writeString(dir.resolve("bad.properties"), Files.readString(Path.of("application.properties"))
                .replace("stagesync.sync.batch-size = 25", "stagesync.sync.batch-size = 0"));

        // when / then
        assertThatThrownBy(() -> CamelBootstrap.of(config, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stagesync.sync.batch-size = '0' is not allowed: a whole number 1..500 (set it in the config file or"
                        + " with the environment variable STAGESYNC_SYNC_BATCH_SIZE)")
                .hasNoCause();
    }

    @Test
    void should_refuse_a_time_value_that_is_not_a_duration() {
        // when / then
        assertThatThrownBy(() -> CamelBootstrap.of(null, Map.of("stagesync.sync.retry.max-delay", "ten seconds")))
                .hasMessageContaining("stagesync.sync.retry.max-delay = 'ten seconds'")
                .hasMessageContaining("a duration such as 500ms, 30s or 5m, 0ms..10m")
                .hasMessageContaining("STAGESYNC_SYNC_RETRY_MAX_DELAY")
                .hasMessageNotContaining("\n");
    }

    @Test
    void should_refuse_a_negative_rate_limit_of_any_stage() {
        // when / then
        assertThatThrownBy(() -> CamelBootstrap.of(null, Map.of("stagesync.stages.staging.rate-limit", "-1")))
                .hasMessage("stagesync.stages.staging.rate-limit = '-1' is not allowed: a number 0..10000 (set it in the config"
                        + " file or with the environment variable STAGESYNC_STAGES_STAGING_RATE_LIMIT)");
    }

    @Test
    void should_refuse_a_backup_part_larger_than_a_part_held_in_memory_naming_the_backup_key() {
        // when / then: 2 GiB, over the 1 GiB a part may be (it is held in memory to be sent again)
        assertThatThrownBy(() -> CamelBootstrap.of(null, Map.of("stagesync.backup.part-size", "2147483648")))
                .hasMessageStartingWith("stagesync.backup.part-size = '2147483648' is not allowed: a whole number 5242880..1073741824")
                .hasMessageNotContaining("transfer")
                .hasMessageNotContaining("\n");
    }

    @Test
    void should_warn_about_a_key_nothing_reads_with_the_nearest_known_key() {
        try (LogCapture logs = new LogCapture()) {
            // when
            CamelBootstrap.of(null, Map.of("stagesync.sync.batchsize", "10", "stagesync.graphql.page-size", "100"));

            // then
            assertThat(logs.all()).anyMatch(m -> m.contains("Unknown key stagesync.sync.batchsize")
                    && m.contains("did you mean stagesync.sync.batch-size?"));
            assertThat(logs.all()).anyMatch(m -> m.contains("Unknown key stagesync.graphql.page-size"));
        }
    }

    @Test
    void should_reject_an_unknown_cms_in_one_line_naming_the_key_and_the_choices() {
        // when / then
        assertThatThrownBy(() -> CamelBootstrap.of(null, Map.of("stagesync.stages.staging.cms", "strapi")))
                .hasMessage("stagesync.stages.staging.cms = 'strapi' is not allowed: one of directus, hygraph (set it in the config"
                        + " file or with the environment variable STAGESYNC_STAGES_STAGING_CMS)");
    }

    @Test
    void should_accept_the_shipped_defaults_without_warnings() {
        // when
        var warnings = Settings.check(new java.util.TreeMap<>(Map.of("stagesync.sync.retry.base-delay", "250ms",
                "stagesync.stages.qa.rate-limit", "2.5", "stagesync.stages.qa.cms", "directus", "stagesync.stages.qa.status-field", "state",
                "stagesync.match.Hotel", "slug", "stagesync.sync.retry.asset-base-delay", "1s")));

        // then
        assertThat(warnings).isEmpty();
    }

    @Test
    void should_name_the_key_that_replaced_a_removed_one() {
        // when
        var warnings = Settings.check(new java.util.TreeMap<>(Map.of("stagesync.assets.retries", "4",
                "stagesync.assets.retry-delay", "1s")));

        // then
        assertThat(warnings).containsExactly(
                "Removed key stagesync.assets.retries is not read any more; use stagesync.sync.retry.asset-attempts (attempts, the first included: retries + 1)",
                "Removed key stagesync.assets.retry-delay is not read any more; use stagesync.sync.retry.asset-base-delay");
    }

    @Test
    void should_know_every_key_of_the_shipped_properties_file() throws Exception {
        // given: every key of application.properties, the commented examples included
        java.util.Map<String, String> keys = new java.util.TreeMap<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("application.properties"))) {
            String text = line.strip().replaceFirst("^#\\s*", "");
            int eq = text.indexOf('=');
            if (text.startsWith("stagesync.") && eq > 0) {
                keys.put(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
            }
        }

        // when
        var warnings = Settings.check(keys);

        // then
        assertThat(keys).hasSizeGreaterThan(40);
        assertThat(warnings).isEmpty();
    }
}
