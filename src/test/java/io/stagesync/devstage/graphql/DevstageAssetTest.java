package io.stagesync.devstage.graphql;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DevstageAssetTest {
    @TempDir
    Path dir;
    ContentApiFixture fx;

    @BeforeEach
    void setUp() {
        fx = ContentApiFixture.inMemory(dir.resolve("bucket"));
    }

    private Map<String, Object> asset(String id) {
        return at(fx.data("{ asset(where: { id: \"" + id + "\" }, stage: DRAFT) { fileName size mimeType url upload { status error { code message } } imageHotel { slug } } }"), "asset");
    }

    @Test
    void should_complete_a_file_name_upload_once_the_file_is_in_the_bucket() throws Exception {
        // given
        Map<String, Object> created = fx.data("mutation { createAsset(data: { fileName: \"lobby.png\" }) { id fileName upload { status expiresAt "
                + "requestPostData { url date key signature algorithm policy credential securityToken } } } }");
        String id = at(created, "createAsset", "id");
        // when
        Map<String, Object> pending = asset(id);
        Files.createDirectories(fx.files.file(ContentApiFixture.ENV, id).getParent());
        fx.files.put(ContentApiFixture.ENV, id, "lobby.png", new java.io.ByteArrayInputStream(new byte[1234]), 1234);
        // then
        assertThat((String) at(created, "createAsset", "upload", "status")).isEqualTo("ASSET_CREATE_PENDING");
        assertThat((String) at(created, "createAsset", "upload", "requestPostData", "key")).isEqualTo(ContentApiFixture.ENV + "/" + id);
        assertThat((String) at(pending, "upload", "status")).isEqualTo("ASSET_CREATE_PENDING");
        Map<String, Object> done = asset(id);
        assertThat((String) at(done, "upload", "status")).isEqualTo("ASSET_UPLOAD_COMPLETE");
        assertThat((Double) at(done, "size")).isEqualTo(1234.0);
        assertThat((String) at(done, "mimeType")).isEqualTo("image/png");
        assertThat((String) at(done, "url")).endsWith("/" + id);
    }

    @Test
    void should_fetch_an_upload_url_in_the_background() throws Exception {
        // given
        Path source = dir.resolve("source.txt");
        Files.writeString(source, "hello asset");
        // when
        Map<String, Object> created = fx.data("mutation { createAsset(data: { uploadUrl: \"" + source.toUri() + "\" }) { id fileName upload { status } } }");
        String id = at(created, "createAsset", "id");
        // then
        assertThat((String) at(created, "createAsset", "fileName")).isEqualTo("source.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> "ASSET_UPLOAD_COMPLETE".equals(at(asset(id), "upload", "status")));
        assertThat((Double) at(asset(id), "size")).isEqualTo(11.0);
        assertThat(Files.readString(fx.files.file(ContentApiFixture.ENV, id))).isEqualTo("hello asset");
    }

    @Test
    void should_report_a_failed_fetch_as_upload_error() {
        // when
        Map<String, Object> created = fx.data("mutation { createAsset(data: { uploadUrl: \"" + dir.resolve("missing.png").toUri() + "\" }) { id } }");
        String id = at(created, "createAsset", "id");
        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> "ASSET_ERROR_UPLOAD".equals(at(asset(id), "upload", "status")));
        assertThat((String) at(asset(id), "upload", "error", "message")).contains("missing.png");
    }

    @Test
    void should_re_upload_link_to_hotels_and_delete_the_file_with_the_asset() throws Exception {
        // given
        Path source = dir.resolve("a.pdf");
        Files.write(source, new byte[]{1, 2, 3});
        String id = at(fx.data("mutation { createAsset(data: { uploadUrl: \"" + source.toUri() + "\" }) { id } }"), "createAsset", "id");
        await().atMost(Duration.ofSeconds(10)).until(() -> "ASSET_UPLOAD_COMPLETE".equals(at(asset(id), "upload", "status")));
        fx.createHotel("h", ", image: { connect: { id: \"" + id + "\" } }");
        // when
        Map<String, Object> re = fx.data("mutation { updateAsset(where: { id: \"" + id + "\" }, data: { reUpload: true }) { upload { status requestPostData { key } } } }");
        // then
        assertThat((String) at(re, "updateAsset", "upload", "status")).isEqualTo("ASSET_UPDATE_PENDING");
        assertThat((List<Map<String, Object>>) at(asset(id), "imageHotel")).containsExactly(Map.of("slug", "h"));
        // when
        fx.files.put(ContentApiFixture.ENV, id, "a.pdf", new java.io.ByteArrayInputStream(new byte[]{9}), 1);
        fx.data("mutation { deleteAsset(where: { id: \"" + id + "\" }) { id } }");
        // then
        assertThat(Files.exists(fx.files.file(ContentApiFixture.ENV, id))).isFalse();
        assertThat((Object) at(fx.data("{ hotel(where: { slug: \"h\" }, stage: DRAFT) { image { id } } }"), "hotel", "image")).isNull();
    }
}
