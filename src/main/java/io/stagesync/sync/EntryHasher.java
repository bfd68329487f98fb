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

    public String hash(SourceEntry entry) {
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
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash entry " + entry.id(), e);
        }
    }
}
