package io.stagesync.sync;

import io.stagesync.dialect.SourceEntry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hashes the content the engine writes for an entry (values, localized values, link ids in order), so an
 * entry whose hash is unchanged since the last sync is skipped. Timestamps are left out on purpose.
 */
public final class EntryHasher {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * The entry's hash: its content's, or, when its published version differs from it, the hash of both (so a change
     * of either version rewrites the entry).
     */
    public String hash(SourceEntry entry) {
        String draft = contentHash(entry);
        if (!draftDiffers(entry)) {
            return draft;
        }
        return digest(draft + "|" + contentHash(entry.published()), entry);
    }

    /** True when the entry is published and its draft differs from the published version. */
    public boolean draftDiffers(SourceEntry entry) {
        return entry.published() != null && !contentHash(entry.published()).equals(contentHash(entry));
    }

    /** The hash of the content the engine writes for this version of the entry alone. */
    public String contentHash(SourceEntry entry) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("values", new TreeMap<>(entry.values()));
        Map<String, Object> locs = new TreeMap<>();
        entry.localizations().forEach((locale, data) -> {
            Map<String, Object> d = new TreeMap<>(data);
            d.remove("createdAt");
            d.remove("updatedAt");
            locs.put(locale, d);
        });
        canonical.put("localizations", locs);
        canonical.put("links", new TreeMap<>(entry.links()));
        try {
            return digest(JSON.writeValueAsString(canonical), entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot hash entry " + entry.id(), e);
        }
    }

    private static String digest(String text, SourceEntry entry) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash entry " + entry.id(), e);
        }
    }
}
