package io.stagesync.backup;

import io.stagesync.assets.ChecksumInputStream;
import io.stagesync.assets.GeneratedInputStream;
import io.stagesync.assets.S3ClientFactory;
import io.stagesync.devstage.files.BucketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bucket's streaming parts against a real S3 server (S3Proxy): uploads in parts, copies in parts, clean-up. */
class BackupBucketTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private BucketServer server;
    private S3Client s3;
    private BackupBucket bucket;

    @BeforeEach
    void start() throws Exception {
        server = new BucketServer(dir);
        s3 = new S3ClientFactory(server.endpoint().toString(), "us-east-1", server.accessKey(), server.secretKey()).client();
        s3.createBucket(b -> b.bucket("parts"));
        bucket = new BackupBucket(s3, null, "parts", 5L * MIB);
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        server.close();
    }

    private String sha256Of(String key) throws Exception {
        try (InputStream in = bucket.open(key)) {
            return new ChecksumInputStream(in, null).drain();
        }
    }

    @Test
    void should_upload_a_stream_in_parts_and_copy_it_in_ranged_parts_byte_for_byte() throws Exception {
        // given: 12 MiB + 3 bytes, more than two 5 MiB parts
        long length = 12L * MIB + 3;
        String expected = new ChecksumInputStream(new GeneratedInputStream(3, length), null).drain();
        InputStream in = new GeneratedInputStream(3, length);
        byte[] buffer = new byte[bucket.partSize()];
        int first = in.readNBytes(buffer, 0, buffer.length);

        // when
        long uploaded = bucket.putParts("tmp/p/one", buffer, first, in, "video/mp4");
        bucket.copyInParts("tmp/p/one", "blobs/copy", length, 5L * MIB);

        // then
        assertThat(uploaded).isEqualTo(length);
        assertThat(bucket.uploadedBytes()).isEqualTo(length);
        assertThat(sha256Of("tmp/p/one")).isEqualTo(expected);
        assertThat(s3.headObject(b -> b.bucket("parts").key("blobs/copy")).contentLength()).isEqualTo(length);
        assertThat(sha256Of("blobs/copy")).isEqualTo(expected);
    }

    @Test
    void should_clear_what_a_killed_upload_left_under_a_prefix_and_nothing_else() {
        // given: a finished leftover, an unfinished multipart upload, and an object outside the prefix
        s3.putObject(b -> b.bucket("parts").key("tmp/p/left"), RequestBody.fromString("left over"));
        String uploadId = s3.createMultipartUpload(b -> b.bucket("parts").key("tmp/p/cut")).uploadId();
        s3.uploadPart(b -> b.bucket("parts").key("tmp/p/cut").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(new byte[MIB]));
        s3.putObject(b -> b.bucket("parts").key("blobs/kept"), RequestBody.fromString("kept"));

        // when
        int removed = bucket.clear("tmp/p/");

        // then
        assertThat(removed).isEqualTo(1);
        assertThat(bucket.objects("tmp/")).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket("parts").prefix("tmp/")).uploads()).isEmpty();
        assertThat(bucket.exists("blobs/kept")).isTrue();
    }
}
