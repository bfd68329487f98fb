package io.stagesync.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** Reads the lines of a gzip NDJSON chunk from the bucket as a stream. */
final class ChunkReader {

    private ChunkReader() {
    }

    static void lines(BackupBucket bucket, String key, Consumer<String> onLine) {
        try (InputStream raw = bucket.open(key);
             BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 64 * 1024), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    onLine.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chunk " + key + ": " + e.getMessage(), e);
        }
    }

    /** A whole chunk's lines (a chunk is bounded by stagesync.backup.chunk-size). */
    static List<String> all(BackupBucket bucket, String key) {
        List<String> lines = new ArrayList<>();
        lines(bucket, key, lines::add);
        return lines;
    }
}
