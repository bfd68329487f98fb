package io.stagesync.assets;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SyncAssetsRouteTest extends AssetRouteTestSupport {

    @Test
    void should_copy_every_asset_with_the_same_bytes_and_metadata() throws Exception {
        // given
        int sourceCount = fixtures.list("production").size();

        // when
        Map<String, Object> report = sync("production");

        // then
        assertThat(report).containsEntry("read", (long) sourceCount).containsEntry("created", (long) sourceCount)
                .containsEntry("failed", 0L);
        assertThat(sourceCount).isPositive();
        assertTargetEqualsSource("production");
        assertThat(bytesShown.get()).isEqualTo(report.get("bytes")).isPositive();
    }

    @Test
    void should_upload_nothing_on_a_rerun_and_reupload_exactly_the_asset_whose_bytes_changed() throws Exception {
        // given
        String changed = fixtures.create(source, "a.bin", new GeneratedInputStream(1, 70_000), 70_000);
        fixtures.create(source, "b.bin", new GeneratedInputStream(2, 80_000), 80_000);
        fixtures.create(source, "c.bin", new GeneratedInputStream(3, 90_000), 90_000);
        sync(source);

        // when
        Map<String, Object> rerun = sync(source);
        fixtures.replaceFile(source, changed, new GeneratedInputStream(4, 70_000), 70_000);
        Map<String, Object> afterChange = sync(source);

        // then
        assertThat(rerun).containsEntry("unchanged", 3L).containsEntry("created", 0L).containsEntry("reuploaded", 0L)
                .containsEntry("bytes", 0L);
        assertThat(afterChange).containsEntry("reuploaded", 1L).containsEntry("unchanged", 2L).containsEntry("created", 0L)
                .containsEntry("bytes", 70_000L);
        assertTargetEqualsSource(source);
    }

    @Test
    void should_update_in_place_the_assets_of_a_cloned_environment_that_have_the_source_ids() throws Exception {
        // given: the target is a clone of the source (same asset ids, nothing in the id map); then, in the source,
        // one asset is renamed and one gets new bytes
        String same = fixtures.create(source, "same.bin", new GeneratedInputStream(11, 40_000), 40_000);
        String renamed = fixtures.create(source, "old name.bin", new GeneratedInputStream(12, 50_000), 50_000);
        String changed = fixtures.create(source, "changed.bin", new GeneratedInputStream(13, 60_000), 60_000);
        devstage.server().copyContent(source, target);
        fixtures.rename(source, renamed, "new name.bin");
        fixtures.replaceFile(source, changed, new GeneratedInputStream(14, 61_000), 61_000);

        // when
        Map<String, Object> report = sync(source);

        // then: nothing created, the rename and the new bytes applied to the assets with the same ids
        assertThat(report).containsEntry("created", 0L).containsEntry("updated", 1L).containsEntry("reuploaded", 1L)
                .containsEntry("unchanged", 1L).containsEntry("failed", 0L).containsEntry("bytes", 61_000L);
        assertThat(fixtures.list(target)).extracting(a -> a.get("id")).containsExactlyInAnyOrder(same, renamed, changed);
        assertThat(idMap().findModel(source, target, "Asset").values())
                .allSatisfy(m -> assertThat(m.targetId()).isEqualTo(m.sourceId()));
        assertTargetEqualsSource(source);
    }

    @Test
    void should_update_the_metadata_of_a_renamed_asset_without_uploading_it_again() throws Exception {
        // given
        String id = fixtures.create(source, "before.txt", bytes("same bytes"), 10);
        sync(source);

        // when
        fixtures.rename(source, id, "after.txt");
        Map<String, Object> rerun = sync(source);

        // then
        assertThat(rerun).containsEntry("updated", 1L).containsEntry("reuploaded", 0L).containsEntry("bytes", 0L);
        assertTargetEqualsSource(source);
    }

    @Test
    void should_copy_an_empty_file_and_names_with_spaces_and_non_ascii_characters() throws Exception {
        // given
        fixtures.create(source, "empty.txt", InputStream.nullInputStream(), 0);
        fixtures.create(source, "lobby at night.jpg", new GeneratedInputStream(5, 3000), 3000);
        fixtures.create(source, "Hôtel Zürich — été 東京.png", new GeneratedInputStream(6, 4000), 4000);

        // when
        Map<String, Object> report = sync(source);

        // then
        assertThat(report).containsEntry("created", 3L).containsEntry("failed", 0L);
        assertTargetEqualsSource(source);
    }

    @Test
    void should_end_partial_when_a_source_file_is_missing_and_sync_the_rest() throws Exception {
        // given
        fixtures.create(source, "good-1.bin", new GeneratedInputStream(7, 5000), 5000);
        String missing = fixtures.createWithoutFile(source, "missing.bin");
        fixtures.create(source, "good-2.bin", new GeneratedInputStream(8, 6000), 6000);

        // when
        Map<String, Object> report = sync(source);

        // then
        assertThat(report).containsEntry("created", 2L).containsEntry("failed", 1L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failures = (List<Map<String, Object>>) report.get("failures");
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f).containsEntry("model", "Asset").containsEntry("sourceId", missing);
            assertThat((String) f.get("reason")).contains("404");
        });
        assertThat(idMap().find(source, target, "Asset", missing)).isEmpty();
        assertThat(fixtures.list(target)).as("no empty asset left in the target for the missing file")
                .extracting(a -> a.get("fileName")).containsExactlyInAnyOrder("good-1.bin", "good-2.bin");
        assertThat(sync(source)).as("a rerun tries the failed asset again").containsEntry("failed", 1L)
                .containsEntry("unchanged", 2L);
    }

    @Test
    void should_write_nothing_in_plan_mode() throws Exception {
        // given
        int sourceCount = fixtures.list("production").size();

        // when
        Exchange run = run("production", true);

        // then
        assertThat(run.getMessage().getBody(Map.class)).containsEntry("created", (long) sourceCount).containsEntry("bytes", 0L);
        assertThat(fixtures.list(target)).isEmpty();
        assertThat(idMap().findModel("production", target, "Asset")).isEmpty();
    }


    @Test
    void should_finish_an_asset_a_failed_run_left_pending_without_creating_a_second_one() throws Exception {
        // given
        String id = fixtures.create(source, "interrupted.bin", new GeneratedInputStream(41, 50_000), 50_000);
        // what a run stopped between createAsset and the end of the upload leaves behind
        String pendingTarget = fixtures.createWithoutFile(target, "interrupted.bin");
        idMap().save(source, target, new io.stagesync.state.IdMapRepository.Mapping("Asset", id, pendingTarget, "pending:-:-1"));

        // when
        Map<String, Object> rerun = sync(source);

        // then
        // finishing the create a run left pending counts as its creation, with the bytes moved now
        assertThat(rerun).containsEntry("created", 1L).containsEntry("reuploaded", 0L).containsEntry("bytes", 50_000L);
        assertThat(idMap().find(source, target, "Asset", id)).get().extracting(m -> m.targetId()).isEqualTo(pendingTarget);
        assertThat(fixtures.list(target)).hasSize(1);
        assertTargetEqualsSource(source);
    }
}
