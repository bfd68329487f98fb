package io.stagesync.backup;

import io.stagesync.devstage.files.BucketServer;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;

/**
 * The embedded default of the backup bucket: with no {@code stagesync.backup.endpoint}, a local S3-compatible server
 * (S3Proxy on a loopback port, credentials made at start) keeps the buckets as files under
 * {@code stagesync.backup.data-dir}, so backups survive the process and a later restore finds them.
 */
final class EmbeddedBackupBucket implements AutoCloseable {

    private final BucketServer server;

    EmbeddedBackupBucket(Path dataDir) throws Exception {
        this.server = new BucketServer(dataDir);
    }

    String endpoint() {
        return server.endpoint().toString();
    }

    String accessKey() {
        return server.accessKey();
    }

    String secretKey() {
        return server.secretKey();
    }

    /** Creates the bucket when the folder does not have it yet. */
    static void ensureBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
