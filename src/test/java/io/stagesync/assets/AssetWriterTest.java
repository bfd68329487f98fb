package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import io.stagesync.sync.SyncProgress;
import io.stagesync.testing.InMemoryAssets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** AssetWriter without a server: an in-memory target behind the seam and a file mover that records what it moved. */
class AssetWriterTest {

    private final StateStore store = new StateStore("jdbc:h2:mem:writer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    private final IdMapRepository idMap = new IdMapRepository(store.dataSource());
    private final InMemoryAssets target = new InMemoryAssets();
    private final List<String> moved = new ArrayList<>();
    private final AssetFileMover mover = new AssetFileMover() {
        @Override
        public Moved create(String stage, AssetApi.SourceAsset asset, String contentHash, Map<String, Object> fields,
                            Consumer<String> onCreated, LongConsumer onBytes) {
            moved.add("create:" + asset.id());
            onCreated.accept("new-" + asset.id());
            return new Moved("new-" + asset.id(), "sha-new", asset.size());
        }

        @Override
        public Moved reupload(String stage, String targetId, AssetApi.SourceAsset asset, String contentHash, LongConsumer onBytes) {
            moved.add("reupload:" + targetId);
            return new Moved(targetId, "sha-new", asset.size());
        }

        @Override
        public Moved uploadLocalization(String stage, String targetId, String locale, boolean create, AssetApi.SourceAsset file,
                                        String contentHash, LongConsumer onBytes) {
            moved.add((create ? "localize:" : "relocalize:") + targetId + ":" + locale + ":" + file.fileName());
            return new Moved(targetId, "sha-" + locale, file.size());
        }
    };
    private final AssetWriter writer = new AssetWriter(target, idMap, new AssetFileMovers(Map.of(), AssetFileMovers.PRESIGNED_POST,
            () -> mover, () -> mover), new SourceFileReader(Duration.ofSeconds(5)), TransferSlots.UNBOUNDED);
    private final AssetTally tally = new AssetTally(SyncProgress.NONE);

    @AfterEach
    void close() {
        store.close();
    }

    private static AssetPlan update(String targetId, AssetFileRecord record, String contentHash) {
        return new AssetPlan(AssetPlan.UPDATE, AssetPlannerTest.PHOTO, "production", "staging", targetId, record, contentHash, "m1");
    }

    private static AssetApi.TargetAsset stored(String id, String fileName, long size) {
        return new AssetApi.TargetAsset(id, fileName, size, AssetApi.UploadState.COMPLETE, "ASSET_UPLOAD_COMPLETE", null, "http://t/" + id, Map.of());
    }

    @Test
    void should_update_only_the_metadata_when_the_recorded_file_is_the_one_of_this_content() {
        // given: the target's file was written from this content; only the file name differs
        target.with(stored("t1", "old-name.jpg", 90));

        // when
        AssetOutcome outcome = writer.update(update("t1", new AssetFileRecord("h1", "sha-1", 90), "h1"), tally);

        // then
        assertThat(outcome.result()).isEqualTo(AssetOutcome.UPDATED);
        assertThat(target.calls()).containsExactly("find:t1", "updateMetadata:t1");
        assertThat(target.assets().get("t1").fileName()).isEqualTo("photo.jpg");
        assertThat(moved).isEmpty();
        assertThat(idMap.find("production", "staging", AssetPlanner.MODEL, "a1")).get()
                .extracting(IdMapRepository.Mapping::contentHash).isEqualTo("h1:sha-1:90");
    }

    @Test
    void should_create_each_localization_with_its_own_file_after_the_asset() {
        // given: a source asset with a German file
        AssetApi.SourceAsset p = AssetPlannerTest.PHOTO;
        AssetApi.SourceAsset localized = new AssetApi.SourceAsset(p.id(), p.fileName(), p.mimeType(), p.size(), p.width(), p.height(),
                p.updatedAt(), p.url(), p.fields(), List.of(new AssetApi.Localization("de", "foto.jpg", "image/jpeg", 40, null, null,
                "http://files/a1-de", Map.of())));

        // when
        AssetOutcome outcome = writer.create(new AssetPlan(AssetPlan.CREATE, localized, "production", "staging", null, null, "h1", "m1"), tally);

        // then
        assertThat(outcome.result()).isEqualTo(AssetOutcome.CREATED);
        assertThat(outcome.bytes()).isEqualTo(130);
        assertThat(moved).containsExactly("create:a1", "localize:new-a1:de:foto.jpg");
    }

    @Test
    void should_reupload_the_file_when_its_size_changed() {
        // given: the recorded file has another size than the source's
        target.with(stored("t1", "photo.jpg", 70));

        // when
        AssetOutcome outcome = writer.update(update("t1", new AssetFileRecord("h0", "sha-0", 70), "h1"), tally);

        // then
        assertThat(outcome.result()).isEqualTo(AssetOutcome.REUPLOADED);
        assertThat(moved).containsExactly("reupload:t1");
        assertThat(target.calls()).doesNotContain("updateMetadata:t1");
    }

    @Test
    void should_create_the_asset_again_when_the_mapped_target_asset_is_gone() {
        // given: the id map points at t1, which the target no longer has

        // when
        AssetOutcome outcome = writer.update(update("t1", new AssetFileRecord("h1", "sha-1", 90), "h1"), tally);

        // then
        assertThat(outcome.result()).isEqualTo(AssetOutcome.CREATED);
        assertThat(outcome.targetId()).isEqualTo("new-a1");
        assertThat(moved).containsExactly("create:a1");
        assertThat(idMap.find("production", "staging", AssetPlanner.MODEL, "a1")).get()
                .extracting(IdMapRepository.Mapping::targetId).isEqualTo("new-a1");
    }
}
