package io.stagesync.devstage;

import io.stagesync.testing.GraphQLTestClient;
import io.stagesync.testing.S3PostForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** devstage with {@code --data}, killed with SIGKILL right after confirming writes, still has every one of them. */
class DevstageKillTest {

    private static final String TOKEN = "kill-test-token";

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void should_keep_every_confirmed_entry_and_upload_after_a_kill_and_restart() throws Exception {
        // given
        Path data = dir.resolve("data");
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.stagesync.StageSyncApplication",
                "devstage", "--demo", "--demo-size", "0", "--data", data.toString(), "--port", String.valueOf(port), "--token", TOKEN)
                .redirectErrorStream(true).redirectOutput(dir.resolve("devstage.log").toFile()).start();
        String staging = "http://localhost:" + port + "/v2/demo/staging";
        GraphQLTestClient client = new GraphQLTestClient(TOKEN);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> client.post(staging, "{ hotels(stage: DRAFT, first: 1) { id } }").status() == 200);
        Path file = dir.resolve("pool.png");
        Files.write(file, new byte[20_000]);
        HttpClient http = HttpClient.newHttpClient();

        // when: every write below was answered, and the process dies at once after the last answer
        List<String> hotels = new ArrayList<>();
        List<String> assets = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                var created = client.post(staging, "mutation($n: String!) { createHotel(data: {name: $n, slug: $n, category: BUDGET}) { id } }",
                        Map.of("n", "kill-" + i));
                assertThat(created.errors()).isEmpty();
                hotels.add((String) created.data("createHotel").get("id"));
                if (i % 6 == 5) {
                    var asset = client.post(staging, "mutation { createAsset(data: {fileName: \"pool.png\"}) { id upload { requestPostData"
                            + " { url date key signature algorithm policy credential securityToken } } } }").data("createAsset");
                    var posted = http.send(S3PostForm.request((Map<String, ?>) ((Map<String, Object>) asset.get("upload")).get("requestPostData"),
                            "pool.png", file), HttpResponse.BodyHandlers.discarding());
                    assertThat(posted.statusCode()).isEqualTo(204);
                    assets.add((String) asset.get("id"));
                }
            }
        } finally {
            child.destroyForcibly().waitFor();
        }

        // then
        try (DevstageServer restarted = DevstageServer.builder().demo(true).demoSize(0).dataDir(data).token(TOKEN).start()) {
            String url = restarted.contentApiUrl("staging");
            var found = client.post(url, "query($ids: [ID!]) { hotels(stage: DRAFT, first: 100, where: {id_in: $ids}) { id } }",
                    Map.of("ids", hotels));
            assertThat((List<Map<String, Object>>) ((Map<String, Object>) found.json().get("data")).get("hotels"))
                    .extracting(h -> h.get("id")).containsExactlyInAnyOrderElementsOf(hotels);
            var uploaded = client.post(url, "query($ids: [ID!]) { assets(stage: DRAFT, first: 100, where: {id_in: $ids}) { id size upload { status } } }",
                    Map.of("ids", assets));
            List<Map<String, Object>> rows = (List<Map<String, Object>>) ((Map<String, Object>) uploaded.json().get("data")).get("assets");
            assertThat(rows).hasSize(assets.size());
            assertThat(rows).allSatisfy(a -> {
                assertThat(((Number) a.get("size")).longValue()).isEqualTo(20_000L);
                assertThat((Map<String, Object>) a.get("upload")).containsEntry("status", "ASSET_UPLOAD_COMPLETE");
            });
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
