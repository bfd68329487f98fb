package io.stagesync.devstage.graphql;

import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DevstageAssetTest {
    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();
    ContentApiFixture fx;

    @BeforeEach
    void setUp() {
        fx = ContentApiFixture.on(devstage);
    }

    private Map<String, Object> asset(String id) {
        return at(fx.data("{ asset(where: { id: \"" + id + "\" }, stage: DRAFT) { fileName size mimeType url upload { status error { code message } } imageHotel { slug } } }"), "asset");
    }

    private String storedAsset(byte[] bytes, String fileName) {
        String id = at(fx.data("mutation { createAsset(data: { fileName: \"" + fileName + "\" }) { id } }"), "createAsset", "id");
        fx.server.files().put(fx.env, id, fileName, new ByteArrayInputStream(bytes), bytes.length);
        return id;
    }

    @Test
    void should_complete_a_file_name_upload_once_the_file_is_in_the_bucket() {
        // given
        Map<String, Object> created = fx.data("mutation { createAsset(data: { fileName: \"lobby.png\" }) { id fileName upload { status expiresAt "
                + "requestPostData { url date key signature algorithm policy credential securityToken } } } }");
        String id = at(created, "createAsset", "id");
        Map<String, Object> pending = asset(id);
        // when
        fx.server.files().put(fx.env, id, "lobby.png", new ByteArrayInputStream(new byte[1234]), 1234);
        // then
        assertThat((String) at(created, "createAsset", "upload", "status")).isEqualTo("ASSET_CREATE_PENDING");
        assertThat((String) at(created, "createAsset", "upload", "requestPostData", "key")).contains(id);
        assertThat((String) at(pending, "upload", "status")).isEqualTo("ASSET_CREATE_PENDING");
        Map<String, Object> done = asset(id);
        assertThat((String) at(done, "upload", "status")).isEqualTo("ASSET_UPLOAD_COMPLETE");
        assertThat(((Number) at(done, "size")).longValue()).isEqualTo(1234L);
        assertThat((String) at(done, "mimeType")).isEqualTo("image/png");
        assertThat((String) at(done, "url")).isEqualTo(fx.server.files().url(fx.env, id, "lobby.png"));
    }

    @Test
    void should_fetch_an_upload_url_in_the_background() {
        // given
        String source = storedAsset("hello asset".getBytes(), "source.txt");
        String sourceUrl = at(asset(source), "url");
        // when
        Map<String, Object> created = fx.data("mutation { createAsset(data: { uploadUrl: \"" + sourceUrl + "\" }) { id upload { status } } }");
        String id = at(created, "createAsset", "id");
        // then
        assertThat((String) at(created, "createAsset", "upload", "status")).isEqualTo("ASSET_CREATE_PENDING");
        await().atMost(Duration.ofSeconds(20)).until(() -> "ASSET_UPLOAD_COMPLETE".equals(at(asset(id), "upload", "status")));
        assertThat(((Number) at(asset(id), "size")).longValue()).isEqualTo(11L);
    }

    @Test
    void should_report_a_failed_fetch_as_upload_error() {
        // when
        String id = at(fx.data("mutation { createAsset(data: { uploadUrl: \"" + fx.server.baseUrl() + "/cdn/none/missing.png\" }) { id } }"),
                "createAsset", "id");
        // then
        await().atMost(Duration.ofSeconds(20)).until(() -> "ASSET_ERROR_UPLOAD".equals(at(asset(id), "upload", "status")));
        assertThat((String) at(asset(id), "upload", "error", "message")).contains("missing.png");
    }

    @Test
    void should_re_upload_link_to_hotels_and_delete_the_file_with_the_asset() {
        // given
        String id = storedAsset(new byte[]{1, 2, 3}, "a.pdf");
        assertThat((String) at(asset(id), "upload", "status")).isEqualTo("ASSET_UPLOAD_COMPLETE");
        fx.createHotel("h", ", image: { connect: { id: \"" + id + "\" } }");
        // when
        Map<String, Object> re = fx.data("mutation { updateAsset(where: { id: \"" + id + "\" }, data: { reUpload: true }) { upload { status requestPostData { key } } } }");
        // then
        assertThat((String) at(re, "updateAsset", "upload", "status")).isEqualTo("ASSET_UPDATE_PENDING");
        assertThat((List<Map<String, Object>>) at(asset(id), "imageHotel")).containsExactly(Map.of("slug", "h"));
        // when
        fx.server.files().put(fx.env, id, "a.pdf", new ByteArrayInputStream(new byte[]{9}), 1);
        assertThat((String) at(asset(id), "upload", "status")).isEqualTo("ASSET_UPLOAD_COMPLETE");
        fx.data("mutation { deleteAsset(where: { id: \"" + id + "\" }) { id } }");
        // then
        assertThat(fx.server.files().stat(fx.env, id)).isEmpty();
        assertThat((Object) at(fx.data("{ hotel(where: { slug: \"h\" }, stage: DRAFT) { image { id } } }"), "hotel", "image")).isNull();
    }
}
