package io.stagesync.backup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Spreads a model's entry lines over hash buckets of their ids in local files as they are read, then compresses each
 * bucket into one gzip NDJSON chunk with its SHA-256. Nothing of the model stays in memory; the same entries give the
 * same chunk bytes, so an unchanged chunk is recognised by its hash.
 *
 * <p>A resumable writer ({@link #resumable}) keeps its files when the run stops and records after each page where the
 * reading got to ({@link #checkpoint}); the next run over the same folder cuts the files back to that point and reads
 * on from the recorded cursor, so a model is not read again from its start.
 */
final class ChunkWriter implements AutoCloseable {

    /** A finished chunk on local disk. */
    record LocalChunk(int bucket, Path file, String sha256, long bytes, long count) {
    }

    /**
     * Where the reading of a model got to: the next page's cursor (or all pages read), the entries and published ones
     * so far, the warnings of the pages read, the asset files counted so far (and their bytes), and the length and line
     * count of each bucket's file at that point.
     */
    record Checkpoint(int buckets, String cursor, boolean complete, long count, long published, List<String> warnings,
                      long files, long fileBytes, long[] sizes, long[] counts) {
    }

    private static final int MAX_BUCKETS = 512;
    private static final String CHECKPOINT = "checkpoint.json";

    private final Path dir;
    private final BufferedWriter[] writers;
    private final long[] counts;
    private final boolean keep;
    private Checkpoint resumed;
    private boolean done;

    ChunkWriter(Path dir, int buckets) {
        this(dir, buckets, false);
    }

    private ChunkWriter(Path dir, int buckets, boolean keep) {
        this.dir = dir;
        this.writers = new BufferedWriter[buckets];
        this.counts = new long[buckets];
        this.keep = keep;
    }

    /**
     * A writer over {@code dir} that a stopped run left: its files cut back to the last checkpoint ({@link #resumed}),
     * or emptied when there is none, it was of another bucket count, or a file is shorter than recorded.
     */
    static ChunkWriter resumable(Path dir, int buckets) {
        ChunkWriter writer = new ChunkWriter(dir, buckets, true);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(CHECKPOINT);
            Checkpoint at = Files.exists(file) ? Manifest.read(Files.readString(file), Checkpoint.class) : null;
            if (at != null && at.buckets() == buckets && at.sizes() != null && at.sizes().length == buckets && at.counts() != null
                    && at.counts().length == buckets && writer.cutBack(at)) {
                writer.resumed = at;
            } else {
                writer.clear();
            }
        } catch (IOException | IllegalArgumentException e) {
            writer.clear();
        }
        return writer;
    }

    /** The checkpoint this writer continues from, when a stopped run left one. */
    java.util.Optional<Checkpoint> resumed() {
        return java.util.Optional.ofNullable(resumed);
    }

    /** Records that every line added so far is kept: the files are flushed and their lengths written down. */
    void checkpoint(String cursor, boolean complete, long count, long published, List<String> warnings) {
        checkpoint(cursor, complete, count, published, warnings, 0, 0);
    }

    void checkpoint(String cursor, boolean complete, long count, long published, List<String> warnings, long files, long fileBytes) {
        if (!keep) {
            return;
        }
        long[] sizes = new long[writers.length];
        try {
            for (int b = 0; b < writers.length; b++) {
                if (writers[b] != null) {
                    writers[b].flush();
                }
                Path f = plain(b);
                sizes[b] = Files.exists(f) ? Files.size(f) : 0;
            }
            Path tmp = dir.resolve(CHECKPOINT + ".tmp");
            Files.writeString(tmp, Manifest.write(new Checkpoint(writers.length, cursor, complete, count, published, List.copyOf(warnings),
                    files, fileBytes, sizes, counts.clone())));
            Files.move(tmp, dir.resolve(CHECKPOINT), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the backup's progress in " + dir, e);
        }
    }

    /** The chunks are stored: closing removes the files (a resumable writer keeps them otherwise). */
    void done() {
        done = true;
    }

    private boolean cutBack(Checkpoint at) throws IOException {
        for (int b = 0; b < writers.length; b++) {
            Path f = plain(b);
            long size = Files.exists(f) ? Files.size(f) : 0;
            if (size < at.sizes()[b]) {
                return false;
            }
        }
        for (int b = 0; b < writers.length; b++) {
            Path f = plain(b);
            if (at.sizes()[b] == 0) {
                Files.deleteIfExists(f);
            } else {
                try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                    c.truncate(at.sizes()[b]);
                }
            }
            counts[b] = at.counts()[b];
        }
        return true;
    }

    private void clear() {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the local work folder " + dir, e);
        }
    }

    private Path plain(int bucket) {
        return dir.resolve(bucket + ".ndjson");
    }

    /** The bucket of an entry id among {@code buckets} (a power of two). */
    static int bucketOf(String id, int buckets) {
        byte[] d = sha256().digest(id.getBytes(StandardCharsets.UTF_8));
        int h = ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
        return h & (buckets - 1);
    }

    /**
     * How many buckets a model of {@code count} entries gets: the previous snapshot's number while it stays within a
     * factor of two of the aim (so chunks keep their entries), else the power of two nearest count / chunkSize.
     */
    static int bucketsFor(long count, int chunkSize, int previous) {
        if (previous > 0 && count <= 2L * chunkSize * previous && count * 2 >= (long) chunkSize * previous / 2) {
            return previous;
        }
        long aim = Math.max(1, (count + chunkSize - 1) / chunkSize);
        int buckets = 1;
        while (buckets < aim && buckets < MAX_BUCKETS) {
            buckets <<= 1;
        }
        return buckets;
    }

    void add(String id, String line) {
        int b = bucketOf(id, writers.length);
        try {
            if (writers[b] == null) {
                writers[b] = Files.newBufferedWriter(plain(b), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            writers[b].write(line);
            writers[b].write('\n');
            counts[b]++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local chunk file " + dir.resolve(b + ".ndjson"), e);
        }
    }

    /** Compresses every non-empty bucket; the chunks in bucket order. */
    List<LocalChunk> finish() {
        List<LocalChunk> chunks = new ArrayList<>();
        for (int b = 0; b < writers.length; b++) {
            Path plain = plain(b);
            if (writers[b] == null && !Files.exists(plain)) {
                continue;
            }
            Path gz = dir.resolve(b + ".ndjson.gz");
            try {
                if (writers[b] != null) {
                    writers[b].close();
                    writers[b] = null;
                }
                MessageDigest digest = sha256();
                try (InputStream in = Files.newInputStream(plain);
                     OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(gz), digest), 64 * 1024)) {
                    in.transferTo(out);
                }
                if (!keep) {
                    Files.delete(plain);
                }
                chunks.add(new LocalChunk(b, gz, HexFormat.of().formatHex(digest.digest()), Files.size(gz), counts[b]));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot compress the local chunk file " + plain, e);
            }
        }
        return chunks;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Closes the open files and removes the local directory (a resumable writer's only once {@link #done}). */
    @Override
    public void close() {
        for (BufferedWriter w : writers) {
            if (w != null) {
                try {
                    w.close();
                } catch (IOException e) {
                    // the directory is removed below, or cut back to its checkpoint by the next run
                }
            }
        }
        if (keep && !done) {
            return;
        }
        removeTree(dir);
    }

    /** Removes a local folder and what it holds; one left behind is harmless. */
    static void removeTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
