package io.stagesync.backup;

import io.stagesync.assets.S3TransferStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The objects of one backup bucket: small JSON objects, chunk files and small asset files put whole, large files
 * uploaded in parts from a stream and copied inside the bucket, SHA-256 records beside asset files (read through the
 * transfer store), listings by prefix, and deletes. It counts what it uploads and copies, so a backup reports the
 * objects and bytes it sent.
 */
public final class BackupBucket {

    /** The largest object a single CopyObject may copy; larger ones are copied in parts (UploadPartCopy). */
    static final long COPY_LIMIT = 5L * 1024 * 1024 * 1024;
    private static final String SIDECAR = ".sha256";

    private final S3Client s3;
    private final S3TransferStore files;
    private final String bucket;
    private final int partSize;
    private final AtomicLong uploadedObjects = new AtomicLong();
    private final AtomicLong uploadedBytes = new AtomicLong();
    private final AtomicLong copiedObjects = new AtomicLong();

    /** {@code partSize}: bytes per part of a multipart upload (at least 5 MiB, S3's minimum part). */
    public BackupBucket(S3Client s3, S3TransferStore files, String bucket, long partSize) {
        if (partSize < 5L * 1024 * 1024 || partSize > 1024L * 1024 * 1024) {
            throw new IllegalArgumentException("stagesync.backup.part-size must be from 5 MiB (S3's minimum part) to 1 GiB, got: " + partSize);
        }
        this.s3 = s3;
        this.files = files;
        this.bucket = bucket;
        this.partSize = (int) partSize;
    }

    /** Bytes per part of a multipart upload: also the most of one file a transfer holds in memory. */
    public int partSize() {
        return partSize;
    }

    /** Objects copied inside the bucket through this instance so far (server-side, no bytes sent). */
    public long copiedObjects() {
        return copiedObjects.get();
    }

    public String name() {
        return bucket;
    }

    /** Objects and bytes uploaded through this instance so far. */
    public long uploadedObjects() {
        return uploadedObjects.get();
    }

    public long uploadedBytes() {
        return uploadedBytes.get();
    }

    /** Fails with one line when the bucket is missing or cannot be reached. */
    public void check() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw new IllegalArgumentException("Backup bucket '" + bucket + "' does not exist (stagesync.backup.bucket or stagesync.profiles.<P>.bucket)");
        } catch (S3Exception e) {
            throw new IllegalArgumentException("Backup bucket '" + bucket + "' cannot be used: " + (e.statusCode() == 404 ? "it does not exist"
                    : e.statusCode() == 403 ? "access denied (stagesync.backup.access-key, .secret-key)" : e.getMessage()));
        } catch (SdkException e) {
            throw new IllegalArgumentException("Backup bucket '" + bucket + "' cannot be reached: " + e.getMessage());
        }
    }

    public void putText(String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(bytes));
        counted(bytes.length);
    }

    public void putFile(String key, Path file, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
        counted(file.toFile().length());
    }

    /** Puts a file held in memory whole (one that fits one part). */
    public void putBytes(String key, byte[] bytes, int length, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) length),
                RequestBody.fromContentProvider(() -> new java.io.ByteArrayInputStream(bytes, 0, length), length, contentType));
        counted(length);
    }

    /**
     * Uploads a stream in parts of {@link #partSize()}: {@code first} holds the first {@code firstLength} bytes (a full
     * part), the rest is read from {@code in} into the same buffer, one part at a time. Each part can be sent again from
     * the buffer when the S3 client retries it. Returns the bytes uploaded; an upload that fails is aborted.
     */
    public long putParts(String key, byte[] buffer, int firstLength, InputStream in, String contentType) throws java.io.IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int length = firstLength;
            while (length > 0 || parts.isEmpty()) {
                int n = length;
                int number = parts.size() + 1;
                var etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength((long) n),
                        RequestBody.fromContentProvider(() -> new java.io.ByteArrayInputStream(buffer, 0, n), n, contentType)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                total += n;
                length = in.readNBytes(buffer, 0, partSize);
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(u -> u.parts(parts)));
            uploadedObjects.incrementAndGet();
            uploadedBytes.addAndGet(total);
            return total;
        } catch (RuntimeException | java.io.IOException | Error e) {
            abort(key, uploadId);
            throw e;
        }
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // the next backup of the profile removes what is left under its temporary prefix
        }
    }

    /** Copies an object inside the bucket (server-side); in parts of at most 5 GiB above CopyObject's limit. */
    public void copy(String from, String to, long size) {
        if (size <= COPY_LIMIT) {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
        } else {
            copyInParts(from, to, size, COPY_LIMIT);
        }
        copiedObjects.incrementAndGet();
    }

    void copyInParts(String from, String to, long size, long partBytes) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(to)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += partBytes) {
                int number = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(size, start + partBytes) - 1);
                var etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to)
                        .uploadId(uploadId).partNumber(number).copySourceRange(range)).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(uploadId).multipartUpload(u -> u.parts(parts)));
        } catch (RuntimeException e) {
            abort(to, uploadId);
            throw e;
        }
    }

    /** Records a stored file's SHA-256 and size beside it, in the form {@link #findFile} reads; written after the file. */
    public void recordChecksum(String key, String sha256, long size) {
        // not counted as an upload: the file it describes is
        s3.putObject(b -> b.bucket(bucket).key(key + SIDECAR).contentType("text/plain"), RequestBody.fromString(sha256 + " " + size));
    }

    /** Removes what a killed upload left under a prefix: finished objects and unfinished multipart uploads. */
    public int clear(String prefix) {
        List<String> keys = objects(prefix).stream().map(S3Object::key).toList();
        delete(keys);
        try {
            for (var upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
                abort(upload.key(), upload.uploadId());
            }
        } catch (S3Exception e) {
            // a server without the listing (501) keeps unfinished parts; they are not objects and are never listed
        }
        return keys.size();
    }

    /** A stored asset file with its recorded SHA-256 and size, when it is there complete. */
    public Optional<S3TransferStore.StoredFile> findFile(String key) {
        return files.find(key);
    }

    public String presignedGetUrl(String key, Duration ttl) {
        return files.presignedGetUrl(key, ttl);
    }

    public Optional<String> text(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    public InputStream open(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    /** The "directories" directly under a prefix (names without the prefix and the trailing '/'). */
    public List<String> folders(String prefix) {
        List<String> names = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).delimiter("/"))) {
            for (CommonPrefix p : page.commonPrefixes()) {
                String name = p.prefix().substring(prefix.length());
                names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            }
        }
        return names;
    }

    /** Every object under a prefix. */
    public List<S3Object> objects(String prefix) {
        List<S3Object> all = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
            all.addAll(page.contents());
        }
        return all;
    }

    public void delete(List<String> keys) {
        for (int i = 0; i < keys.size(); i += 1000) {
            List<ObjectIdentifier> ids = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
        }
    }

    private void counted(long bytes) {
        uploadedObjects.incrementAndGet();
        uploadedBytes.addAndGet(bytes);
    }
}
