package io.stagesync.assets;

import java.util.Optional;

/**
 * What the id map remembers of a synced asset in its content-hash column: the source content hash, the file's
 * SHA-256 and size ({@code <contentHash>:<sha256>:<size>}), so changed bytes are told from changed metadata.
 *
 * @param contentHash the source content hash last synced, or {@code pending} while an upload is under way
 */
public record AssetFileRecord(String contentHash, String sha256, long size) {

    public static final String PENDING = "pending";

    public String format() {
        return contentHash + ":" + sha256 + ":" + size;
    }

    public boolean pending() {
        return PENDING.equals(contentHash);
    }

    /** Parses a stored value; empty for a value that is not a record (such as one written by an older run). */
    public static Optional<AssetFileRecord> parse(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.split(":");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AssetFileRecord(parts[0], parts[1], Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
