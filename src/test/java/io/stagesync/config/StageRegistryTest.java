package io.stagesync.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageRegistryTest {

    private static final String P = "stagesync.stages.";

    @Test
    void should_read_every_key_of_a_stage() {
        // given
        Map<String, String> props = Map.of(
                P + "production.content-api", "http://localhost:4000/v2/demo/production",
                P + "production.token", "secret-token",
                P + "production.protected", "true",
                P + "staging.content-api", "https://api.example.com/v2/p/staging",
                P + "staging.parent", "production",
                P + "staging.rate-limit", "5");

        // when
        StageRegistry registry = new StageRegistry(props);

        // then
        StageConfig staging = registry.get("staging");
        assertThat(staging.parent()).isEqualTo("production");
        assertThat(staging.rateLimit()).isEqualTo(5.0);
        assertThat(staging.protectedStage()).isFalse();
        assertThat(registry.get("production").protectedStage()).isTrue();
        assertThat(registry.get("production").token()).isEqualTo("secret-token");
        assertThat(registry.get("production").toString()).doesNotContain("secret-token");
    }

    @Test
    void should_reject_a_content_api_that_is_not_an_http_url_naming_the_key() {
        // given
        Map<String, String> props = Map.of(P + "production.content-api", "localhost:4000/v2/demo/production");

        // when / then
        assertThatThrownBy(() -> new StageRegistry(props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stagesync.stages.production.content-api")
                .hasMessageContaining("localhost:4000/v2/demo/production");
    }

    @Test
    void should_reject_a_parent_that_is_not_a_configured_stage() {
        // given
        Map<String, String> props = Map.of(
                P + "staging.content-api", "http://localhost:4000/v2/demo/staging",
                P + "staging.parent", "prodution");

        // when / then
        assertThatThrownBy(() -> new StageRegistry(props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stagesync.stages.staging.parent")
                .hasMessageContaining("prodution");
    }

    @Test
    void should_reject_a_rate_limit_that_is_not_a_number() {
        // given
        Map<String, String> props = Map.of(
                P + "staging.content-api", "http://localhost:4000/v2/demo/staging",
                P + "staging.rate-limit", "five");

        // when / then
        assertThatThrownBy(() -> new StageRegistry(props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stagesync.stages.staging.rate-limit")
                .hasMessageContaining("five");
    }

    @Test
    void should_reject_a_negative_rate_limit() {
        // given
        Map<String, String> props = Map.of(
                P + "staging.content-api", "http://localhost:4000/v2/demo/staging",
                P + "staging.rate-limit", "-1");

        // when / then
        assertThatThrownBy(() -> new StageRegistry(props))
                .hasMessageContaining("stagesync.stages.staging.rate-limit must be >= 0");
    }

    @Test
    void should_name_the_configured_stages_when_an_unknown_one_is_asked_for() {
        // given
        StageRegistry registry = new StageRegistry(Map.of(P + "production.content-api", "http://localhost:4000/v2/demo/production"));

        // when / then
        assertThatThrownBy(() -> registry.get("qa"))
                .hasMessageContaining("Unknown stage 'qa'")
                .hasMessageContaining("production");
    }

    @Test
    void should_default_the_cms_to_hygraph_and_read_directus_with_its_status_field() {
        // given
        Map<String, String> props = Map.of(
                P + "production.content-api", "http://localhost:4000/v2/demo/production",
                P + "cms-a.content-api", "http://127.0.0.1:8055",
                P + "cms-a.cms", "directus",
                P + "cms-a.status-field", "state");

        // when
        StageRegistry registry = new StageRegistry(props);

        // then
        assertThat(registry.get("production").cms()).isEqualTo("hygraph");
        assertThat(registry.get("production").statusField()).isEqualTo("status");
        assertThat(registry.get("cms-a").cms()).isEqualTo("directus");
        assertThat(registry.get("cms-a").statusField()).isEqualTo("state");
    }

    @Test
    void should_reject_an_unknown_cms_naming_the_key_and_the_allowed_values() {
        // given
        Map<String, String> props = Map.of(
                P + "staging.content-api", "http://localhost:4000/v2/demo/staging",
                P + "staging.cms", "contentful");

        // when / then
        assertThatThrownBy(() -> new StageRegistry(props))
                .hasMessage("stagesync.stages.staging.cms = 'contentful' is not allowed: one of hygraph, directus");
    }
}
