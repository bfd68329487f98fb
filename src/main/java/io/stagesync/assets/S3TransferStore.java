package io.stagesync.assets;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps files in one S3 bucket under content-addressed keys: streams them in through camel-aws2-s3 (multipart
 * above the part size), remembers each file's SHA-256 and size beside it, and hands out pre-signed GET URLs.
 */
public final class S3TransferStore {

    /** A stored file: its key, SHA-256 and size. */
    public record StoredFile(String key, String sha256, long size) {
    }

    private static final String SIDECAR = ".sha256";
    private static final long MAX_PART_SIZE = 1024L * 1024 * 1024;

    private final ProducerTemplate producer;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final String endpointUri;
    private final long partSize;

    /**
     * @param s3ClientBean the registry name of {@code s3} (the camel-aws2-s3 endpoint uses the same client)
     * @param partSize     bytes per multipart part; files of this size or more go up in parts
     */
    public S3TransferStore(ProducerTemplate producer, S3Client s3, S3Presigner presigner, String s3ClientBean,
                           String bucket, String prefix, long partSize) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("stagesync.assets.transfer.bucket must name a bucket");
        }
        if (partSize < 5L * 1024 * 1024 || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("stagesync.assets.transfer.part-size must be from 5 MiB (S3's minimum part) to 1 GiB "
                    + "(each transfer holds one part in memory, to send it again when a request is retried), got: " + partSize);
        }
        this.partSize = partSize;
        this.producer = producer;
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isBlank() ? "" : prefix.replaceAll("/+$", "") + "/";
        this.endpointUri = "aws2-s3://" + bucket + "?amazonS3Client=#" + s3ClientBean
                + "&autoCreateBucket=false&multiPartUpload=true&partSize=" + partSize;
    }

    /** The key for a content hash: the same content always lands on the same key, so a rerun finds it. */
    public String keyFor(String contentHash) {
        if (contentHash == null || !contentHash.matches("[0-9a-f]{16,128}")) {
            throw new IllegalArgumentException("content hash must be lower-case hex, got: " + contentHash);
        }
        return prefix + contentHash.substring(0, 2) + "/" + contentHash;
    }

    /** The stored file under {@code key}, when it is there complete (its checksum record written after it). */
    public Optional<StoredFile> find(String key) {
        try {
            String[] record = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key + SIDECAR)).asUtf8String().trim().split(" ");
            long size = s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
            return size == Long.parseLong(record[1]) ? Optional.of(new StoredFile(key, record[0], size)) : Optional.empty();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("look up", key, e);
        } catch (SdkException e) {
            throw failure("look up", key, e);
        }
    }

    /**
     * Streams {@code length} bytes into {@code key} and records their SHA-256 beside it. The bytes of each request body
     * (the whole file below the part size, else each part) are kept until it is sent, so the S3 client can send it again
     * when it retries a request; the source is read once.
     */
    public StoredFile put(String key, InputStream content, long length, String contentType) {
        ChecksumInputStream in = content instanceof ChecksumInputStream c ? c : new ChecksumInputStream(content, null);
        InputStream body = new ReplayableInputStream(in, (int) Math.min(partSize, Math.max(length, 0)));
        long before = in.count();
        Exchange result;
        try {
            result = producer.send(endpointUri, exchange -> {
                exchange.getIn().setHeader(AWS2S3Constants.KEY, key);
                exchange.getIn().setHeader(AWS2S3Constants.CONTENT_LENGTH, length);
                exchange.getIn().setHeader(AWS2S3Constants.CONTENT_TYPE, contentType == null ? "application/octet-stream" : contentType);
                exchange.getIn().setBody(body);
            });
        } catch (RuntimeException e) {
            // the endpoint checks the bucket when it is first resolved: an outage surfaces here
            throw failure("upload", key, e);
        }
        if (result.getException() != null) {
            throw failure("upload", key, result.getException());
        }
        long size = in.count() - before;
        StoredFile stored = new StoredFile(key, in.sha256(), size);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key + SIDECAR).contentType("text/plain"),
                    RequestBody.fromString(stored.sha256() + " " + size, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw failure("record checksum of", key, e);
        }
        return stored;
    }

    /** A pre-signed GET URL for {@code key}, valid for {@code ttl}. */
    public String presignedGetUrl(String key, Duration ttl) {
        return presigner.presignGetObject(b -> b.signatureDuration(ttl).getObjectRequest(g -> g.bucket(bucket).key(key)))
                .url().toString();
    }

    /** Opens a stored file for reading (restores read back what backups stored). */
    public InputStream open(String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    /** Removes a stored file and its checksum record. */
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            s3.deleteObject(b -> b.bucket(bucket).key(key + SIDECAR));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    private RuntimeException failure(String action, String key, Throwable e) {
        boolean transientFailure = false;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            transientFailure |= t instanceof SdkClientException || t instanceof java.io.IOException
                    || (t instanceof S3Exception s && (s.statusCode() >= 500 || s.statusCode() == 429 || s.statusCode() == 408));
        }
        String reason = "transfer bucket: cannot " + action + " bucket=" + bucket + " key=" + key + ": " + root.getMessage();
        return transientFailure ? new AssetTransientException(reason, e) : new AssetFailedException(reason, e);
    }
}
