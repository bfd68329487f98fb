package io.stagesync.directus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Directus counterpart of the Hygraph demo, made through Directus's own REST API: languages, destinations,
 * amenities, hotels and reviews, with a status field, a translated field (hotel descriptions in en-US and de-DE),
 * many-to-one (hotel → destination, review → hotel), one-to-many (destination → hotels, hotel → reviews) and
 * many-to-many (hotel ↔ amenities) and many-to-any (hotel → sections, each a text or a quote block) relations, a
 * file field (hotel → cover file), a files field (hotel ↔ gallery files); then seeded content and files with fixed ids.
 */
public final class DirectusDemo {

    public static final List<String> LOCALES = List.of("en-US", "de-DE");
    public static final List<String> MODELS = List.of("amenities", "block_quotes", "block_texts", "destinations", "hotels", "reviews");
    /** Directus's system collection of files. */
    public static final String FILES_COLLECTION = "directus_files";
    /** Files the demo uploads. */
    public static final int FILES = 6;

    private final DirectusRest rest;

    public DirectusDemo(DirectusRest rest) {
        this.rest = rest;
    }

    /** Creates the demo collections, fields, relations and languages (the stage must not have them yet). */
    public void createSchema() {
        // the locales: the languages are configuration, not content, and are not synced
        languages(LOCALES);

        collection("destinations", content(List.of(field("name", "string", Map.of("interface", "input"), Map.of()),
                field("country", "string", Map.of("interface", "input"), Map.of()))), Map.of());
        collection("amenities", withKey(List.of(field("name", "string", Map.of("interface", "input"), Map.of()))), Map.of());
        collection("hotels", content(List.of(
                field("slug", "string", Map.of("interface", "input"), Map.of("is_unique", true)),
                field("title", "string", Map.of("interface", "input"), Map.of()),
                field("stars", "integer", Map.of("interface", "input"), Map.of()),
                field("price", "float", Map.of("interface", "input"), Map.of()),
                field("pets", "boolean", Map.of("interface", "boolean"), Map.of()),
                field("facts", "json", Map.of("interface", "input-code"), Map.of()))), Map.of());
        collection("reviews", content(List.of(
                field("rating", "integer", Map.of("interface", "input"), Map.of()),
                field("text", "text", Map.of("interface", "input-multiline"), Map.of()))), Map.of());

        // many-to-one with its one-to-many side
        manyToOne("hotels", "destination", "destinations", "hotels");
        file("hotels", "cover");
        manyToOne("reviews", "hotel", "hotels", "reviews");
        // many-to-many through a junction, and a hotel's gallery of files
        manyToMany("hotels", "amenities", "amenities", "hotels_amenities");
        manyToMany("hotels", "gallery", FILES_COLLECTION, "hotels_files");

        // many-to-any: a hotel's sections, each a text block or a quote block, in order
        collection("block_texts", withKey(List.of(field("body", "text", Map.of("interface", "input-multiline"), Map.of()))), Map.of());
        collection("block_quotes", withKey(List.of(field("quote", "string", Map.of("interface", "input"), Map.of()),
                field("author", "string", Map.of("interface", "input"), Map.of()))), Map.of());
        manyToAny("hotels", "sections", List.of("block_texts", "block_quotes"));

        // translations: one row per hotel and language
        translations("hotels", "uuid", List.of("description"));
    }

    /**
     * Gives {@code collection} (keys of {@code keyType}) a {@code translations} field: a junction
     * {@code <collection>_translations} with one text field per name in {@code fields}, one row per item and language
     * of the {@code languages} collection (which must exist).
     */
    public void translations(String collection, String keyType, List<String> fields) {
        List<Map<String, Object>> columns = new ArrayList<>(List.of(serialKey(), field(collection + "_id", keyType, Map.of("hidden", true), Map.of()),
                field("languages_code", "string", Map.of("hidden", true), Map.of())));
        fields.forEach(f -> columns.add(field(f, "text", Map.of("interface", "input-multiline"), Map.of())));
        collection(collection + "_translations", columns, Map.of("hidden", true));
        rest.send("POST", "/fields/" + collection, field("translations", "alias", Map.of("interface", "translations",
                "special", List.of("translations")), null));
        junction(collection + "_translations", collection + "_id", collection, "translations", "languages_code", "languages");
    }

