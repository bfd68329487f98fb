package io.stagesync.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

/**
 * Checks a snapshot before anything is written from it: every file the manifest names has its SHA-256, every chunk
 * its line count, every model its entry count, and every asset's file is in the bucket with its recorded SHA-256.
 * The first difference refuses the snapshot in one line naming the file.
 */
final class SnapshotVerifier {

    /** Asset files looked up at once. */
    private static final int FILE_LOOKUPS = 8;

    private SnapshotVerifier() {
    }

    /** Verifies the snapshot (only the selected models when {@code models} is not empty). */
    static void verify(BackupBucket bucket, SnapshotLayout layout, Manifest m, List<String> models, io.stagesync.sync.SyncProgress progress) {
        String name = m.profile() + "/" + m.snapshot();
        check(bucket, name, m.schema().key(), m.schema().sha256(), -1);
        long done = 0;
        for (var e : m.models().entrySet()) {
            if (!models.isEmpty() && !models.contains(e.getKey())) {
                continue;
            }
            verifyPart(bucket, name, e.getKey(), e.getValue());
            progress.progress("verify", ++done, m.models().size());
        }
        if (m.assets() != null && (models.isEmpty() || models.contains(BackupService.ASSET))) {
            verifyPart(bucket, name, BackupService.ASSET, m.assets());
            // two small requests per file, nothing to compute: looked up several at once (one at a time took most of the
            // verification of a snapshot with a few hundred files)
            ExecutorService lookups = Executors.newFixedThreadPool(FILE_LOOKUPS);
            try {
                for (Manifest.Chunk c : m.assets().chunks()) {
                    List<Future<?>> checks = new ArrayList<>();
                    ChunkReader.lines(bucket, c.key(), line -> {
                        EntryCodec.AssetRecord r = EntryCodec.asset(line);
                        // a file that could not be backed up (a warning of the backup) is left out by the restore
                        if (r.sha256() != null) {
                            checks.add(lookups.submit(() -> verifyFile(bucket, layout, name, r.id(), r.sha256(), r.size())));
                        }
                        r.localizations().stream().filter(l -> l.sha256() != null).forEach(l -> checks.add(lookups.submit(
                                () -> verifyFile(bucket, layout, name, r.id() + " (" + l.locale() + ")", l.sha256(), l.size()))));
                    });
                    for (Future<?> check : checks) {
                        BackupService.done(check);
                    }
                }
            } finally {
                lookups.shutdownNow();
            }
        }
    }

    private static void verifyFile(BackupBucket bucket, SnapshotLayout layout, String name, String asset, String sha256, long size) {
        String key = layout.blob(sha256);
        var stored = bucket.findFile(key).orElseThrow(() -> new IllegalArgumentException("Snapshot " + name
                + " is incomplete: the file " + key + " of asset " + asset + " is missing; nothing was written"));
        if (!sha256.equals(stored.sha256()) || stored.size() != size && size > 0) {
            throw new IllegalArgumentException("Snapshot " + name + " is corrupt: the file " + key + " of asset " + asset
                    + " does not have its recorded SHA-256 and size; nothing was written");
        }
    }

    private static void verifyPart(BackupBucket bucket, String name, String model, Manifest.Part part) {
        long total = 0;
        for (Manifest.Chunk c : part.chunks()) {
            total += check(bucket, name, c.key(), c.sha256(), c.count());
        }
        if (total != part.count()) {
            throw new IllegalArgumentException("Snapshot " + name + " is incomplete: " + model + " has " + total
                    + " entries in its chunks, the manifest says " + part.count() + "; nothing was written");
        }
    }

    /** Reads a file once, hashing the stored bytes and (for a chunk) counting its lines; returns the line count. */
    private static long check(BackupBucket bucket, String name, String key, String sha256, long lines) {
        MessageDigest digest = ChunkWriter.sha256();
        long count = 0;
        try (InputStream raw = new DigestInputStream(bucket.open(key), digest)) {
            if (lines >= 0) {
                BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 64 * 1024), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    count += line.isEmpty() ? 0 : 1;
                }
            }
            // the hash covers every stored byte, also any the decompression left unread
            raw.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // a flipped byte usually breaks the gzip stream before the hash is compared
            if (!HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
                throw new IllegalArgumentException("Snapshot " + name + " is corrupt: " + key + " cannot be read (" + e.getMessage()
                        + ") and does not match its SHA-256; nothing was written");
            }
            throw new IllegalArgumentException("Snapshot " + name + ": " + key + " cannot be read: " + e.getMessage() + "; nothing was written");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new IllegalArgumentException("Snapshot " + name + " is corrupt: " + key + " has SHA-256 " + actual
                    + ", the manifest says " + sha256 + "; nothing was written");
        }
        if (lines >= 0 && count != lines) {
            throw new IllegalArgumentException("Snapshot " + name + " is corrupt: " + key + " has " + count + " lines, the manifest says "
                    + lines + "; nothing was written");
        }
        return count;
    }
}
