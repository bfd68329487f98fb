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

class DevstageMutationTest {
    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();
    ContentApiFixture fx;

    @BeforeEach
    void setUp() {
        fx = ContentApiFixture.on(devstage);
    }

    @Test
    void should_reject_an_id_in_create_input_as_validation_error() {
        // when
        GraphQLResponse r = fx.call("mutation { createHotel(data: { id: \"ckabc\", name: \"x\", slug: \"x\", category: BUDGET }) { id } }");
        // then
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).containsEntry("data", null);
        assertThat(r.body().get("errors").toString()).contains("id").contains("HotelCreateInput");
        assertThat((Map<String, Object>) at(r.body(), "extensions")).containsKey("requestId");
    }

    @Test
    void should_generate_increasing_cuid_like_ids() {
        // when
        String first = fx.createHotel("one", "");
        String second = fx.createHotel("two", "");
        // then
        assertThat(first).hasSize(25).startsWith("c").matches("[a-z0-9]+");
        assertThat(second).hasSize(25).isGreaterThan(first);
    }

    @Test
    void should_keep_timestamps_given_on_create_and_reject_them_on_update() {
        // given
        Map<String, Object> created = fx.data("mutation { createHotel(data: { name: \"x\", slug: \"x\", category: BUDGET, "
                + "createdAt: \"2020-05-01T10:00:00Z\", updatedAt: \"2020-05-02T10:00:00Z\" }) { id createdAt updatedAt } }");
        // when
        GraphQLResponse update = fx.call("mutation { updateHotel(where: { slug: \"x\" }, data: { createdAt: \"2021-01-01T00:00:00Z\" }) { id } }");
        // then
        assertThat((String) at(created, "createHotel", "createdAt")).startsWith("2020-05-01T10:00:00");
        assertThat((String) at(created, "createHotel", "updatedAt")).startsWith("2020-05-02T10:00:00");
        assertThat(update.status()).isEqualTo(400);
    }

    @Test
    void should_report_unique_violation_with_path_and_status_200() {
        // given
        fx.createHotel("taken", "");
        // when
        GraphQLResponse r = fx.call("mutation { createHotel(data: { name: \"x\", slug: \"taken\", category: BUDGET }) { id } }");
        // then
        assertThat(r.status()).isEqualTo(200);
        assertThat(at(r.body(), "errors", 0, "path").toString()).isEqualTo("[createHotel]");
        assertThat(at(r.body(), "errors", 0, "message").toString()).contains("unique field 'slug'").contains("taken");
        assertThat((Object) at(r.body(), "data", "createHotel")).isNull();
    }

    @Test
    void should_reject_rating_out_of_range_and_unknown_enum_value() {
        // when
        GraphQLResponse range = fx.call("mutation { createReview(data: { title: \"t\", rating: 7 }) { id } }");
        GraphQLResponse enumValue = fx.call("mutation { createHotel(data: { name: \"x\", slug: \"y\", category: CHEAP }) { id } }");
        // then
        assertThat(at(range.body(), "errors", 0, "message").toString()).contains("rating").contains("1..5").contains("7");
        assertThat(enumValue.status()).isEqualTo(400);
        assertThat(enumValue.body().get("errors").toString()).contains("CHEAP");
    }

    @Test
    void should_let_each_aliased_mutation_succeed_or_fail_alone() {
        // given
        fx.createHotel("exists", "");
        // when
        GraphQLResponse r = fx.call("mutation { a: createHotel(data: { name: \"a\", slug: \"a\", category: BUDGET }) { id slug } "
                + "b: createHotel(data: { name: \"b\", slug: \"exists\", category: BUDGET }) { id } "
                + "c: updateHotel(where: { slug: \"missing\" }, data: { stars: 2 }) { id } "
                + "d: upsertHotel(where: { slug: \"d\" }, upsert: { create: { name: \"d\", slug: \"d\", category: LUXURY }, update: { stars: 1 } }) { slug category } }");
        // then
        assertThat(r.status()).isEqualTo(200);
        List<Map<String, Object>> errors = at(r.body(), "errors");
        assertThat(errors).extracting(e -> e.get("path").toString()).containsExactlyInAnyOrder("[b]", "[c]");
        assertThat((String) at(r.body(), "data", "a", "slug")).isEqualTo("a");
        assertThat((Object) at(r.body(), "data", "b")).isNull();
        assertThat((Object) at(r.body(), "data", "c")).isNull();
        assertThat((String) at(r.body(), "data", "d", "category")).isEqualTo("LUXURY");
        assertThat((List<?>) at(fx.data("{ hotels(stage: DRAFT) { id } }"), "hotels")).hasSize(3);
    }

    @Test
    void should_upsert_an_existing_entry_by_unique_field_and_delete_it() {
        // given
        String id = fx.createHotel("keep", "");
        // when
        Map<String, Object> up = fx.data("mutation { upsertHotel(where: { slug: \"keep\" }, upsert: { create: { name: \"n\", slug: \"keep\", category: BUDGET }, update: { stars: 4 } }) { id stars } }");
        Map<String, Object> del = fx.data("mutation { deleteHotel(where: { id: \"" + id + "\" }) { id slug } }");
        // then
        assertThat((String) at(up, "upsertHotel", "id")).isEqualTo(id);
        assertThat((Integer) at(up, "upsertHotel", "stars")).isEqualTo(4);
        assertThat((String) at(del, "deleteHotel", "slug")).isEqualTo("keep");
        assertThat((Object) at(fx.data("{ hotel(where: { id: \"" + id + "\" }, stage: DRAFT) { id } }"), "hotel")).isNull();
    }

    @Test
    void should_report_a_missing_required_field() {
        // when
        GraphQLResponse r = fx.call("mutation { updateHotel(where: { slug: \"none\" }, data: { stars: 1 }) { id } }");
        GraphQLResponse missing = fx.call("mutation($d: HotelCreateInput!) { createHotel(data: $d) { id } }",
                Map.of("d", Map.of("slug", "s", "category", "BUDGET")));
        // then
        assertThat(at(r.body(), "errors", 0, "message").toString()).contains("no Hotel matches {slug: \"none\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").toString()).contains("name");
    }

    @Test
    void should_answer_introspection() {
        // when
        Map<String, Object> data = fx.data("{ __schema { queryType { name } types { name } } __type(name: \"HotelWhereUniqueInput\") { inputFields { name } } }");
        // then
        List<Map<String, Object>> types = at(data, "__schema", "types");
        assertThat(types).extracting(t -> t.get("name")).contains("Hotel", "HotelConnection", "HotelCreateInput", "Stage", "Locale", "Asset", "AssetUpload");
        assertThat((List<Map<String, Object>>) at(data, "__type", "inputFields")).extracting(f -> f.get("name"))
                .containsExactly("id", "slug", "syncSourceId");
    }
}