    /** A {@code languages} collection (key {@code code}) with these codes, the first the project's default language. */
    public void languages(List<String> codes) {
        rest.send("PATCH", "/settings", Map.of("default_language", codes.get(0)));
        collection("languages", List.of(
                field("code", "string", Map.of("interface", "input"), Map.of("is_primary_key", true, "length", 16, "is_nullable", false)),
                field("name", "string", Map.of("interface", "input"), Map.of())), Map.of());
        rest.send("POST", "/items/languages", codes.stream().map(c -> (Object) Map.of("code", c, "name", c)).toList());
    }

    /**
     * Seeds {@code hotels} hotels (and a destination per ten hotels, five amenities, two reviews per hotel); every
     * third hotel and review stays a draft.
     */
    public void seed(int hotels) {
        for (int i = 0; i < FILES; i++) {
            upload(i, fileBytes(i, 0));
        }
        List<Object> amenities = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            amenities.add(Map.of("id", id("amenity", i), "name", "Amenity " + i));
        }
        rest.send("POST", "/items/amenities", amenities);
        List<Object> texts = new ArrayList<>();
        List<Object> quotes = new ArrayList<>();
        for (int i = 0; i < hotels; i++) {
            if (i % 2 == 0) {
                texts.add(Map.of("id", id("text", i), "body", "About hotel " + i));
            }
            quotes.add(Map.of("id", id("quote", i), "quote", "Lovely stay " + i, "author", "Guest " + i % 9));
        }
        for (int from = 0; from < hotels; from += 400) {
            rest.send("POST", "/items/block_quotes", quotes.subList(from, Math.min(quotes.size(), from + 400)));
            if (from < texts.size()) {
                rest.send("POST", "/items/block_texts", texts.subList(from, Math.min(texts.size(), from + 400)));
            }
        }
        List<Object> destinations = new ArrayList<>();
        for (int i = 0; i < Math.max(1, hotels / 10); i++) {
            destinations.add(Map.of("id", id("destination", i), "name", "Destination " + i, "country", "C" + (i % 7), "status", "published"));
        }
        rest.send("POST", "/items/destinations", destinations);
        List<Object> batch = new ArrayList<>();
        List<Object> reviews = new ArrayList<>();
        for (int i = 0; i < hotels; i++) {
            Map<String, Object> h = hotel(i);
            h.put("destination", id("destination", i % Math.max(1, hotels / 10)));
            h.put("cover", i % 4 == 3 ? null : id("file", i % FILES));
            h.put("gallery", i % 3 == 0 ? List.of() : List.of(Map.of("directus_files_id", id("file", (i + 1) % FILES)),
                    Map.of("directus_files_id", id("file", (i + 2) % FILES))));
            h.put("amenities", List.of(Map.of("amenities_id", id("amenity", i % 5)), Map.of("amenities_id", id("amenity", (i + 2) % 5))));
            h.put("sections", i % 2 == 0
                    ? List.of(Map.of("collection", "block_texts", "item", id("text", i), "sort", 1),
                            Map.of("collection", "block_quotes", "item", id("quote", i), "sort", 2))
                    : List.of(Map.of("collection", "block_quotes", "item", id("quote", i), "sort", 1)));
            h.put("translations", List.of(Map.of("languages_code", "en-US", "description", "A fine hotel number " + i),
                    Map.of("languages_code", "de-DE", "description", "Ein feines Hotel Nummer " + i)));
            batch.add(h);
            for (int r = 0; r < 2; r++) {
                reviews.add(Map.of("id", id("review", i * 2 + r), "status", (i + r) % 3 == 2 ? "draft" : "published",
                        "rating", 1 + (i + r) % 5, "text", "Review " + r + " of hotel " + i, "hotel", id("hotel", i)));
            }
            if (batch.size() == 200) {
                rest.send("POST", "/items/hotels", batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            rest.send("POST", "/items/hotels", batch);
        }
        for (int from = 0; from < reviews.size(); from += 400) {
            rest.send("POST", "/items/reviews", reviews.subList(from, Math.min(reviews.size(), from + 400)));
        }
    }

    /** The n-th seeded hotel's key, status (every third a draft) and values. */
    public static Map<String, Object> hotel(int n) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("id", id("hotel", n));
        h.put("status", n % 3 == 2 ? "draft" : "published");
        h.put("slug", "hotel-" + n);
        h.put("title", "Hotel " + n);
        h.put("stars", 1 + n % 5);
        h.put("price", 50.5 + n);
        h.put("pets", n % 2 == 0);
        h.put("facts", Map.of("rooms", 10 + n, "tags", List.of("t" + n % 4)));
        return h;
    }

