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

class DevstageRelationTest {
    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();
    ContentApiFixture fx;

    @BeforeEach
    void setUp() {
        fx = ContentApiFixture.on(devstage);
    }

    private List<Object> reviewIdsOf(String hotelSlug) {
        List<Map<String, Object>> reviews = at(fx.data("{ hotel(where: { slug: \"" + hotelSlug + "\" }, stage: DRAFT) { reviews { id } } }"), "hotel", "reviews");
        return reviews.stream().map(r -> r.get("id")).toList();
    }

    private Object hotelOfReview(String reviewId) {
        return at(fx.data("{ review(where: { id: \"" + reviewId + "\" }, stage: DRAFT) { hotel { slug } } }"), "review", "hotel");
    }

    @Test
    void should_connect_with_bare_selectors_on_create_and_keep_the_reverse_side() {
        // given
        String r1 = fx.createReview("r1", 4);
        String r2 = fx.createReview("r2", 5);
        // when
        fx.createHotel("h", ", reviews: { connect: [{ id: \"" + r2 + "\" }, { id: \"" + r1 + "\" }] }");
        // then
        assertThat(reviewIdsOf("h")).containsExactly(r2, r1);
        assertThat(hotelOfReview(r1)).isEqualTo(Map.of("slug", "h"));
    }

    @Test
    void should_connect_with_where_and_position_on_update() {
        // given
        String r1 = fx.createReview("r1", 1);
        String r2 = fx.createReview("r2", 2);
        String r3 = fx.createReview("r3", 3);
        String r4 = fx.createReview("r4", 4);
        fx.createHotel("h", ", reviews: { connect: [{ id: \"" + r1 + "\" }, { id: \"" + r2 + "\" }] }");
        // when
        fx.data("mutation { updateHotel(where: { slug: \"h\" }, data: { reviews: { connect: [{ where: { id: \"" + r3 + "\" }, position: { start: true } }, "
                + "{ where: { id: \"" + r4 + "\" }, position: { after: \"" + r1 + "\" } }] } }) { id } }");
        GraphQLResponse bare = fx.call("mutation { updateHotel(where: { slug: \"h\" }, data: { reviews: { connect: [{ id: \"" + r3 + "\" }] } }) { id } }");
        // then
        assertThat(reviewIdsOf("h")).containsExactly(r3, r1, r4, r2);
        assertThat(bare.status()).isEqualTo(400);
    }

    @Test
    void should_set_and_disconnect_from_the_to_many_side() {
        // given
        String r1 = fx.createReview("r1", 1);
        String r2 = fx.createReview("r2", 2);
        String r3 = fx.createReview("r3", 3);
        fx.createHotel("h", ", reviews: { connect: [{ id: \"" + r1 + "\" }, { id: \"" + r2 + "\" }] }");
        // when
        fx.data("mutation { updateHotel(where: { slug: \"h\" }, data: { reviews: { set: [{ id: \"" + r3 + "\" }, { id: \"" + r2 + "\" }] } }) { id } }");
        // then
        assertThat(reviewIdsOf("h")).containsExactly(r3, r2);
        assertThat(hotelOfReview(r1)).isNull();
        // when
        fx.data("mutation { updateHotel(where: { slug: \"h\" }, data: { reviews: { disconnect: [{ id: \"" + r3 + "\" }] } }) { id } }");
        // then
        assertThat(reviewIdsOf("h")).containsExactly(r2);
        assertThat(hotelOfReview(r3)).isNull();
    }

    @Test
    void should_move_an_entry_between_parents_when_edited_from_the_to_one_side() {
        // given
        String r1 = fx.createReview("r1", 1);
        fx.createHotel("h1", ", reviews: { connect: [{ id: \"" + r1 + "\" }] }");
        fx.createHotel("h2", "");
        // when
        fx.data("mutation { updateReview(where: { id: \"" + r1 + "\" }, data: { hotel: { connect: { slug: \"h2\" } } }) { id } }");
        // then
        assertThat(reviewIdsOf("h1")).isEmpty();
        assertThat(reviewIdsOf("h2")).containsExactly(r1);
        // when
        fx.data("mutation { updateReview(where: { id: \"" + r1 + "\" }, data: { hotel: { disconnect: true } }) { id } }");
        // then
        assertThat(reviewIdsOf("h2")).isEmpty();
    }

    @Test
    void should_create_nested_entries_and_fail_on_connect_to_a_missing_entry() {
        // when
        Map<String, Object> created = fx.data("mutation { createHotel(data: { name: \"n\", slug: \"h\", category: BUDGET, "
                + "destination: { create: { name: \"Rome\", slug: \"rome\", country: \"Italy\" } } }) { destination { slug hotels { slug } } } }");
        GraphQLResponse bad = fx.call("mutation { createHotel(data: { name: \"n\", slug: \"h2\", category: BUDGET, destination: { connect: { slug: \"nowhere\" } } }) { id } }");
        // then
        assertThat((String) at(created, "createHotel", "destination", "slug")).isEqualTo("rome");
        assertThat((List<?>) at(created, "createHotel", "destination", "hotels")).hasSize(1);
        assertThat(at(bad.body(), "errors", 0, "message").toString()).contains("connect").contains("nowhere");
        assertThat((Object) at(fx.data("{ hotel(where: { slug: \"h2\" }, stage: DRAFT) { id } }"), "hotel")).isNull();
    }

    @Test
    void should_unlink_a_deleted_entry_from_the_other_side() {
        // given
        String r1 = fx.createReview("r1", 1);
        String r2 = fx.createReview("r2", 2);
        fx.createHotel("h", ", reviews: { connect: [{ id: \"" + r1 + "\" }, { id: \"" + r2 + "\" }] }");
        // when
        fx.data("mutation { deleteReview(where: { id: \"" + r1 + "\" }) { id } }");
        // then
        assertThat(reviewIdsOf("h")).containsExactly(r2);
    }
}
