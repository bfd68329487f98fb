package io.stagesync.assets;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SyncAssetsUploadUrlTest extends AssetRouteTestSupport {

    private static final long MIB = 1024 * 1024;

    private final String secondTarget = newEnvironment("target");
    private final String bucket = "transfer-" + secondTarget;

    @Override
    protected void addProperties(Properties p) {
        var buckets = devstage.server().buckets();
        p.setProperty("stagesync.stages." + target + ".asset-upload", "upload-url");
        p.setProperty("stagesync.stages." + secondTarget + ".asset-upload", "upload-url");
        p.setProperty("stagesync.assets.transfer.endpoint", buckets.endpoint().toString());
        p.setProperty("stagesync.assets.transfer.access-key", buckets.accessKey());
        p.setProperty("stagesync.assets.transfer.secret-key", buckets.secretKey());
        p.setProperty("stagesync.assets.transfer.bucket", bucket);
        p.setProperty("stagesync.assets.transfer.part-size", Long.toString(5 * MIB));
        try (S3Client s3 = new S3ClientFactory(buckets.endpoint().toString(), "us-east-1", buckets.accessKey(), buckets.secretKey()).client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Test
    void should_copy_assets_through_the_transfer_bucket_and_move_nothing_twice() throws Exception {
        // given
        fixtures.create(source, "small.txt", bytes("a small file"), 12);
        fixtures.create(source, "multipart.bin", new GeneratedInputStream(11, 12 * MIB + 3), 12 * MIB + 3);
        fixtures.create(source, "café menu.pdf", new GeneratedInputStream(12, 40_000), 40_000);

        // when
        Map<String, Object> first = sync(source);
        Map<String, Object> rerun = sync(source);
        target = secondTarget;
        Map<String, Object> toAnotherTarget = sync(source);

        // then
        assertThat(first).containsEntry("created", 3L).containsEntry("failed", 0L).containsEntry("bytes", 12 * MIB + 3 + 12 + 40_000);
        assertThat(rerun).containsEntry("unchanged", 3L).containsEntry("bytes", 0L);
        assertThat(toAnotherTarget).as("the transfer bucket already holds every file")
                .containsEntry("created", 3L).containsEntry("bytes", 0L);
        assertTargetEqualsSource(source);
    }
}
