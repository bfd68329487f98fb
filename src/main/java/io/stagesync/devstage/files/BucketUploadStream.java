package io.stagesync.devstage.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a stream of unknown length into one bucket object with at most one part buffer in memory: a single
 * PutObject when it fits in one part, else an S3 multipart upload that {@link #abort()} (or closing without
 * {@link #complete()}) removes, so a failed or refused upload leaves neither an object nor a pending upload.
 */
public final class BucketUploadStream extends OutputStream {

    private static final Logger log = LoggerFactory.getLogger(BucketUploadStream.class);
    private static final int FIRST_BUFFER = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final Map<String, String> metadata;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer = new byte[0];
    private int filled;
    private long written;
    private String uploadId;
    private boolean done;

    BucketUploadStream(S3Client s3, String bucket, String key, String contentType, Map<String, String> metadata, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.metadata = metadata;
        this.partSize = partSize;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        if (done) {
            throw new IOException("upload of " + bucket + "/" + key + " is already finished");
        }
        while (len > 0) {
            if (filled == partSize) {
                try {
                    sendPart();
                } catch (RuntimeException e) {
                    throw new IOException("storing part " + (parts.size() + 1) + " of " + bucket + "/" + key + " failed: " + e.getMessage(), e);
                }
            }
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(partSize, Math.max(FIRST_BUFFER, buffer.length * 2)));
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(bytes, off, buffer, filled, n);
            filled += n;
            written += n;
            off += n;
            len -= n;
        }
    }

    /** Bytes written so far. */
    public long size() {
        return written;
    }

    /** Stores what was written as the object: PutObject for one part, else the last part and CompleteMultipartUpload. */
    public void complete() {
        if (done) {
            throw new IllegalStateException("upload of " + bucket + "/" + key + " is already finished");
        }
        try {
            if (uploadId == null) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) filled).metadata(metadata),
                        body());
            } else {
                if (filled > 0) {
                    sendPart();
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
            done = true;
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
        buffer = null;
    }

    /** Drops what was written; a started multipart upload is aborted. Safe to call more than once. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        buffer = null;
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
                log.debug("Multipart upload aborted bucket={} key={} uploadId={}", bucket, key, uploadId);
            } catch (RuntimeException e) {
                log.warn("Multipart upload abort failed bucket={} key={} uploadId={} reason={}", bucket, key, uploadId, e.toString());
            }
        }
    }

    /** Aborts unless {@link #complete()} succeeded. */
    @Override
    public void close() {
        abort();
    }

    private void sendPart() {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType).metadata(metadata))
                        .uploadId();
            }
            int number = parts.size() + 1;
            String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) filled), body()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            filled = 0;
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    private RequestBody body() {
        byte[] bytes = buffer;
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, contentType);
    }
}
