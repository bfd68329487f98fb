package io.stagesync.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;
import java.util.Map;

/**
 * A complete snapshot's table of contents, written last: what it was taken from and when, the schema file and hash,
 * and per model (and for the assets) the entry counts (all, published) and every chunk with its key, SHA-256, size and
 * line count. A chunk's key may lie in an earlier snapshot of the profile: that chunk did not change since.
 *
 * @param scope what a partial snapshot holds: its models, and {@code Asset} when it holds the assets; empty for a whole
 *              stage (also in manifests written before partial snapshots existed)
 */
public record Manifest(int format, String profile, String snapshot, String sourceStage, String cms, String toolVersion,
                       String startedAt, String finishedAt, String schemaHash, FileRef schema, Map<String, Part> models, Part assets,
                       long blobs, long blobBytes, List<String> warnings, List<String> scope) {

    public static final int FORMAT = 1;

    public Manifest {
        scope = scope == null ? List.of() : List.copyOf(scope);
    }

    static List<String> scope(java.util.Collection<String> models, boolean assets) {
        if (models.isEmpty() && assets) {
            return List.of();
        }
        List<String> names = new java.util.ArrayList<>(models);
        if (assets) {
            names.add(BackupService.ASSET);
        }
        return names;
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A file of the snapshot: key, SHA-256 of its stored bytes, size. */
    public record FileRef(String key, String sha256, long bytes) {
    }

    /** One chunk of a model: the hash bucket of its entries' ids, its file, and its line count. */
    public record Chunk(int bucket, String key, String sha256, long bytes, long count) {
    }

    /**
     * A model's (or the assets') part: the number of hash buckets its ids were spread over, the entries (all and
     * published), and the chunks in bucket order.
     */
    public record Part(int buckets, long count, long published, List<Chunk> chunks) {
        public Part {
            chunks = chunks == null ? List.of() : List.copyOf(chunks);
        }

        public java.util.Optional<Chunk> chunk(int bucket) {
            return chunks.stream().filter(c -> c.bucket() == bucket).findFirst();
        }
    }

    public String toJson() {
        return write(this);
    }

    public static Manifest fromJson(String json) {
        return read(json, Manifest.class);
    }

    /** Every file the manifest names (schema and chunks), for verification and for deletes. */
    public List<FileRef> files() {
        List<FileRef> files = new java.util.ArrayList<>();
        files.add(schema);
        models.values().forEach(p -> p.chunks().forEach(c -> files.add(new FileRef(c.key(), c.sha256(), c.bytes()))));
        if (assets != null) {
            assets.chunks().forEach(c -> files.add(new FileRef(c.key(), c.sha256(), c.bytes())));
        }
        return files;
    }

    /** A result or manifest as a JSON-ready map (for reports). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value) {
        return JSON.convertValue(value, Map.class);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }
}
