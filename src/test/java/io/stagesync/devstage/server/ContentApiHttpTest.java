package io.stagesync.devstage.server;

import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The content API's HTTP contract over the real GraphQL core: auth, unknown environments, bad bodies, headers, counting. */
class ContentApiHttpTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);

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
        assertThat(response.json().get("extensions")).asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("requestId");
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
    void should_quote_at_most_200_characters_of_a_malformed_body() throws Exception {
        // when
        var response = devstage.client().postRaw(devstage.contentApiUrl("production"), "{\"query\": " + "q".repeat(100_000) + "}", Map.of());
        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errors().get(0).get("message").toString()).contains("q".repeat(100)).doesNotContain("q".repeat(201));
    }

    @Test
    void should_read_the_draft_stage_when_the_gcms_stage_header_asks_for_it() throws Exception {
        // given
        create("staging", "mutation { createHotel(data: {name: \"Draft Only\", slug: \"stage-header\", category: BUDGET}) { id } }");
        String body = "{\"query\":\"query Q($slug: String) { hotels(where: {slug: $slug}) { name } }\","
                + "\"variables\":{\"slug\":\"stage-header\"},\"operationName\":\"Q\"}";
        // when
        var draft = devstage.client().postRaw(devstage.contentApiUrl("staging"), body, Map.of("gcms-stage", "DRAFT"));
        var published = devstage.client().postRaw(devstage.contentApiUrl("staging"), body, Map.of());
        // then
        assertThat(draft.status()).isEqualTo(200);
        assertThat(draft.json().get("data")).isEqualTo(Map.of("hotels", List.of(Map.of("name", "Draft Only"))));
        assertThat(draft.json().get("extensions")).asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("requestId");
        assertThat(published.json().get("data")).isEqualTo(Map.of("hotels", List.of()));
    }

    @Test
    void should_resolve_names_in_the_order_of_the_gcms_locales_header() throws Exception {
        // given
        create("staging", "mutation { createHotel(data: {name: \"Harbour\", slug: \"locales-header-1\", category: BUDGET, "
                + "localizations: {create: [{locale: de, data: {name: \"Hafen\"}}]}}) { id } }");
        create("staging", "mutation { createHotel(data: {name: \"Plain\", slug: \"locales-header-2\", category: BUDGET}) { id } }");
        String body = "{\"query\":\"{ hotels(where: {slug_starts_with: \\\"locales-header-\\\"}, orderBy: slug_ASC) { name locale } }\"}";
        // when
        var deEn = devstage.client().postRaw(devstage.contentApiUrl("staging"), body, Map.of("gcms-locales", "de, en", "gcms-stage", "DRAFT"));
        var en = devstage.client().postRaw(devstage.contentApiUrl("staging"), body, Map.of("gcms-stage", "DRAFT"));
        var unknown = devstage.client().postRaw(devstage.contentApiUrl("staging"), body, Map.of("gcms-locales", "xx", "gcms-stage", "DRAFT"));
        // then
        assertThat(deEn.json().get("data")).isEqualTo(Map.of("hotels", List.of(
                Map.of("name", "Hafen", "locale", "de"), Map.of("name", "Plain", "locale", "en"))));
        assertThat(en.json().get("data")).isEqualTo(Map.of("hotels", List.of(
                Map.of("name", "Harbour", "locale", "en"), Map.of("name", "Plain", "locale", "en"))));
        assertThat(unknown.errors()).singleElement().satisfies(e -> assertThat(e.get("message").toString()).contains("gcms-locales", "xx"));
    }

    @Test
    void should_count_reads_and_writes_per_environment() throws Exception {
        // given
        long reads = devstage.stats("staging").reads();
        long writes = devstage.stats("staging").writes();
        // when
        var listed = devstage.client().post(devstage.contentApiUrl("staging"), "query Q { hotels { id } }");
        var created = devstage.client().post(devstage.contentApiUrl("staging"),
                "# a note\nmutation M($slug: String!) { createHotel(data: {name: \"Counted\", slug: $slug, category: LUXURY}) { id } }",
                Map.of("slug", "counted"));
        var readBack = devstage.client().post(devstage.contentApiUrl("staging"), "{ hotel(where: {slug: \"counted\"}, stage: DRAFT) { name } }");
        // then
        assertThat(listed.errors()).isEmpty();
        assertThat(created.errors()).isEmpty();
        assertThat(readBack.data("hotel")).containsEntry("name", "Counted");
        assertThat(devstage.stats("staging").reads()).isEqualTo(reads + 2);
        assertThat(devstage.stats("staging").writes()).isEqualTo(writes + 1);
    }

    private static void create(String environment, String mutation) throws Exception {
        var response = devstage.client().post(devstage.contentApiUrl(environment), mutation);
        assertThat(response.errors()).as("setup mutation %s", mutation).isEmpty();
    }
}
