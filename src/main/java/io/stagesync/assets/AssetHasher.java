package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hashes what identifies an asset's content in the source (file name, type, size, dimensions, update time, custom
 * fields, and the same of each localization) and derives the idempotency key of (source, target, asset id, content hash).
 */
public final class AssetHasher {

    /** The content hash of a source asset: 32 hex characters, stable across runs. */
    public String contentHash(AssetApi.SourceAsset a) {
        Map<String, Object> fields = a.fields() == null ? Map.of() : new TreeMap<>(a.fields());
        String canonical = String.join("\u0000", a.fileName(), String.valueOf(a.mimeType()), Long.toString(a.size()),
                String.valueOf(a.width()), String.valueOf(a.height()), String.valueOf(a.updatedAt()), fields.toString());
        // an asset without localizations hashes as before they were read, so its recorded hash stays valid
        StringBuilder localized = new StringBuilder(canonical);
        a.localizations().stream().sorted(java.util.Comparator.comparing(AssetApi.Localization::locale)).forEach(l -> localized
                .append('\u0001').append(String.join("\u0000", l.locale(), l.fileName(), String.valueOf(l.mimeType()),
                        Long.toString(l.size()), String.valueOf(l.width()), String.valueOf(l.height()),
                        new TreeMap<>(l.fields() == null ? Map.of() : l.fields()).toString())));
        return sha256(localized.toString()).substring(0, 32);
    }

    /** The idempotent repository's message id (64 hex characters, within its 100-character column). */
    public String messageId(String sourceStage, String targetStage, String sourceId, String contentHash) {
        return sha256(String.join("\u0000", sourceStage, targetStage, sourceId, contentHash));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
