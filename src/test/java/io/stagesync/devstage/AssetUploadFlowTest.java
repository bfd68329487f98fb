package io.stagesync.devstage;

import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;
import io.stagesync.testing.S3PostForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hygraph's two asset upload flows end to end over HTTP: GraphQL createAsset, S3 POST or uploadUrl, CDN GET. */
class AssetUploadFlowTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.shared(10);

    private static final String STATUS = "query($id: ID!) { asset(where: {id: $id}, stage: DRAFT) { url size mimeType upload { status error { code message } } } }";

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void should_complete_a_presigned_post_upload_and_serve_the_same_bytes() throws Exception {
        // given
        Path file = randomFile("pool.png", 1_500_000);
        var created = devstage.client().post(devstage.contentApiUrl("staging"),
                "mutation { createAsset(data: {fileName: \"pool.png\"}) { id upload { status requestPostData"
                        + " { url date key signature algorithm policy credential securityToken } } } }");
        Map<String, Object> asset = created.data("createAsset");
        Map<String, Object> upload = (Map<String, Object>) asset.get("upload");
        // when
        var posted = http.send(S3PostForm.request((Map<String, ?>) upload.get("requestPostData"), "pool.png", file),
                HttpResponse.BodyHandlers.ofString());
        // then
        assertThat(upload).containsEntry("status", "ASSET_CREATE_PENDING");
        assertThat(posted.statusCode()).isEqualTo(204);
        Map<String, Object> done = awaitComplete(asset.get("id"));
        assertThat(done).containsEntry("mimeType", "image/png");
        assertThat(sha256(get((String) done.get("url")))).isEqualTo(sha256(Files.newInputStream(file)));
    }

    @Test
    void should_complete_an_upload_url_fetch_from_another_environment() throws Exception {
        // given
        var source = devstage.client().post(devstage.contentApiUrl("production"), "{ assets(first: 1, stage: DRAFT) { id url } }");
        @SuppressWarnings("unchecked")
        String sourceUrl = (String) ((List<Map<String, Object>>) ((Map<String, Object>) source.json().get("data")).get("assets")).get(0).get("url");
        // when
        var created = devstage.client().post(devstage.contentApiUrl("staging"),
                "mutation($url: String!) { createAsset(data: {uploadUrl: $url}) { id } }", Map.of("url", sourceUrl));
        // then
        Map<String, Object> done = awaitComplete(created.data("createAsset").get("id"));
        assertThat((String) done.get("url")).doesNotContain(sourceUrl.split("/cdn/")[1].split("/")[0]);
        assertThat(sha256(get((String) done.get("url")))).isEqualTo(sha256(get(sourceUrl)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_complete_eight_upload_url_fetches_requested_at_once() throws Exception {
        // given: more fetches at once than devstage has fetch threads
        var source = devstage.client().post(devstage.contentApiUrl("production"), "{ assets(first: 1, stage: DRAFT) { id url } }");
        String sourceUrl = (String) ((List<Map<String, Object>>) ((Map<String, Object>) source.json().get("data")).get("assets")).get(0).get("url");
        StringBuilder mutation = new StringBuilder("mutation($url: String!) {");
        for (int i = 0; i < 8; i++) {
            mutation.append(" a").append(i).append(": createAsset(data: {uploadUrl: $url}) { id }");
        }

        // when
        var created = devstage.client().post(devstage.contentApiUrl("staging"), mutation.append(" }").toString(), Map.of("url", sourceUrl));

        // then: every one completes with the source's bytes
        String expected = sha256(get(sourceUrl));
        for (int i = 0; i < 8; i++) {
            Map<String, Object> done = awaitComplete(created.data("a" + i).get("id"));
            assertThat(sha256(get((String) done.get("url")))).as("asset a%s", i).isEqualTo(expected);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitComplete(Object id) {
        GraphQLTestClient client = devstage.client();
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var answer = client.post(devstage.contentApiUrl("staging"), STATUS, Map.of("id", id));
            return answer.data("asset");
        }, a -> a != null && "ASSET_UPLOAD_COMPLETE".equals(((Map<String, Object>) a.get("upload")).get("status")));
    }

    private InputStream get(String url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private Path randomFile(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream stream = new DigestInputStream(in, digest)) {
            stream.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
