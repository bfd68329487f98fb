package io.stagesync.assets;

import software.amazon.awssdk.services.s3.S3Client;

import java.util.Properties;

/** {@link SyncAssetsLocalizationTest} with the {@code upload-url} strategy: each locale's file goes through the transfer bucket. */
class SyncAssetsLocalizationUploadUrlTest extends SyncAssetsLocalizationTest {

    @Override
    protected void addProperties(Properties p) {
        var buckets = devstage.server().buckets();
        String bucket = "transfer-" + target;
        p.setProperty("stagesync.stages." + target + ".asset-upload", "upload-url");
        p.setProperty("stagesync.assets.transfer.endpoint", buckets.endpoint().toString());
        p.setProperty("stagesync.assets.transfer.access-key", buckets.accessKey());
        p.setProperty("stagesync.assets.transfer.secret-key", buckets.secretKey());
        p.setProperty("stagesync.assets.transfer.bucket", bucket);
        try (S3Client s3 = new S3ClientFactory(buckets.endpoint().toString(), "us-east-1", buckets.accessKey(), buckets.secretKey()).client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }
}
