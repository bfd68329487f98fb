package io.stagesync.devstage.graphql;

import io.stagesync.devstage.GraphQLResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.stagesync.testing.DevstageExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

class DevstagePagingTest {
    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();
    ContentApiFixture fx;
    List<String> ids = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fx = ContentApiFixture.on(devstage);
        StringBuilder batch = new StringBuilder("mutation {");
        for (int i = 0; i < 25; i++) {
            batch.append(String.format(" h%02d: createHotel(data: { name: \"n\", slug: \"hotel-%02d\", category: BUDGET }) { id }", i, i));
        }
        Map<String, Object> created = fx.data(batch.append(" }").toString());
        for (int i = 0; i < 25; i++) {
            ids.add(at(created, String.format("h%02d", i), "id"));
        }
    }

    @Test
    void should_return_ten_entries_when_first_is_omitted() {
        // when
        Map<String, Object> data = fx.data("{ hotels(stage: DRAFT) { id } }");
        // then
        List<Map<String, Object>> hotels = at(data, "hotels");
        assertThat(hotels).extracting(h -> h.get("id")).containsExactlyElementsOf(ids.subList(0, 10));
    }

    @Test
    void should_walk_all_pages_with_after_cursor_and_page_info() {
        // given
        List<Object> seen = new ArrayList<>();
        String after = null;
        boolean hasNext = true;
        int requests = 0;
        // when
        while (hasNext) {
            Map<String, Object> data = fx.data("{ hotelsConnection(stage: DRAFT, first: 10" + (after == null ? "" : ", after: \"" + after + "\"")
                    + ") { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor pageSize } aggregate { count } } }");
            List<Map<String, Object>> edges = at(data, "hotelsConnection", "edges");
            edges.forEach(e -> seen.add(at(e, "node", "id")));
            assertThat((Integer) at(data, "hotelsConnection", "aggregate", "count")).isEqualTo(25);
            assertThat((Integer) at(data, "hotelsConnection", "pageInfo", "pageSize")).isEqualTo(edges.size());
            hasNext = at(data, "hotelsConnection", "pageInfo", "hasNextPage");
            after = at(data, "hotelsConnection", "pageInfo", "endCursor");
            requests++;
        }
        // then
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(requests).isEqualTo(3);
    }

    @Test
    void should_reject_first_above_the_maximum_page_size_naming_the_limit() {
        // when
        GraphQLResponse r = fx.call("{ hotels(stage: DRAFT, first: 101) { id } }");
        // then
        assertThat(r.body().get("errors").toString()).contains("101").contains("maximum page size of 100");
        assertThat((List<?>) at(r.body(), "errors")).hasSize(1);
        assertThat(at(r.body(), "errors", 0, "path").toString()).isEqualTo("[hotels]");
    }

    @Test
    void should_accept_exactly_the_maximum_page_size() {
        // when
        Map<String, Object> data = fx.data("{ hotels(stage: DRAFT, first: 100) { id } }");
        // then
        assertThat((List<?>) at(data, "hotels")).hasSize(25);
    }

    @Test
    void should_reject_first_with_before_and_last_with_after() {
        // when
        GraphQLResponse firstBefore = fx.call("{ hotels(stage: DRAFT, first: 2, before: \"" + ids.get(5) + "\") { id } }");
        GraphQLResponse lastAfter = fx.call("{ hotels(stage: DRAFT, last: 2, after: \"" + ids.get(5) + "\") { id } }");
        // then
        assertThat(firstBefore.body().get("errors").toString()).contains("'first' and 'before'");
        assertThat(lastAfter.body().get("errors").toString()).contains("'last' and 'after'");
    }

    @Test
    void should_page_backwards_with_last_and_before_and_skip() {
        // when
        Map<String, Object> data = fx.data("{ a: hotels(stage: DRAFT, last: 3, before: \"" + ids.get(10) + "\") { id } "
                + "b: hotels(stage: DRAFT, first: 2, skip: 23) { id } c: hotelsConnection(stage: DRAFT, last: 2) { pageInfo { hasNextPage hasPreviousPage } } }");
        // then
        assertThat((List<Map<String, Object>>) at(data, "a")).extracting(h -> h.get("id")).containsExactlyElementsOf(ids.subList(7, 10));
        assertThat((List<Map<String, Object>>) at(data, "b")).extracting(h -> h.get("id")).containsExactlyElementsOf(ids.subList(23, 25));
        assertThat((Boolean) at(data, "c", "pageInfo", "hasNextPage")).isFalse();
        assertThat((Boolean) at(data, "c", "pageInfo", "hasPreviousPage")).isTrue();
    }

    @Test
    void should_limit_nested_relation_lists_with_the_same_maximum() {
        // given
        String dest = fx.createDestination("rome");
        for (int i = 0; i < 12; i++) {
            fx.data("mutation { updateHotel(where: { id: \"" + ids.get(i) + "\" }, data: { destination: { connect: { id: \"" + dest + "\" } } }) { id } }");
        }
        // when
        Map<String, Object> data = fx.data("{ destination(where: { slug: \"rome\" }, stage: DRAFT) { hotels { id } more: hotels(first: 20) { id } } }");
        GraphQLResponse tooMany = fx.call("{ destination(where: { slug: \"rome\" }, stage: DRAFT) { hotels(first: 101) { id } } }");
        // then
        assertThat((List<?>) at(data, "destination", "hotels")).hasSize(10);
        assertThat((List<?>) at(data, "destination", "more")).hasSize(12);
        assertThat(tooMany.body().get("errors").toString()).contains("maximum page size of 100");
    }
}
