package io.stagesync.graphql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionQueryBuilderTest {

    private final ConnectionQueryBuilder builder = new ConnectionQueryBuilder();

    @Test
    void should_page_a_model_by_cursor_under_the_alias_page() {
        // when
        String query = builder.idsPage(new ModelRef("Hotel", "Hotels", "hotelsConnection", false));

        // then
        assertThat(query)
                .contains("page: hotelsConnection(first: $first, after: $after, stage: $stage)")
                .contains("edges { node { id } }")
                .contains("pageInfo { hasNextPage endCursor }")
                .doesNotContain("skip");
    }

    @Test
    void should_refuse_a_field_name_that_is_not_a_graphql_name() {
        // when / then
        assertThatThrownBy(() -> builder.idsPage(new ModelRef("X", "Xs", "xs) { id } evil(", false)))
                .hasMessageContaining("not a GraphQL connection field");
    }
}
