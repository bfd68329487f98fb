package io.stagesync.sync;

import io.stagesync.assets.ChecksumInputStream;
import io.stagesync.assets.GeneratedInputStream;
import io.stagesync.assets.MultipartPostUploader;
import io.stagesync.assets.UploadStatusPoller;
import io.stagesync.backup.BackupBucket;
import io.stagesync.backup.BackupResult;
import io.stagesync.backup.BackupSettings;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.Dialects;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.stagesync.sync.BackupRestoreTest.backupKeys;
import static io.stagesync.sync.BackupRestoreTest.backups;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asset files reach {@code blobs/<sha256>} without a local copy: a file larger than a part goes through a temporary
 * object, which no backup leaves behind (a killed backup's leftovers are removed by the next one), and a file that is
 * stored already is neither copied nor recorded again.
 */
@SuppressWarnings("unchecked")
class BackupBlobTest {

    private static final long SIZE = 6L * 1024 * 1024 + 3;

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @TempDir
    Path dir;

    @Test
    void should_leave_no_temporary_object_and_copy_a_file_into_blobs_only_once() throws Exception {
        // given: two assets with the same 6 MiB file (more than one 5 MiB part), and a leftover of a killed backup
        String source = devstage.freshEnvironment("blobs", io.stagesync.devstage.DevstageServer.demoModel(), 4);
        String sha = new ChecksumInputStream(new GeneratedInputStream(61, SIZE), null).drain();
        Map<String, String> keys = backupKeys(dir, Map.of("stagesync.backup.part-size", Long.toString(5L * 1024 * 1024),
                "stagesync.assets.parallel-transfers", "1"));
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, keys)) {
            Dialects dialects = h.camel().getRegistry().lookupByNameAndType("dialects", Dialects.class);
            for (String name : List.of("big-1.mp4", "big-2.mp4")) {
                AssetApi.Upload upload = dialects.assets().createForPost(source, name, Map.of());
                new MultipartPostUploader(Duration.ofSeconds(30), Duration.ofMinutes(2))
                        .upload(upload.postData(), name, null, new GeneratedInputStream(61, SIZE), SIZE);
                new UploadStatusPoller(dialects.assets(), Duration.ofMinutes(1), Duration.ofMillis(100)).awaitComplete(source, upload.assetId());
            }
            S3Client s3 = h.camel().getRegistry().lookupByNameAndType("backupS3Client", S3Client.class);
            BackupSettings settings = h.camel().getRegistry().lookupByNameAndType("backupSettings", BackupSettings.class);
            BackupBucket bucket = ((Function<BackupSettings.Profile, BackupBucket>) h.camel().getRegistry().lookupByName("backupBuckets"))
                    .apply(settings.profile("first"));
            s3.putObject(b -> b.bucket("stagesync-backups").key("tmp/first/killed"), RequestBody.fromString("a killed backup's file"));

            // when: a backup, then one into another profile (which reads every file again: no previous snapshot of its own)
            long copiesBefore = bucket.copiedObjects();
            BackupResult first = backups(h).backup(source, "first", SyncProgress.NONE);
            long copiesOfFirst = bucket.copiedObjects() - copiesBefore;
            var stored = s3.headObject(b -> b.bucket("stagesync-backups").key("blobs/" + sha));
            BackupResult second = backups(h).backup(source, "second", SyncProgress.NONE);

            // then
            assertThat(s3.listObjectsV2(b -> b.bucket("stagesync-backups").prefix("tmp/")).contents()).as("temporary objects").isEmpty();
            assertThat(copiesOfFirst).as("copies into blobs/ by the first backup: the large file once, though two assets have it")
                    .isEqualTo(1);
            assertThat(first.filesUploaded() + first.filesReused()).isEqualTo(second.filesReused());
            assertThat(first.filesReused()).as("the second asset with the same file (%s)", first).isGreaterThanOrEqualTo(1);
            assertThat(second.filesUploaded()).as("files the second backup stored").isZero();
            assertThat(bucket.copiedObjects() - copiesBefore - copiesOfFirst).as("copies by the second backup").isZero();
            assertThat(stored.contentLength()).isEqualTo(SIZE);
            assertThat(bucket.findFile("blobs/" + sha)).hasValueSatisfying(f -> {
                assertThat(f.sha256()).isEqualTo(sha);
                assertThat(f.size()).isEqualTo(SIZE);
            });
            try (InputStream in = bucket.open("blobs/" + sha)) {
                assertThat(new ChecksumInputStream(in, null).drain()).as("the stored bytes").isEqualTo(sha);
            }
        }
    }
}
