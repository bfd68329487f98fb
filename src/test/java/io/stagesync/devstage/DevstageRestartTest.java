package io.stagesync.devstage;

import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With a data directory, content written over the content API is still there after a restart. */
class DevstageRestartTest {

    @TempDir
    Path dataDir;

    private static final String COUNT = "{ hotelsConnection(stage: DRAFT) { aggregate { count } } }";

    @Test
    void should_keep_entries_across_a_restart_with_a_data_dir() throws Exception {
        // given
        long seeded;
        String token = "restart-token";
        try (DevstageServer first = DevstageServer.builder().demo(true).demoSize(5).dataDir(dataDir).token(token).start()) {
            GraphQLTestClient client = new GraphQLTestClient(token);
            seeded = count(client.post(first.contentApiUrl("production"), COUNT));
            var created = client.post(first.contentApiUrl("staging"),
                    "mutation { createHotel(data: {name: \"Kept\", slug: \"kept\", category: BUDGET}) { id } }");
            assertThat(created.errors()).isEmpty();
        }
        // when
        try (DevstageServer second = DevstageServer.builder().demo(true).demoSize(5).dataDir(dataDir).token(token).start()) {
            GraphQLTestClient client = new GraphQLTestClient(token);
            var production = client.post(second.contentApiUrl("production"), COUNT);
            var staging = client.post(second.contentApiUrl("staging"), "{ hotels(stage: DRAFT, where: {slug: \"kept\"}) { name } }");
            // then
            assertThat(seeded).isEqualTo(5);
            assertThat(count(production)).isEqualTo(seeded);
            assertThat(staging.json().get("data")).isEqualTo(Map.of("hotels", java.util.List.of(Map.of("name", "Kept"))));
        }
    }

    @SuppressWarnings("unchecked")
    private static long count(GraphQLTestClient.Response response) {
        Map<String, Object> aggregate = (Map<String, Object>) response.data("hotelsConnection").get("aggregate");
        return ((Number) aggregate.get("count")).longValue();
    }
}
