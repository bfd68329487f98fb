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
 */
final class ChunkWriter implements AutoCloseable {

    /** A finished chunk on local disk. */
    record LocalChunk(int bucket, Path file, String sha256, long bytes, long count) {
    }

    private static final int MAX_BUCKETS = 512;

    private final Path dir;
    private final BufferedWriter[] writers;
    private final long[] counts;

    ChunkWriter(Path dir, int buckets) {
        this.dir = dir;
        this.writers = new BufferedWriter[buckets];
        this.counts = new long[buckets];
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
                writers[b] = Files.newBufferedWriter(dir.resolve(b + ".ndjson"), StandardCharsets.UTF_8);
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
            if (writers[b] == null) {
                continue;
            }
            Path plain = dir.resolve(b + ".ndjson");
            Path gz = dir.resolve(b + ".ndjson.gz");
            try {
                writers[b].close();
                writers[b] = null;
                MessageDigest digest = sha256();
                try (InputStream in = Files.newInputStream(plain);
                     OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(gz), digest), 64 * 1024)) {
                    in.transferTo(out);
                }
                Files.delete(plain);
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

    /** Closes the open files and removes the local directory. */
    @Override
    public void close() {
        for (BufferedWriter w : writers) {
            if (w != null) {
                try {
                    w.close();
                } catch (IOException e) {
                    // the directory is removed below either way
                }
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
