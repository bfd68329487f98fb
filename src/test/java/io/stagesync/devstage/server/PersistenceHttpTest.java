package io.stagesync.devstage.server;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asset files and the generated token survive a restart with a data directory (entries: {@code DevstageRestartTest});
 * without one nothing is kept.
 */
class PersistenceHttpTest {

    @TempDir
    Path dataDir;

    private static DevstageServer start(Path data) throws Exception {
        return DevstageServer.builder().demo(true).demoSize(1).dataDir(data).start();
    }

    @Test
    void should_keep_asset_files_and_the_generated_token_across_a_restart_with_a_data_dir() throws Exception {
        // given
        byte[] file = "hello bucket".getBytes(StandardCharsets.UTF_8);
        String token;
        try (DevstageServer first = start(dataDir)) {
            token = first.token();
            first.files().put("staging", "asset-kept", "hello.txt", new ByteArrayInputStream(file), file.length);
        }
        // when
        try (DevstageServer second = start(dataDir)) {
            var download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(second.files().url("staging", "asset-kept", "hello.txt"))).build(), HttpResponse.BodyHandlers.ofByteArray());
            // then
            assertThat(second.token()).isEqualTo(token);
            assertThat(Files.readString(dataDir.resolve("token")).trim()).isEqualTo(token);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(file);
        }
    }

    @Test
    void should_start_empty_again_without_a_data_dir() throws Exception {
        // given
        String token = "t-" + System.nanoTime();
        String lookup = "{ hotels(stage: DRAFT, where: {slug: \"forgotten\"}) { name } }";
        try (DevstageServer first = DevstageServer.builder().demo(true).demoSize(1).token(token).start()) {
            GraphQLTestClient client = new GraphQLTestClient(token);
            var created = client.post(first.contentApiUrl("staging"),
                    "mutation { createHotel(data: {name: \"Forgotten\", slug: \"forgotten\", category: BUDGET}) { id } }");
            assertThat(created.errors()).isEmpty();
            assertThat(client.post(first.contentApiUrl("staging"), lookup).json().get("data"))
                    .isEqualTo(Map.of("hotels", List.of(Map.of("name", "Forgotten"))));
        }
        // when
        try (DevstageServer second = DevstageServer.builder().demo(true).demoSize(1).token(token).start()) {
            var answer = new GraphQLTestClient(token).post(second.contentApiUrl("staging"), lookup);
            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("data")).isEqualTo(Map.of("hotels", List.of()));
        }
    }
}
