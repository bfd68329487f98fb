package io.stagesync.backup;

import io.stagesync.assets.S3TransferStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
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
 * The objects of one backup bucket: small JSON objects and chunk files put whole, asset files streamed through the
 * transfer store (multipart above the part size, SHA-256 recorded beside them), listings by prefix, and deletes. It
 * counts what it uploads, so a backup reports the objects and bytes it sent.
 */
public final class BackupBucket {

    private final S3Client s3;
    private final S3TransferStore files;
    private final String bucket;
    private final AtomicLong uploadedObjects = new AtomicLong();
    private final AtomicLong uploadedBytes = new AtomicLong();

    public BackupBucket(S3Client s3, S3TransferStore files, String bucket) {
        this.s3 = s3;
        this.files = files;
        this.bucket = bucket;
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

    /** Streams an asset file in (multipart when large); its SHA-256 is recorded beside it. */
    public S3TransferStore.StoredFile putStream(String key, InputStream in, long length, String contentType) {
        S3TransferStore.StoredFile stored = files.put(key, in, length, contentType);
        counted(stored.size());
        return stored;
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
