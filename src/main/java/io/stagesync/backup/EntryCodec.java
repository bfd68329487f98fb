package io.stagesync.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.Reference;
import io.stagesync.dialect.SourceEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns entries and asset records into one line of JSON each and back. Values keep their tree (components, rich
 * text, locations); a reference inside a value is written as {@code {"@ref": model, "id": id}} so it comes back as a
 * {@link Reference}, and relations stay as the source's ids.
 */
public final class EntryCodec {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String REF = "@ref";

    /**
     * An asset as a snapshot keeps it: metadata, the SHA-256 of its file, its draft and published versions, and each
     * localization other than the default locale (its own file, file name and localized custom fields) with the locales
     * published besides the default one. The last two are left out of the line when empty, so a record without
     * localizations reads as before they were kept.
     */
    public record AssetRecord(String id, String fileName, String mimeType, long size, Double width, Double height, String updatedAt,
                              Map<String, Object> fields, String sha256, String publishedUpdatedAt,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LocalizedFile> localizations,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> publishedLocales) {

        public AssetRecord {
            localizations = localizations == null ? List.of() : List.copyOf(localizations);
            publishedLocales = publishedLocales == null ? List.of() : List.copyOf(publishedLocales);
        }

        /** The asset as a source reads it, each stored file by the URL {@code urls} gives its SHA-256. */
        public AssetApi.SourceAsset toSource(java.util.function.Function<String, String> urls) {
            // a localization whose file could not be backed up is left out (the backup's warnings name it)
            List<AssetApi.Localization> locs = localizations.stream().filter(l -> l.sha256() != null)
                    .map(l -> new AssetApi.Localization(l.locale(), l.fileName(), l.mimeType(), l.size(), l.width(), l.height(),
                            urls.apply(l.sha256()), l.fields())).toList();
            return new AssetApi.SourceAsset(id, fileName, mimeType, size, width, height, updatedAt, urls.apply(sha256), fields, locs);
        }

        public AssetApi.Versions versions() {
            return new AssetApi.Versions(updatedAt, publishedUpdatedAt, java.util.Set.copyOf(publishedLocales));
        }

        /** The SHA-256 of every file the record names (the default locale's first), without the ones not backed up. */
        public List<String> files() {
            List<String> out = new ArrayList<>();
            if (sha256 != null) {
                out.add(sha256);
            }
            localizations.stream().map(LocalizedFile::sha256).filter(java.util.Objects::nonNull).forEach(out::add);
            return out;
        }
    }

    /** One localization of an asset in a snapshot: its file's SHA-256 (null when it could not be backed up) and metadata. */
    public record LocalizedFile(String locale, String fileName, String mimeType, long size, Double width, Double height,
                                Map<String, Object> fields, String sha256) {
    }

    private EntryCodec() {
    }

    public static String line(SourceEntry e) {
        return write(tree(e));
    }

    /** An entry with the migration versions it has had in its stage (none: the member is left out). */
    public static String line(SourceEntry e, java.util.Collection<String> migrations) {
        Map<String, Object> tree = tree(e);
        if (migrations != null && !migrations.isEmpty()) {
            tree.put("migrations", List.copyOf(new java.util.TreeSet<>(migrations)));
        }
        return write(tree);
    }

    /** The migration versions a line's entry had when it was backed up. */
    @SuppressWarnings("unchecked")
    public static List<String> migrations(String line) {
        Object v = read(line).get("migrations");
        return v == null ? List.of() : (List<String>) v;
    }

    public static String line(AssetRecord a) {
        return write(a);
    }

    public static SourceEntry entry(String line) {
        return entry(read(line));
    }

    public static AssetRecord asset(String line) {
        try {
            return JSON.readValue(line, AssetRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an asset record: " + e.getOriginalMessage());
        }
    }

    /** The id of a line without decoding its values (the id is the first member). */
    public static String id(String line) {
        return (String) read(line).get("id");
    }

    private static Map<String, Object> tree(SourceEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("createdAt", e.createdAt());
        m.put("updatedAt", e.updatedAt());
        m.put("publishedAt", e.publishedAt());
        m.put("values", encode(e.values()));
        m.put("localizations", encode(e.localizations()));
        m.put("links", e.links());
        m.put("published", e.published() == null ? null : tree(e.published()));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static SourceEntry entry(Map<String, Object> m) {
        Object published = m.get("published");
        return new SourceEntry((String) m.get("id"), (String) m.get("createdAt"), (String) m.get("updatedAt"),
                m.get("values") == null ? Map.of() : (Map<String, Object>) decode(m.get("values")),
                m.get("localizations") == null ? Map.of() : (Map<String, Map<String, Object>>) decode(m.get("localizations")),
                m.get("links") == null ? Map.of() : (Map<String, List<String>>) m.get("links"), (String) m.get("publishedAt"),
                published == null ? null : entry((Map<String, Object>) published));
    }

    private static Object encode(Object value) {
        if (value instanceof Reference r) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put(REF, r.model());
            ref.put("id", r.id());
            return ref;
        } else if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, encode(v)));
            return out;
        } else if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(encode(v)));
            return out;
        }
        return value;
    }

    private static Object decode(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 2 && map.get(REF) instanceof String model && map.get("id") instanceof String id) {
                return new Reference(model, id);
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, decode(v)));
            return out;
        } else if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(decode(v)));
            return out;
        }
        return value;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String line) {
        try {
            return JSON.readValue(line, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an entry line: " + e.getOriginalMessage());
        }
    }
}
