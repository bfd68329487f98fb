package io.stagesync.graphql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionPageParserTest {

    private final ConnectionPageParser parser = new ConnectionPageParser();

    @Test
    void should_read_nodes_and_the_next_cursor() {
        // given
        Map<String, Object> data = Map.of("page", Map.of(
                "edges", List.of(Map.of("node", Map.of("id", "a")), Map.of("node", Map.of("id", "b"))),
                "pageInfo", Map.of("hasNextPage", true, "endCursor", "b")));

        // when
        ConnectionPage page = parser.parse(data);

        // then
        assertThat(page.size()).isEqualTo(2);
        assertThat(page.nodes()).extracting(n -> n.get("id")).containsExactly("a", "b");
        assertThat(page.hasNextPage()).isTrue();
        assertThat(page.endCursor()).isEqualTo("b");
    }

    @Test
    void should_read_an_empty_last_page() {
        // given
        Map<String, Object> data = Map.of("page", Map.of("edges", List.of(), "pageInfo", Map.of("hasNextPage", false)));

        // when
        ConnectionPage page = parser.parse(data);

        // then
        assertThat(page.size()).isZero();
        assertThat(page.hasNextPage()).isFalse();
    }

    @Test
    void should_refuse_a_next_page_without_a_cursor_which_would_loop_forever() {
        // given
        Map<String, Object> data = Map.of("page", Map.of("edges", List.of(), "pageInfo", Map.of("hasNextPage", true)));

        // when / then
        assertThatThrownBy(() -> parser.parse(data)).hasMessageContaining("no endCursor");
    }
}
