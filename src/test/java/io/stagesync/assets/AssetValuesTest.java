package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small value beans of the asset sync: content hash, id-map record, strategy choice, form fields. */
class AssetValuesTest {

    private static AssetApi.SourceAsset asset(String fileName, long size, String updatedAt) {
        return new AssetApi.SourceAsset("a1", fileName, "image/jpeg", size, 10.0, 20.0, updatedAt, "http://x/a1", Map.of());
    }

    @Test
    void should_give_the_same_content_hash_for_the_same_metadata_and_another_when_it_changes() {
        // given
        AssetHasher hasher = new AssetHasher();

        // when
        String first = hasher.contentHash(asset("a.jpg", 100, "2026-01-01T00:00:00Z"));
        String again = hasher.contentHash(asset("a.jpg", 100, "2026-01-01T00:00:00Z"));
        String updated = hasher.contentHash(asset("a.jpg", 100, "2026-01-02T00:00:00Z"));
        String renamed = hasher.contentHash(asset("b.jpg", 100, "2026-01-01T00:00:00Z"));

        // then
        assertThat(first).hasSize(32).isEqualTo(again).isNotEqualTo(updated).isNotEqualTo(renamed);
        assertThat(hasher.messageId("production", "staging", "a1", first)).hasSize(64)
                .isNotEqualTo(hasher.messageId("production", "qa", "a1", first));
    }

    @Test
    void should_read_back_the_file_record_it_wrote_and_ignore_anything_else() {
        // given
        AssetFileRecord record = new AssetFileRecord("0123456789abcdef0123456789abcdef", "e3b0c442", 42);

        // when
        String stored = record.format();

        // then
        assertThat(AssetFileRecord.parse(stored)).contains(record);
        assertThat(stored.length()).isLessThanOrEqualTo(128);
        assertThat(AssetFileRecord.parse("some-entry-hash")).isEmpty();
        assertThat(AssetFileRecord.parse(null)).isEmpty();
    }

    @Test
    void should_pick_the_strategy_of_the_target_stage_and_refuse_an_unknown_one() {
        // given
        AssetFileMover post = new PresignedPostMover(null, null, null, null, TransferSlots.UNBOUNDED);
        AssetFileMover url = new UploadUrlMover(null, null, null, null, null, TransferSlots.UNBOUNDED);
        Supplier<AssetFileMover> posts = () -> post;
        Supplier<AssetFileMover> urls = () -> url;

        // when
        AssetFileMovers movers = new AssetFileMovers(Map.of("qa", "upload-url"), "presigned-post", posts, urls);

        // then
        assertThat(movers.forStage("qa")).isSameAs(url);
        assertThat(movers.forStage("staging")).isSameAs(post);
        assertThatThrownBy(() -> new AssetFileMovers(Map.of("qa", "ftp"), "presigned-post", posts, urls))
                .hasMessageContaining("stagesync.stages.qa.asset-upload").hasMessageContaining("ftp");
    }

    @Test
    void should_build_each_strategy_once_so_that_all_assets_share_its_merged_calls() {
        // given: suppliers that build a new mover on every call
        java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
        AssetFileMovers movers = new AssetFileMovers(Map.of(), "presigned-post", () -> {
            built.incrementAndGet();
            return new PresignedPostMover(null, null, null, null, TransferSlots.UNBOUNDED);
        }, () -> {
            throw new AssertionError("the upload-url strategy is not used here");
        });

        // when
        AssetFileMover first = movers.forStage("staging");
        AssetFileMover second = movers.forStage("production");

        // then
        assertThat(second).isSameAs(first);
        assertThat(built).hasValue(1);
    }

    @Test
    void should_send_the_s3_form_fields_in_order_and_the_security_token_only_when_there_is_one() {
        // given
        Map<String, String> post = Map.of("url", "http://x", "key", "k", "policy", "p", "algorithm", "AWS4-HMAC-SHA256",
                "credential", "c", "date", "20260101T000000Z", "signature", "s");

        // when
        Map<String, String> fields = MultipartPostUploader.formFields(post);

        // then
        assertThat(fields.keySet()).containsExactly("key", "policy", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Signature");
        assertThatThrownBy(() -> MultipartPostUploader.formFields(Map.of("url", "http://x")))
                .isInstanceOf(AssetFailedException.class).hasMessageContaining("'key'");
    }

    @Test
    void should_fail_an_asset_whose_bytes_did_not_arrive_whole() {
        // given
        AssetApi.SourceAsset asset = asset("a.jpg", 100, "2026-01-01T00:00:00Z");
        AssetApi.TargetAsset stored = new AssetApi.TargetAsset("t1", "a.jpg", 90L, AssetApi.UploadState.COMPLETE, "ASSET_UPLOAD_COMPLETE", null, "http://x/t1", Map.of());

        // when / then
        assertThatThrownBy(() -> FileChecks.requireLength(asset, 100, 99))
                .isInstanceOf(AssetFailedException.class).hasMessageContaining("checksum mismatch").hasMessageContaining("id=a1");
        assertThatThrownBy(() -> FileChecks.requireTargetSize(stored, 100))
                .isInstanceOf(AssetFailedException.class).hasMessageContaining("target stored 90 bytes of 100");
    }
}
