package io.stagesync.devstage.graphql;

import io.stagesync.devstage.GraphQLResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.stagesync.testing.DevstageExtension;

import java.util.List;
import java.util.Map;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

class DevstageStageTest {
    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();
    ContentApiFixture fx;

    @BeforeEach
    void setUp() {
        fx = ContentApiFixture.on(devstage);
    }

    private Object hotel(String slug, String stage) {
        return at(fx.data("{ hotel(where: { slug: \"" + slug + "\" }" + (stage == null ? "" : ", stage: " + stage) + ") { name stars stage publishedAt } }"), "hotel");
    }

    @Test
    void should_create_in_draft_only_and_default_queries_to_published() {
        // when
        fx.createHotel("h", "");
        // then
        assertThat(hotel("h", null)).isNull();
        assertThat((Object) at(hotel("h", "DRAFT"), "publishedAt")).isNull();
        assertThat((String) at(hotel("h", "DRAFT"), "stage")).isEqualTo("DRAFT");
    }

    @Test
    void should_publish_a_copy_that_later_draft_edits_leave_outdated() {
        // given
        fx.createHotel("h", ", stars: 2");
        // when
        Map<String, Object> published = fx.data("mutation { publishHotel(where: { slug: \"h\" }, to: PUBLISHED) { stage publishedAt } }");
        fx.data("mutation { updateHotel(where: { slug: \"h\" }, data: { stars: 5 }) { id } }");
        // then
        assertThat((String) at(published, "publishHotel", "publishedAt")).isNotNull();
        assertThat((Integer) at(hotel("h", "PUBLISHED"), "stars")).isEqualTo(2);
        assertThat((Integer) at(hotel("h", "DRAFT"), "stars")).isEqualTo(5);
        Map<String, Object> stages = fx.data("{ hotel(where: { slug: \"h\" }, stage: DRAFT) { documentInStages(includeCurrent: true) { stage stars } } }");
        assertThat((List<Map<String, Object>>) at(stages, "hotel", "documentInStages"))
                .containsExactly(Map.of("stage", "PUBLISHED", "stars", 2), Map.of("stage", "DRAFT", "stars", 5));
    }

    @Test
    void should_unpublish_and_delete_from_every_stage() {
        // given
        fx.createHotel("a", "");
        fx.createHotel("b", "");
        fx.data("mutation { publishHotel(where: { slug: \"a\" }) { id } p: publishHotel(where: { slug: \"b\" }) { id } }");
        // when
        fx.data("mutation { unpublishHotel(where: { slug: \"a\" }, from: [PUBLISHED]) { id } }");
        fx.data("mutation { deleteHotel(where: { slug: \"b\" }) { id } }");
        // then
        assertThat(hotel("a", "PUBLISHED")).isNull();
        assertThat(hotel("a", "DRAFT")).isNotNull();
        assertThat(hotel("b", "PUBLISHED")).isNull();
        assertThat(hotel("b", "DRAFT")).isNull();
    }

    @Test
    void should_use_the_gcms_stage_header_only_when_stage_is_omitted() {
        // given
        fx.createHotel("h", "");
        // when
        GraphQLResponse omitted = fx.call("{ hotels { slug } }", List.of(), "DRAFT");
        GraphQLResponse explicit = fx.call("{ hotels(stage: PUBLISHED) { slug } }", List.of(), "DRAFT");
        // then
        assertThat((List<?>) at(omitted.body(), "data", "hotels")).hasSize(1);
        assertThat((List<?>) at(explicit.body(), "data", "hotels")).isEmpty();
    }

    @Test
    void should_publish_many_with_paging_and_publish_relations_with_the_entry() {
        // given
        for (int i = 0; i < 15; i++) {
            fx.createHotel("h" + i, "");
        }
        String dest = fx.createDestination("rome");
        fx.data("mutation { updateDestination(where: { id: \"" + dest + "\" }, data: { hotels: { connect: [{ where: { slug: \"h1\" } }] } }) { id } }");
        // when
        Map<String, Object> first = fx.data("mutation { publishManyHotelsConnection(first: 10) { edges { node { id stage } } pageInfo { hasNextPage } } }");
        Map<String, Object> rest = fx.data("mutation { publishManyHotelsConnection(where: { documentInStages_none: { stage: PUBLISHED } }, first: 100) { aggregate { count } } }");
        fx.data("mutation { publishDestination(where: { slug: \"rome\" }) { id } }");
        // then
        assertThat((List<?>) at(first, "publishManyHotelsConnection", "edges")).hasSize(10);
        assertThat((Integer) at(rest, "publishManyHotelsConnection", "aggregate", "count")).isEqualTo(5);
        Map<String, Object> pub = fx.data("{ hotelsConnection { aggregate { count } } destination(where: { slug: \"rome\" }) { hotels { slug destination { slug } } } }");
        assertThat((Integer) at(pub, "hotelsConnection", "aggregate", "count")).isEqualTo(15);
        assertThat((List<Map<String, Object>>) at(pub, "destination", "hotels")).containsExactly(Map.of("slug", "h1", "destination", Map.of("slug", "rome")));
    }

    @Test
    void should_publish_only_the_requested_locales() {
        // given
        fx.data("mutation { createHotel(data: { name: \"Sea\", slug: \"sea\", category: BUDGET, localizations: { create: [{ locale: de, data: { name: \"See\" } }] } }) { id } }");
        // when
        fx.data("mutation { publishHotel(where: { slug: \"sea\" }) { id } }");
        Map<String, Object> before = fx.data("{ hotels(locales: [de]) { name } }");
        fx.data("mutation { publishHotel(where: { slug: \"sea\" }, locales: [de]) { id } }");
        Map<String, Object> after = fx.data("{ hotels(locales: [de]) { name } }");
        // then
        assertThat((List<?>) at(before, "hotels")).isEmpty();
        assertThat((List<Map<String, Object>>) at(after, "hotels")).containsExactly(Map.of("name", "See"));
    }

    @Test
    void should_enforce_unique_fields_in_the_published_stage_too() {
        // given
        fx.createHotel("first", "");
        fx.data("mutation { publishHotel(where: { slug: \"first\" }) { id } }");
        fx.data("mutation { updateHotel(where: { slug: \"first\" }, data: { slug: \"renamed\" }) { id } }");
        fx.createHotel("first", "");
        // when
        GraphQLResponse r = fx.call("mutation { publishHotel(where: { slug: \"first\" }) { id } }");
        // then
        assertThat(at(r.body(), "errors", 0, "message").toString()).contains("unique field 'slug'").contains("PUBLISHED");
        assertThat((List<Map<String, Object>>) at(fx.data("{ hotels { slug } }"), "hotels")).containsExactly(Map.of("slug", "first"));
    }
}
