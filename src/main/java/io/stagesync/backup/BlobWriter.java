package io.stagesync.backup;

import io.stagesync.assets.AssetTransientException;
import io.stagesync.assets.SourceFile;

import java.io.IOException;
import java.util.UUID;

/**
 * Stores one asset file under {@code blobs/<sha256>} while reading it from its source once, without a local copy. A
 * file that fits one part is held in memory, hashed and put under its key unless stored already. A larger one is
 * uploaded in parts to a temporary key while it is hashed, then copied inside the bucket to {@code blobs/<sha256>}
 * (or dropped when that is stored already), and the temporary object is deleted. The SHA-256 and size are recorded
 * beside the blob in both cases.
 */
final class BlobWriter {

    /** One stored file: its SHA-256 and size, and whether it was new to the bucket. */
    record Blob(String sha256, long size, boolean uploaded) {
    }

    private final BackupBucket bucket;
    private final SnapshotLayout layout;

    BlobWriter(BackupBucket bucket, SnapshotLayout layout) {
        this.bucket = bucket;
        this.layout = layout;
    }

    Blob store(SourceFile source, String contentType) {
        String type = contentType == null ? "application/octet-stream" : contentType;
        int part = bucket.partSize();
        // a declared small length needs no part-sized buffer; a file longer than declared grows it to a part
        byte[] buffer = new byte[source.length() >= 0 && source.length() < part ? (int) source.length() + 1 : part];
        try {
            int n = source.stream().readNBytes(buffer, 0, buffer.length);
            if (n == buffer.length && n < part) {
                buffer = java.util.Arrays.copyOf(buffer, part);
                n += source.stream().readNBytes(buffer, n, part - n);
            }
            return n < part ? small(source, buffer, n, type) : large(source, buffer, type);
        } catch (IOException e) {
            throw new AssetTransientException("source file unreadable: " + e.getMessage(), e);
        }
    }

    private Blob small(SourceFile source, byte[] bytes, int length, String type) {
        String sha = source.stream().sha256();
        String key = layout.blob(sha);
        if (stored(key, sha)) {
            return new Blob(sha, length, false);
        }
        bucket.putBytes(key, bytes, length, type);
        bucket.recordChecksum(key, sha, length);
        return new Blob(sha, length, true);
    }

    private Blob large(SourceFile source, byte[] firstPart, String type) throws IOException {
        String temp = layout.temp(UUID.randomUUID().toString());
        try {
            long size = bucket.putParts(temp, firstPart, firstPart.length, source.stream(), type);
            String sha = source.stream().sha256();
            String key = layout.blob(sha);
            if (stored(key, sha)) {
                return new Blob(sha, size, false);
            }
            bucket.copy(temp, key, size);
            bucket.recordChecksum(key, sha, size);
            return new Blob(sha, size, true);
        } finally {
            bucket.delete(java.util.List.of(temp));
        }
    }

    private boolean stored(String key, String sha) {
        return bucket.findFile(key).filter(f -> sha.equals(f.sha256())).isPresent();
    }
}
