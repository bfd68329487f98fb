package io.stagesync.graphql;

import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphQLVariablesBuilderTest {

    private final GraphQLVariablesBuilder builder = new GraphQLVariablesBuilder();

    @Test
    void should_leave_out_after_on_the_first_page() {
        // when
        JsonObject variables = builder.page(100, null, "DRAFT");

        // then
        assertThat(variables.toJson()).isEqualTo("{\"first\":100,\"stage\":\"DRAFT\"}");
    }

    @Test
    void should_pass_the_cursor_on_later_pages() {
        // when
        JsonObject variables = builder.page(100, "ckcursor1", "PUBLISHED");

        // then
        assertThat(variables).containsEntry("after", "ckcursor1").containsEntry("stage", "PUBLISHED");
    }

    @Test
    void should_refuse_a_page_size_above_the_maximum() {
        // when / then
        assertThatThrownBy(() -> builder.page(101, null, "DRAFT")).hasMessageContaining("between 1 and 100");
    }

    @Test
    void should_drop_null_values_from_free_variables() {
        // given
        Map<String, Object> values = new HashMap<>();
        values.put("where", Map.of("id_in", java.util.List.of("a")));
        values.put("after", null);

        // when
        JsonObject variables = builder.of(values);

        // then
        assertThat(variables.keySet()).containsExactly("where");
    }
}