    /** Uploads the n-th demo file (a new one, or new bytes for it when it exists). */
    public void upload(int n, byte[] bytes) {
        Map<String, String> form = new LinkedHashMap<>();
        boolean exists = rest.get("/files?fields=id&filter[id][_eq]=" + id("file", n)) instanceof List<?> l && !l.isEmpty();
        if (!exists) {
            form.put("id", id("file", n));
        }
        form.put("title", "Demo file " + n);
        form.put("description", n % 2 == 0 ? "An even demo file" : "");
        String name = "demo-" + n + (n % 2 == 0 ? ".txt" : ".bin");
        rest.upload(exists ? "PATCH" : "POST", exists ? "/files/" + id("file", n) : "/files", form, name,
                n % 2 == 0 ? "text/plain" : "application/octet-stream", new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    /** The bytes of the n-th demo file in its {@code version}: some kilobytes, the same on every call. */
    public static byte[] fileBytes(int n, int version) {
        java.util.Random random = new java.util.Random(31L * n + version);
        byte[] bytes = new byte[1024 * (1 + n * 3) + version];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (n % 2 == 0 ? 'a' + random.nextInt(26) : random.nextInt(256));
        }
        return bytes;
    }

    /** The fixed id of the n-th seeded item of a kind. */
    public static String id(String kind, int n) {
        return UUID.nameUUIDFromBytes((kind + "-" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Creates a collection with its fields (each with meta, see {@link #field}). */
    public void collection(String name, List<Map<String, Object>> fields, Map<String, Object> meta) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("collection", name);
        body.put("meta", meta);
        body.put("schema", Map.of());
        body.put("fields", fields);
        rest.send("POST", "/collections", body);
    }

    /** A content collection: uuid key, status, created and updated stamps. */
    public static List<Map<String, Object>> content(List<Map<String, Object>> fields) {
        List<Map<String, Object>> all = new ArrayList<>(withKey(fields));
        all.add(field("status", "string", Map.of("interface", "select-dropdown", "options", Map.of("choices", List.of(
                Map.of("text", "Draft", "value", "draft"), Map.of("text", "Published", "value", "published")))),
                Map.of("default_value", "draft", "is_nullable", false)));
        all.add(field("date_created", "timestamp", Map.of("special", List.of("date-created"), "readonly", true, "hidden", true), Map.of()));
        all.add(field("date_updated", "timestamp", Map.of("special", List.of("date-updated"), "readonly", true, "hidden", true), Map.of()));
        return all;
    }

    /** The fields with a uuid primary key {@code id} first. */
    public static List<Map<String, Object>> withKey(List<Map<String, Object>> fields) {
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(field("id", "uuid", Map.of("special", List.of("uuid"), "readonly", true, "hidden", true),
                Map.of("is_primary_key", true, "length", 36, "has_auto_increment", false)));
        all.addAll(fields);
        return all;
    }

    private static Map<String, Object> serialKey() {
        return field("id", "integer", Map.of("hidden", true), Map.of("is_primary_key", true, "has_auto_increment", true));
    }

    /** A field with meta (a field without meta is left out of schema snapshots). */
    public static Map<String, Object> field(String name, String type, Map<String, Object> meta, Map<String, Object> schema) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("field", name);
        f.put("type", type);
        f.put("meta", meta);
        f.put("schema", schema);
        return f;
    }

    /** A many-to-one field (uuid) of {@code collection} to {@code related}, with its one-to-many side {@code reverse}. */
    public void manyToOne(String collection, String field, String related, String reverse) {
        rest.send("POST", "/fields/" + collection, field(field, "uuid", Map.of("interface", "select-dropdown-m2o",
                "special", List.of("m2o")), Map.of()));
        rest.send("POST", "/fields/" + related, field(reverse, "alias", Map.of("interface", "list-o2m", "special", List.of("o2m")), null));
        rest.send("POST", "/relations", Map.of("collection", collection, "field", field, "related_collection", related,
                "meta", Map.of("one_field", reverse), "schema", Map.of("on_delete", "SET NULL")));
    }

    /** A file field: many-to-one (uuid) to the files. */
    public void file(String collection, String field) {
        rest.send("POST", "/fields/" + collection, field(field, "uuid", Map.of("interface", "file-image", "special", List.of("file")), Map.of()));
        rest.send("POST", "/relations", Map.of("collection", collection, "field", field, "related_collection", FILES_COLLECTION,
                "schema", Map.of("on_delete", "SET NULL")));
    }

    /**
     * A many-to-many field of {@code collection} (uuid keys) to {@code related} through the junction {@code junction}
     * ({@code <collection>_id}, {@code <related>_id}); to the files ({@link #FILES_COLLECTION}) it is a files field.
     */
    public void manyToMany(String collection, String field, String related, String junction) {
        String toRelated = related + "_id";
        collection(junction, List.of(serialKey(), field(collection + "_id", "uuid", Map.of("hidden", true), Map.of()),
                field(toRelated, "uuid", Map.of("hidden", true), Map.of())), Map.of("hidden", true));
        boolean files = FILES_COLLECTION.equals(related);
        rest.send("POST", "/fields/" + collection, field(field, "alias", Map.of("interface", files ? "files" : "list-m2m",
                "special", List.of(files ? "files" : "m2m")), null));
        junction(junction, collection + "_id", collection, field, toRelated, related);
    }

    /**
     * A many-to-any field of {@code collection} (uuid key) through the junction {@code <collection>_<field>} (its rows:
     * the item's key, {@code collection}, {@code item}, {@code sort}) to items of the {@code members} collections.
     */
    public void manyToAny(String collection, String field, List<String> members) {
        String junction = collection + "_" + field;
        collection(junction, List.of(serialKey(), field(collection + "_id", "uuid", Map.of("hidden", true), Map.of()),
                field("item", "string", Map.of("hidden", true), Map.of()), field("collection", "string", Map.of("hidden", true), Map.of()),
                field("sort", "integer", Map.of("hidden", true), Map.of())), Map.of("hidden", true));
        rest.send("POST", "/fields/" + collection, field(field, "alias", Map.of("interface", "list-m2a", "special", List.of("m2a")), null));
        Map<String, Object> any = new LinkedHashMap<>();
        any.put("one_allowed_collections", members);
        any.put("one_collection_field", "collection");
        any.put("junction_field", collection + "_id");
        rest.send("POST", "/relations", Map.of("collection", junction, "field", "item", "meta", any));
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("one_field", field);
        owner.put("junction_field", "item");
        owner.put("sort_field", "sort");
        owner.put("one_deselect_action", "delete");
        rest.send("POST", "/relations", Map.of("collection", junction, "field", collection + "_id", "related_collection", collection,
                "meta", owner, "schema", Map.of("on_delete", "CASCADE")));
    }

    /** The two relations of a junction: back to the item (with the alias field) and on to the related collection. */
    private void junction(String junction, String toThis, String collection, String alias, String toRelated, String related) {
        Map<String, Object> back = new LinkedHashMap<>();
        back.put("one_field", alias);
        back.put("junction_field", toRelated);
        back.put("one_deselect_action", "delete");
        rest.send("POST", "/relations", Map.of("collection", junction, "field", toThis, "related_collection", collection,
                "meta", back, "schema", Map.of("on_delete", "CASCADE")));
        Map<String, Object> on = new LinkedHashMap<>();
        on.put("junction_field", toThis);
        rest.send("POST", "/relations", Map.of("collection", junction, "field", toRelated, "related_collection", related,
                "meta", on, "schema", Map.of("on_delete", "CASCADE")));
    }
}
