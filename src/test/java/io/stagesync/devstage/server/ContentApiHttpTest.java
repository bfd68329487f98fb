package io.stagesync.devstage.server;

import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The content API's HTTP contract: auth, unknown environments, bad bodies, headers and request counting. */
class ContentApiHttpTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5).with(s -> s.backendFactory((ds, files) -> new ScratchBackend(ds)));

    @Test
    void should_answer_401_with_hygraph_error_shape_when_the_token_is_missing() throws Exception {
        // given
        GraphQLTestClient anonymous = new GraphQLTestClient(null);
        // when
        var response = anonymous.post(devstage.contentApiUrl("production"), "{ hotels { id } }");
        // then
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("data", null);
        assertThat(response.errors()).singleElement().satisfies(e -> assertThat((String) e.get("message")).contains("Unauthorized"));
        assertThat(response.json().get("extensions")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("requestId");
    }

    @Test
    void should_answer_401_when_the_token_is_wrong() throws Exception {
        // given
        GraphQLTestClient intruder = new GraphQLTestClient(devstage.token() + "x");
        // when
        var response = intruder.post(devstage.contentApiUrl("production"), "{ hotels { id } }");
        // then
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errors()).hasSize(1);
    }

    @Test
    void should_answer_404_for_an_unknown_environment() throws Exception {
        // when
        var response = devstage.client().post(devstage.contentApiUrl("nowhere"), "{ hotels { id } }");
        // then
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json()).containsEntry("data", null);
        assertThat(response.errors().get(0).get("message").toString()).contains("nowhere");
    }

    @Test
    void should_answer_400_with_error_body_for_malformed_json() throws Exception {
        // when
        var response = devstage.client().postRaw(devstage.contentApiUrl("production"), "{\"query\": ", Map.of());
        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("data", null).containsKey("extensions");
        assertThat(response.errors()).hasSize(1);
    }

    @Test
    void should_pass_locales_and_stage_headers_to_the_content_api() throws Exception {
        // given
        String body = "{\"query\":\"{ hotels { id } }\",\"variables\":{\"n\":1},\"operationName\":null}";
        // when
        var response = devstage.client().postRaw(devstage.contentApiUrl("staging"), body,
                Map.of("gcms-locales", "de, en", "gcms-stage", "DRAFT"));
        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data("echo")).containsEntry("locales", java.util.List.of("de", "en"))
                .containsEntry("stage", "DRAFT").containsEntry("variables", Map.of("n", 1));
        assertThat(response.json().get("extensions")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("requestId");
    }

    @Test
    void should_count_reads_and_writes_per_environment() throws Exception {
        // given
        long reads = devstage.stats("staging").reads();
        long writes = devstage.stats("staging").writes();
        // when
        devstage.client().post(devstage.contentApiUrl("staging"), "query Q { hotels { id } }");
        devstage.client().post(devstage.contentApiUrl("staging"), "# a note\nmutation M { x }", Map.of("key", "a", "value", "b"));
        devstage.client().post(devstage.contentApiUrl("staging"), "{ a }");
        // then
        assertThat(devstage.stats("staging").reads()).isEqualTo(reads + 2);
        assertThat(devstage.stats("staging").writes()).isEqualTo(writes + 1);
    }
}
