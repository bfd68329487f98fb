package io.stagesync.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, verified snapshot opened for reading: its manifest, schema and bucket, with the last chunks read kept
 * (a chunk is bounded by {@code stagesync.backup.chunk-size}), as pages and look-ups by id read the same chunk in turn.
 */
final class OpenSnapshot {

    private static final int CACHED_CHUNKS = 4;

    final Manifest manifest;
    final SchemaFile schema;
    final BackupBucket bucket;
    final SnapshotLayout layout;
    private final Map<String, List<String>> chunks = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > CACHED_CHUNKS;
        }
    };

    OpenSnapshot(Manifest manifest, SchemaFile schema, BackupBucket bucket, SnapshotLayout layout) {
        this.manifest = manifest;
        this.schema = schema;
        this.bucket = bucket;
        this.layout = layout;
    }

    /** The part of a model ({@code Asset} for the assets); an empty one when the snapshot has no such model. */
    Manifest.Part part(String model) {
        Manifest.Part p = BackupService.ASSET.equals(model) ? manifest.assets() : manifest.models().get(model);
        return p == null ? new Manifest.Part(1, 0, 0, List.of()) : p;
    }

    List<String> lines(Manifest.Chunk chunk) {
        synchronized (chunks) {
            List<String> cached = chunks.get(chunk.key());
            if (cached != null) {
                return cached;
            }
        }
        List<String> read = ChunkReader.all(bucket, chunk.key());
        synchronized (chunks) {
            chunks.put(chunk.key(), read);
        }
        return read;
    }

    /** A cursor through a part's chunks: {@code <chunk index>:<line>}. */
    record Position(int chunk, int line) {
        static Position of(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return new Position(0, 0);
            }
            String[] p = cursor.split(":");
            try {
                return new Position(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
            } catch (RuntimeException e) {
                // a cursor of another source (not a snapshot's): start over, the id map skips what is written
                return new Position(0, 0);
            }
        }

        String cursor() {
            return chunk + ":" + line;
        }
    }

    /** Up to {@code first} lines of a part after {@code cursor}, the next cursor, and whether more follow. */
    record Slice(List<String> lines, String next, boolean hasNext) {
    }

    Slice slice(String model, String cursor, int first) {
        Manifest.Part part = part(model);
        Position at = Position.of(cursor);
        List<String> out = new java.util.ArrayList<>();
        int c = at.chunk();
        int line = at.line();
        while (c < part.chunks().size() && out.size() < first) {
            List<String> lines = lines(part.chunks().get(c));
            while (line < lines.size() && out.size() < first) {
                out.add(lines.get(line++));
            }
            if (line >= lines.size()) {
                c++;
                line = 0;
            }
        }
        return new Slice(out, new Position(c, line).cursor(), c < part.chunks().size());
    }

    /** The lines of a part whose ids are among {@code ids}, read from the chunks their id hashes point at. */
    List<String> byIds(String model, List<String> ids) {
        Manifest.Part part = part(model);
        Map<Integer, List<String>> byBucket = new LinkedHashMap<>();
        ids.forEach(id -> byBucket.computeIfAbsent(ChunkWriter.bucketOf(id, part.buckets()), b -> new java.util.ArrayList<>()).add(id));
        List<String> out = new java.util.ArrayList<>();
        byBucket.forEach((b, wanted) -> part.chunk(b).ifPresent(chunk -> {
            java.util.Set<String> set = new java.util.HashSet<>(wanted);
            for (String line : lines(chunk)) {
                if (set.contains(EntryCodec.id(line))) {
                    out.add(line);
                }
            }
        }));
        return out;
    }
}
