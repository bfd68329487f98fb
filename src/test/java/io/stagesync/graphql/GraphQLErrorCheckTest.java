package io.stagesync.graphql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphQLErrorCheckTest {

    private final GraphQLErrorCheck check = new GraphQLErrorCheck();

    @Test
    void should_return_the_data_of_a_response_without_errors() {
        // given
        String body = "{\"data\":{\"page\":{\"edges\":[]}}}";

        // when
        Map<String, Object> data = check.check("HotelPage", body);

        // then
        assertThat(data).containsKey("page");
    }

    @Test
    void should_fail_on_errors_inside_a_200_naming_each_message_and_path() {
        // given
        String body = "{\"data\":{\"m0\":{\"id\":\"a\"},\"m1\":null},\"errors\":[{\"message\":\"unique violation on slug\",\"path\":[\"m1\"]}]}";

        // when / then
        assertThatThrownBy(() -> check.check("UpsertBatch", body))
                .isInstanceOf(GraphQLResponseException.class)
                .hasMessageContaining("UpsertBatch")
                .hasMessageContaining("unique violation on slug (path m1)");
    }

    @Test
    void should_fail_on_a_body_that_is_not_json() {
        // when / then
        assertThatThrownBy(() -> check.check("ListModels", "<html>Bad gateway</html>"))
                .isInstanceOf(GraphQLResponseException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void should_fail_when_data_is_missing() {
        // when / then
        assertThatThrownBy(() -> check.check("ListModels", "{\"data\":null}"))
                .hasMessageContaining("no data");
    }
}
