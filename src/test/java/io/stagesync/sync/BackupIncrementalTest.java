package io.stagesync.sync;

import io.stagesync.backup.BackupResult;
import io.stagesync.backup.Manifest;
import io.stagesync.backup.RestoreResult;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.Dialects;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.S3PostForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.stagesync.sync.BackupRestoreTest.assetFiles;
import static io.stagesync.sync.BackupRestoreTest.backupKeys;
import static io.stagesync.sync.BackupRestoreTest.backups;
import static io.stagesync.sync.BackupRestoreTest.catalog;
import static io.stagesync.sync.BackupRestoreTest.restores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A second backup after 1 % of the entries and one asset file changed uploads only the changed chunks and the one
 * file; the older snapshot still restores the older content; a flipped byte or a missing manifest is refused.
 */
@SuppressWarnings("unchecked")
class BackupIncrementalTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @TempDir
    Path dir;

    private static void mutate(String env, String mutation) throws Exception {
        var r = devstage.client().post(devstage.contentApiUrl(env), mutation);
        assertThat(r.errors()).as(mutation).isEmpty();
    }

    private static String first(String env, String connection, String field) throws Exception {
        var r = devstage.client().post(devstage.contentApiUrl(env), "{ " + connection + "(first: 1, stage: DRAFT) { edges { node { id "
                + field + " } } } }");
        Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) r.json().get("data")).get(connection);
        return (String) ((Map<String, Object>) ((List<Map<String, Object>>) c.get("edges")).get(0).get("node")).get("id");
    }

    private static String hotelName(String env, String slug) throws Exception {
        var r = devstage.client().post(devstage.contentApiUrl(env), "{ hotel(where: { slug: \"" + slug + "\" }, stage: DRAFT) { name } }");
        return (String) ((Map<String, Object>) r.data("hotel")).get("name");
    }

    @Test
    void should_upload_only_changed_chunks_and_files_and_still_restore_the_older_snapshot() throws Exception {
        // given: 164 entries (40 hotels, 4 destinations, 120 reviews) and 8 assets, 4 entries per chunk
        String source = devstage.freshEnvironment("inc", io.stagesync.devstage.DevstageServer.demoModel(), 40);
        String older = devstage.freshEnvironment("older");
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, backupKeys(dir))) {
            BackupResult full = backups(h).backup(source, "customer1", SyncProgress.NONE);
            String hotel = first(source, "hotelsConnection", "slug");
            var slug = (String) ((Map<String, Object>) devstage.client().post(devstage.contentApiUrl(source),
                    "{ hotel(where: { id: \"" + hotel + "\" }, stage: DRAFT) { slug } }").data("hotel")).get("slug");
            String oldName = hotelName(source, slug);

            // when: one hotel and one review change (2 of 164 entries), and one asset gets a new file
            mutate(source, "mutation { updateHotel(where: { id: \"" + hotel + "\" }, data: { name: \"Renamed\" }) { id } }");
            mutate(source, "mutation { updateReview(where: { id: \"" + first(source, "reviewsConnection", "title")
                    + "\" }, data: { title: \"Changed\" }) { id } }");
            Dialects dialects = h.camel().getRegistry().lookupByNameAndType("dialects", Dialects.class);
            AssetApi.SourceAsset asset = dialects.assets().page(source, null, 1).assets().get(0);
            AssetApi.Upload upload = dialects.assets().reuploadForPost(source, asset.id());
            Path file = dir.resolve("new.bin");
            Files.write(file, "a new file for the first asset".getBytes());
            var posted = HttpClient.newHttpClient().send(S3PostForm.request(upload.postData(), asset.fileName(), file),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isBetween(200, 299);
            BackupResult incremental = backups(h).backup(source, "customer1", SyncProgress.NONE);
            RestoreResult restored = restores(h).restore("customer1", full.snapshot(), older, List.of(), SyncProgress.NONE);

            // then
            assertThat(full.chunksWritten()).isGreaterThan(20);
            assertThat(incremental.chunksWritten()).as("chunks written: a hotel's, a review's, an asset's").isEqualTo(3);
            assertThat(incremental.chunksReused()).isEqualTo(full.chunksWritten() - 3);
            assertThat(incremental.filesUploaded()).as("asset files uploaded").isEqualTo(1);
            assertThat(incremental.uploadedBytes()).as("bytes of the incremental backup vs the full one")
                    .isLessThan(full.uploadedBytes() / 4);
            assertThat(catalog(h).list("customer1")).hasSize(2);
            assertThat(restored.status()).as("report %s", restored.sync().report()).isEqualTo("SUCCEEDED");
            assertThat(hotelName(older, slug)).isEqualTo(oldName).isNotEqualTo("Renamed");
            Map<String, String> reverse = StageSnapshot.reverseIdMap(h.dataSource(), "backup:customer1", older);
            assertThat(assetFiles(devstage, older, "DRAFT", reverse).get(asset.id())).as("the older file of the changed asset")
                    .isNotEqualTo(assetFiles(devstage, source, "DRAFT", null).get(asset.id()));
        }
    }

    @Test
    void should_compare_each_part_with_the_newest_snapshot_that_holds_it_when_the_latest_is_partial() throws Exception {
        // given: a whole backup, then a partial one (the hotels alone, as a pre-mirror backup with --models Hotel)
        String source = devstage.freshEnvironment("part", io.stagesync.devstage.DevstageServer.demoModel(), 10);
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, backupKeys(dir))) {
            BackupResult whole = backups(h).backup(source, "pm", SyncProgress.NONE);
            BackupResult partial = backups(h).backup(source, "pm", List.of("Hotel"), false, SyncProgress.NONE);
            // an asset file the source no longer serves: a backup that read it again would name it in its warnings
            Dialects dialects = h.camel().getRegistry().lookupByNameAndType("dialects", Dialects.class);
            AssetApi.SourceAsset asset = dialects.assets().page(source, null, 100).assets().get(0);
            var files = devstage.server().files();
            files.client().deleteObject(b -> b.bucket(files.bucket(source)).key(io.stagesync.devstage.files.S3AssetFiles.key(source, asset.id())));

            // when
            BackupResult next = backups(h).backup(source, "pm", SyncProgress.NONE);

            // then: the reviews, destinations and assets compare with the whole backup, the hotels with the partial one
            assertThat(partial.entries().keySet()).containsExactly("Hotel");
            assertThat(catalog(h).resolve("pm", partial.snapshot()).scope()).containsExactly("Hotel");
            assertThat(next.chunksWritten()).isZero();
            assertThat(next.chunksReused()).isEqualTo(whole.chunksWritten()).isPositive();
            assertThat(next.filesUploaded()).isZero();
            assertThat(next.warnings()).isEmpty();
            assertThat(catalog(h).resolve("pm", next.snapshot()).scope()).isEmpty();
        }
    }

    @Test
    void should_refuse_a_flipped_byte_naming_the_file_and_never_offer_a_snapshot_without_manifest() throws Exception {
        // given
        String source = devstage.freshEnvironment("flip", io.stagesync.devstage.DevstageServer.demoModel(), 10);
        String target = devstage.freshEnvironment("flipped");
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, backupKeys(dir))) {
            BackupResult first = backups(h).backup(source, "p", SyncProgress.NONE);
            BackupResult second = backups(h).backup(source, "p", SyncProgress.NONE);
            S3Client s3 = h.camel().getRegistry().lookupByNameAndType("backupS3Client", S3Client.class);
            Manifest manifest = catalog(h).resolve("p", first.snapshot());
            String chunk = manifest.models().get("Review").chunks().get(0).key();
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket("stagesync-backups").key(chunk)).asByteArray();
            bytes[bytes.length / 2] ^= 0x01;
            s3.putObject(b -> b.bucket("stagesync-backups").key(chunk), RequestBody.fromBytes(bytes));
            s3.deleteObject(b -> b.bucket("stagesync-backups").key("profiles/p/" + second.snapshot() + "/manifest.json"));
            long writesBefore = devstage.stats(target).writes();

            // when / then
            assertThatThrownBy(() -> restores(h).restore("p", first.snapshot(), target, List.of(), SyncProgress.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(chunk).hasMessageContaining("corrupt");
            assertThat(devstage.stats(target).writes()).as("writes to the target").isEqualTo(writesBefore);
            assertThat(catalog(h).list("p")).extracting(l -> l.manifest().snapshot()).containsExactly(first.snapshot());
            assertThatThrownBy(() -> restores(h).restore("p", second.snapshot(), target, List.of(), SyncProgress.NONE))
                    .hasMessageContaining("incomplete");
        }
    }

    @Test
    void should_name_an_asset_whose_file_is_gone_in_the_warnings_and_restore_the_rest() throws Exception {
        // given: one asset of the source has lost its file
        String source = devstage.freshEnvironment("gone", io.stagesync.devstage.DevstageServer.demoModel(), 10);
        String target = devstage.freshEnvironment("gonecopy");
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, backupKeys(dir))) {
            Dialects dialects = h.camel().getRegistry().lookupByNameAndType("dialects", Dialects.class);
            List<AssetApi.SourceAsset> assets = dialects.assets().page(source, null, 100).assets();
            AssetApi.SourceAsset lost = assets.get(0);
            var files = devstage.server().files();
            files.client().deleteObject(b -> b.bucket(files.bucket(source)).key(io.stagesync.devstage.files.S3AssetFiles.key(source, lost.id())));

            // when
            BackupResult backup = backups(h).backup(source, "gone", SyncProgress.NONE);
            RestoreResult restore = restores(h).restore("gone", "latest", target, List.of(), SyncProgress.NONE);

            // then
            assertThat(backup.warnings()).anySatisfy(w -> assertThat(w).startsWith("Asset " + lost.id() + " (").contains("not backed up"));
            assertThat(backup.assets()).isEqualTo(assets.size());
            assertThat(catalog(h).resolve("gone", "latest").warnings()).isEqualTo(backup.warnings());
            Map<String, String> reverse = StageSnapshot.reverseIdMap(h.dataSource(), "backup:gone", target);
            assertThat(assetFiles(devstage, target, "DRAFT", reverse).keySet())
                    .containsExactlyInAnyOrderElementsOf(assets.stream().map(AssetApi.SourceAsset::id).filter(id -> !id.equals(lost.id())).toList());
            assertThat(restore.snapshotWarnings()).isEqualTo(backup.warnings());
            assertThat(restore.sync().report().get("warnings").toString()).as("report %s", restore.sync().report())
                    .contains("link Asset entries not mapped");
        }
    }
}
