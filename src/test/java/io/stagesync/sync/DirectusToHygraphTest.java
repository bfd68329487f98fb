package io.stagesync.sync;

import io.stagesync.assets.AssetFixtures;
import io.stagesync.directus.DirectusDemo;
import io.stagesync.directus.DirectusRest;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.DirectusServer;
import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sync across CMSs the other way: a real Directus instance of its own, with collections named as the Hygraph models
 * (Destination, Amenity, Hotel, Review, TextBlock, QuoteBlock) made by {@link DirectusDemo}'s builders, into a devstage
 * environment with the equivalent Hygraph schema: values, the translated description as localizations, many-to-one
 * (and its one-to-many side), many-to-many, many-to-any (a union), a file and a files field (assets with the same
 * bytes), and the status field as the publish state. The tests build on each other's target state, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectusToHygraphTest {

    static final String HOTELS_SCHEMA = """
            { "locales": ["en", "de"], "enumerations": [], "models": [
              { "apiId": "Destination", "apiIdPlural": "Destinations", "fields": [
                { "apiId": "name", "type": "STRING" }, { "apiId": "country", "type": "STRING" } ] },
              { "apiId": "Amenity", "apiIdPlural": "Amenities", "fields": [ { "apiId": "name", "type": "STRING" } ] },
              { "apiId": "TextBlock", "apiIdPlural": "TextBlocks", "fields": [ { "apiId": "body", "type": "STRING" } ] },
              { "apiId": "QuoteBlock", "apiIdPlural": "QuoteBlocks", "fields": [
                { "apiId": "quote", "type": "STRING" }, { "apiId": "author", "type": "STRING" } ] },
              { "apiId": "Hotel", "apiIdPlural": "Hotels", "fields": [
                { "apiId": "slug", "type": "STRING", "unique": true },
                { "apiId": "title", "type": "STRING" },
                { "apiId": "stars", "type": "INT" },
                { "apiId": "price", "type": "FLOAT" },
                { "apiId": "pets", "type": "BOOLEAN" },
                { "apiId": "facts", "type": "JSON" },
                { "apiId": "description", "type": "STRING", "localized": true },
                { "apiId": "destination", "type": "RELATION", "model": "Destination", "reverseField": { "apiId": "hotels", "list": true } },
                { "apiId": "cover", "type": "ASSET" },
                { "apiId": "gallery", "type": "ASSET", "list": true },
                { "apiId": "amenities", "type": "RELATION", "model": "Amenity", "list": true, "reverseField": { "apiId": "hotels", "list": true } },
                { "apiId": "sections", "type": "UNION", "models": ["TextBlock", "QuoteBlock"], "list": true } ] },
              { "apiId": "Review", "apiIdPlural": "Reviews", "fields": [
                { "apiId": "rating", "type": "INT" }, { "apiId": "text", "type": "STRING" },
                { "apiId": "hotel", "type": "RELATION", "model": "Hotel", "reverseField": { "apiId": "reviews", "list": true } } ] } ] }
            """;
    private static final int HOTELS = 100;
    private static final int FILES = 4;
    private static final String ENV = "hotels";

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty().with(s -> s.environment(ENV, HOTELS_SCHEMA));

    private static DirectusServer.Instance instance;
    private static DirectusRest directus;
    private static final Map<String, String> SHA256 = new HashMap<>();
    @TempDir
    static Path dir;

    @BeforeAll
    static void directus() {
        instance = DirectusServer.get().fresh("tohyg");
        directus = new DirectusRest("tohyg", instance.url(), instance.token(), Duration.ofSeconds(60));
        createSchema(new DirectusDemo(directus));
        seed(new DirectusDemo(directus));
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            DirectusServer.get().stop(instance);
        }
    }

    /** The Directus side of {@link #HOTELS_SCHEMA}: every relation kind, a translated field, status fields. */
    private static void createSchema(DirectusDemo demo) {
        demo.languages(List.of("en", "de"));
        Map<String, Object> input = Map.of("interface", "input");
        demo.collection("Destination", DirectusDemo.content(List.of(DirectusDemo.field("name", "string", input, Map.of()),
                DirectusDemo.field("country", "string", input, Map.of()))), Map.of());
        demo.collection("Amenity", DirectusDemo.withKey(List.of(DirectusDemo.field("name", "string", input, Map.of()))), Map.of());
        demo.collection("TextBlock", DirectusDemo.withKey(List.of(DirectusDemo.field("body", "text", input, Map.of()))), Map.of());
        demo.collection("QuoteBlock", DirectusDemo.withKey(List.of(DirectusDemo.field("quote", "string", input, Map.of()),
                DirectusDemo.field("author", "string", input, Map.of()))), Map.of());
        demo.collection("Hotel", DirectusDemo.content(List.of(
                DirectusDemo.field("slug", "string", input, Map.of("is_unique", true)),
                DirectusDemo.field("title", "string", input, Map.of()),
                DirectusDemo.field("stars", "integer", input, Map.of()),
                DirectusDemo.field("price", "float", input, Map.of()),
                DirectusDemo.field("pets", "boolean", Map.of("interface", "boolean"), Map.of()),
                DirectusDemo.field("facts", "json", Map.of("interface", "input-code"), Map.of()))), Map.of());
        demo.collection("Review", DirectusDemo.content(List.of(DirectusDemo.field("rating", "integer", input, Map.of()),
                DirectusDemo.field("text", "text", input, Map.of()))), Map.of());
        demo.manyToOne("Hotel", "destination", "Destination", "hotels");
        demo.file("Hotel", "cover");
        demo.manyToOne("Review", "hotel", "Hotel", "reviews");
        demo.manyToMany("Hotel", "amenities", "Amenity", "Hotel_amenities");
        demo.manyToMany("Hotel", "gallery", DirectusDemo.FILES_COLLECTION, "Hotel_gallery");
        demo.manyToAny("Hotel", "sections", List.of("TextBlock", "QuoteBlock"));
        demo.translations("Hotel", "uuid", List.of("description"));
    }

    /** Files, destinations, amenities, blocks, hotels and two reviews per hotel; every third hotel and review a draft. */
    private static void seed(DirectusDemo demo) {
        for (int n = 0; n < FILES; n++) {
            demo.upload(n, DirectusDemo.fileBytes(n, 0));
        }
        List<Object> destinations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            destinations.add(Map.of("id", DirectusDemo.id("destination", i), "name", "Destination " + i, "country", "C" + i,
                    "status", i == 4 ? "draft" : "published"));
        }
        directus.send("POST", "/items/Destination", destinations);
        List<Object> amenities = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            amenities.add(Map.of("id", DirectusDemo.id("amenity", i), "name", "Amenity " + i));
        }
        directus.send("POST", "/items/Amenity", amenities);
        List<Object> texts = new ArrayList<>();
        List<Object> quotes = new ArrayList<>();
        List<Object> hotels = new ArrayList<>();
        List<Object> reviews = new ArrayList<>();
        for (int i = 0; i < HOTELS; i++) {
            quotes.add(Map.of("id", DirectusDemo.id("quote", i), "quote", "Lovely stay " + i, "author", "Guest " + i % 7));
            if (i % 2 == 0) {
                texts.add(Map.of("id", DirectusDemo.id("text", i), "body", "About hotel " + i));
            }
            Map<String, Object> h = DirectusDemo.hotel(i);
            h.put("destination", i % 10 == 9 ? null : DirectusDemo.id("destination", i % 5));
            h.put("cover", i % 4 == 3 ? null : DirectusDemo.id("file", i % FILES));
            h.put("gallery", i % 3 == 0 ? List.of() : List.of(Map.of("directus_files_id", DirectusDemo.id("file", (i + 1) % FILES)),
                    Map.of("directus_files_id", DirectusDemo.id("file", (i + 2) % FILES))));
            h.put("amenities", List.of(Map.of("Amenity_id", DirectusDemo.id("amenity", (i + 1) % 4)), Map.of("Amenity_id", DirectusDemo.id("amenity", i % 4))));
            h.put("sections", i % 2 == 0
                    ? List.of(Map.of("collection", "QuoteBlock", "item", DirectusDemo.id("quote", i), "sort", 1),
                            Map.of("collection", "TextBlock", "item", DirectusDemo.id("text", i), "sort", 2))
                    : List.of(Map.of("collection", "QuoteBlock", "item", DirectusDemo.id("quote", i), "sort", 1)));
            h.put("translations", i % 5 == 4 ? List.of(Map.of("languages_code", "en", "description", "A fine hotel " + i))
                    : List.of(Map.of("languages_code", "en", "description", "A fine hotel " + i),
                            Map.of("languages_code", "de", "description", "Ein feines Hotel " + i)));
            hotels.add(h);
            for (int r = 0; r < 2; r++) {
                reviews.add(Map.of("id", DirectusDemo.id("review", 2 * i + r), "status", (i + r) % 3 == 2 ? "draft" : "published",
                        "rating", 1 + (i + r) % 5, "text", "Review " + r + " of hotel " + i, "hotel", DirectusDemo.id("hotel", i)));
            }
        }
        directus.send("POST", "/items/TextBlock", texts);
        directus.send("POST", "/items/QuoteBlock", quotes);
        directus.send("POST", "/items/Hotel", hotels);
        directus.send("POST", "/items/Review", reviews);
    }

    private static SyncHarness harness() throws Exception {
        return harness(ENV);
    }

    private static SyncHarness harness(String env) throws Exception {
        return harness(env, "hyg", Map.of());
    }

    private static SyncHarness harness(String env, String stage, Map<String, String> extra) throws Exception {
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("stagesync.stages.dir.content-api", instance.url());
        stages.put("stagesync.stages.dir.token", instance.token());
        stages.put("stagesync.stages.dir.cms", "directus");
        stages.put("stagesync.stages." + stage + ".content-api", devstage.contentApiUrl(env));
        stages.put("stagesync.stages." + stage + ".token", devstage.token());
        return SyncHarness.startApplication(stages, dir, extra);
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void should_copy_values_translations_relations_files_and_status_into_hygraph_and_write_nothing_on_rerun() throws Exception {
        try (SyncHarness h = harness()) {
            // when
            SyncResult first = h.sync("dir", "hyg", false, false, SyncProgress.NONE);
            long writes = devstage.stats(ENV).writes();
            SyncResult rerun = h.sync("dir", "hyg", false, false, SyncProgress.NONE);

            // then: every item once, equal to its source, published as in Directus
            assertThat(first.status()).as("report %s", first.report()).isEqualTo("SUCCEEDED");
            Map<String, Map<String, Object>> models = DirectusSyncTest.models(first);
            assertThat(models.get("Hotel")).containsEntry("created", (long) HOTELS).containsEntry("published", (long) (HOTELS - HOTELS / 3));
            assertThat(models.get("Review")).containsEntry("created", 2L * HOTELS);
            assertThat(models.get("Destination")).containsEntry("created", 5L).containsEntry("published", 4L);
            assertThat(models.get("QuoteBlock")).containsEntry("created", (long) HOTELS);
            assertThat(DirectusSyncTest.assets(first)).containsEntry("created", (long) FILES).containsEntry("failed", 0L);
            assertEqual();
            // Directus files have no publish state: each is served once stored, so each asset is published
            assertThat(entries("assets", "PUBLISHED", "url")).hasSize(FILES);
            // what Hygraph cannot keep is named, with its model and field
            assertThat((List<String>) first.report().get("warnings"))
                    .contains("Amenity.status: the collection has no status field; its items count as published")
                    .anySatisfy(w -> assertThat(w).startsWith("Asset.title: ").contains("not copied"))
                    .anySatisfy(w -> assertThat(w).startsWith("Asset.description: ").contains("not copied"));

            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(DirectusSyncTest.models(rerun)).allSatisfy((model, counts) -> {
                assertThat(counts.get("created")).as(model).isEqualTo(0L);
                assertThat(counts.get("updated")).as(model).isEqualTo(0L);
            });
            assertThat(DirectusSyncTest.assets(rerun)).containsEntry("created", 0L).containsEntry("updated", 0L)
                    .containsEntry("reuploaded", 0L);
            assertThat(devstage.stats(ENV).writes()).as("mutations in devstage by the rerun").isEqualTo(writes);
        }
    }

    @Test
    @Order(2)
    void should_rewrite_exactly_the_one_percent_of_items_edited_in_directus() throws Exception {
        // given: 1 % of the hotels and reviews edited in Directus: a value, a translation, a link, the sections, a status
        directus.send("PATCH", "/items/Hotel/" + DirectusDemo.id("hotel", 7), Map.of("title", "Renamed 7",
                "destination", DirectusDemo.id("destination", 3),
                "translations", List.of(Map.of("languages_code", "de", "description", "Neu 7")),
                "sections", List.of(Map.of("collection", "TextBlock", "item", DirectusDemo.id("text", 8), "sort", 1),
                        Map.of("collection", "QuoteBlock", "item", DirectusDemo.id("quote", 7), "sort", 2))));
        directus.send("PATCH", "/items/Review/" + DirectusDemo.id("review", 10), Map.of("rating", 5, "status", "draft"));
        directus.send("PATCH", "/items/Review/" + DirectusDemo.id("review", 11), Map.of("text", "edited"));
        // and one of the four files gets new bytes
        new DirectusDemo(directus).upload(1, DirectusDemo.fileBytes(1, 1));
        SHA256.clear();
        try (SyncHarness h = harness()) {
            // when
            SyncResult run = h.sync("dir", "hyg", false, false, SyncProgress.NONE);

            // then
            assertThat(run.status()).as("report %s", run.report()).isEqualTo("SUCCEEDED");
            Map<String, Map<String, Object>> models = DirectusSyncTest.models(run);
            assertThat(models.get("Hotel")).containsEntry("updated", 1L).containsEntry("created", 0L);
            assertThat(models.get("Review")).containsEntry("updated", 2L).containsEntry("created", 0L);
            assertThat(models.get("Destination")).containsEntry("updated", 0L);
            assertThat(models.get("QuoteBlock")).containsEntry("updated", 0L);
            assertThat(DirectusSyncTest.assets(run)).containsEntry("reuploaded", 1L).containsEntry("created", 0L).containsEntry("updated", 0L)
                    .containsEntry("bytes", (long) DirectusDemo.fileBytes(1, 1).length);
            assertEqual();
            assertThat(entries("assets", "PUBLISHED", "url")).as("the new bytes published").extracting(a -> sha256((String) a.get("url")))
                    .contains(sha256(directus.assetUrl(DirectusDemo.id("file", 1))));
        }
    }

    @Test
    @Order(3)
    void should_refuse_in_one_line_and_write_nothing_when_the_hygraph_model_lacks_the_union_of_a_many_to_any_field() throws Exception {
        // given: a Hygraph environment whose Hotel has no union field for the Directus many-to-any field
        String env = devstage.freshEnvironment("nounion", HOTELS_SCHEMA.replaceAll(",\\s*\\{ \"apiId\": \"sections\"[^}]*\\}", ""));
        try (SyncHarness h = harness(env)) {
            // when
            SyncResult run = h.sync("dir", "hyg", false, false, SyncProgress.NONE);

            // then: the field is named with its model; nothing is skipped silently, nothing written
            assertThat(run.status()).isEqualTo("FAILED");
            assertThat(String.valueOf(run.report().get("error"))).contains("Hotel.sections is missing in the target")
                    .contains("nothing was written");
            assertThat(devstage.stats(env).writes()).isZero();
        }
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void should_copy_file_metadata_into_an_asset_field_the_hygraph_stage_takes_and_name_the_others() throws Exception {
        // given: a Hygraph environment whose Asset has a custom field title, listed in stagesync.assets.custom-fields
        String env = devstage.freshEnvironment("titled", HOTELS_SCHEMA.replaceFirst("\\{", "{ \"assetFields\": [ { \"apiId\": \"title\", \"type\": \"STRING\" } ],"));
        try (SyncHarness h = harness(env, "titled", Map.of("stagesync.assets.custom-fields", "title"))) {
            // when
            SyncResult first = h.sync("dir", "titled", false, false, SyncProgress.NONE);
            SyncResult rerun = h.sync("dir", "titled", false, false, SyncProgress.NONE);

            // then: each asset has its file's title; the description is named as not copied, the title is not
            assertThat(first.status()).as("report %s", first.report()).isEqualTo("SUCCEEDED");
            Map<String, Object> titles = new TreeMap<>();
            for (Map<String, Object> f : (List<Map<String, Object>>) directus.get("/files?limit=-1&fields=filename_download,title")) {
                titles.put((String) f.get("filename_download"), f.get("title"));
            }
            GraphQLTestClient.Response assets = devstage.client().post(devstage.contentApiUrl(env),
                    "{ assets(stage: DRAFT, first: 100) { fileName title } }");
            Map<String, Object> copied = new TreeMap<>();
            ((List<Map<String, Object>>) ((Map<String, Object>) assets.json().get("data")).get("assets"))
                    .forEach(a -> copied.put((String) a.get("fileName"), a.get("title")));
            assertThat(copied).isEqualTo(titles).hasSize(FILES);
            assertThat((List<String>) first.report().get("warnings"))
                    .noneMatch(w -> w.startsWith("Asset.title:"))
                    .anySatisfy(w -> assertThat(w).startsWith("Asset.description: the assets of stage titled take no field description (its asset fields: title)"));
            assertThat(DirectusSyncTest.assets(rerun)).containsEntry("created", 0L).containsEntry("updated", 0L).containsEntry("reuploaded", 0L);
        }
    }

    /** Every collection holds the same items in both stages: values, links by their targets' content, status. */
    private static void assertEqual() throws Exception {
        assertThat(hygraph("Destination", "name country")).isEqualTo(directus("Destination", "name,country"));
        assertThat(hygraph("Amenity", "name")).isEqualTo(directus("Amenity", "name"));
        assertThat(hygraph("TextBlock", "body")).isEqualTo(directus("TextBlock", "body"));
        assertThat(hygraph("QuoteBlock", "quote author")).isEqualTo(directus("QuoteBlock", "quote,author"));
        assertThat(hygraph("Review", "rating text hotel { slug }")).isEqualTo(directus("Review", "rating,text,hotel.slug"));
        assertThat(hygraph("Hotel", "slug title stars price pets facts description localizations(locales: [de]) { description }"
                + " destination { name } cover { url } gallery(first: 100) { url } amenities(first: 100) { name }"
                + " sections(first: 100) { __typename ... on TextBlock { body } ... on QuoteBlock { quote } }"))
                .hasSize(HOTELS)
                .isEqualTo(directus("Hotel", "slug,title,stars,price,pets,facts,translations.languages_code,translations.description,"
                        + "destination.name,cover,gallery.id,gallery.directus_files_id,amenities.id,amenities.Amenity_id.name,"
                        + "sections.collection,sections.sort,sections.item:TextBlock.body,sections.item:QuoteBlock.quote"));
    }

    /**
     * The items of a Directus collection by a readable key (slug, name, quote, body, text), canonical: translations as
     * {@code description} and {@code de}, links by a field of their target, files by SHA-256, lists in junction order,
     * and {@code status}.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> directus(String collection, String fields) {
        boolean hasStatus = !List.of("Amenity", "TextBlock", "QuoteBlock").contains(collection);
        Map<String, Map<String, Object>> items = new TreeMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) directus.get("/items/" + collection + "?limit=-1&fields="
                + fields + (hasStatus ? ",status" : ""))) {
            Map<String, Object> item = new TreeMap<>();
            for (String f : fields.split(",")) {
                String top = f.contains(".") ? f.substring(0, f.indexOf('.')) : f;
                Object v = row.get(top);
                switch (top) {
                    case "translations" -> {
                        item.put("description", null);
                        item.put("de", null);
                        for (Map<String, Object> t : (List<Map<String, Object>>) v) {
                            item.put("en".equals(t.get("languages_code")) ? "description" : (String) t.get("languages_code"), t.get("description"));
                        }
                    }
                    case "destination" -> item.put(top, v == null ? null : ((Map<String, Object>) v).get("name"));
                    case "hotel" -> item.put(top, v == null ? null : ((Map<String, Object>) v).get("slug"));
                    case "cover" -> item.put(top, v == null ? null : sha256(directus.assetUrl((String) v)));
                    case "gallery" -> item.put(top, byJunctionId((List<Map<String, Object>>) v).stream()
                            .map(j -> sha256(directus.assetUrl((String) j.get("directus_files_id")))).toList());
                    case "amenities" -> item.put(top, byJunctionId((List<Map<String, Object>>) v).stream()
                            .map(j -> ((Map<String, Object>) j.get("Amenity_id")).get("name")).toList());
                    case "sections" -> {
                        List<Map<String, Object>> rows = new ArrayList<>((List<Map<String, Object>>) v);
                        rows.sort(Comparator.comparing(s -> ((Number) s.get("sort")).intValue()));
                        item.put(top, rows.stream().map(s -> s.get("collection") + ":" + (((Map<String, Object>) s.get("item"))
                                .get("TextBlock".equals(s.get("collection")) ? "body" : "quote"))).toList());
                    }
                    // Directus on SQLite answers a boolean over REST as 1 or 0
                    case "pets" -> item.put(top, v instanceof Number n ? n.intValue() == 1 : v);
                    case "price" -> item.put(top, v == null ? null : ((Number) v).doubleValue());
                    default -> item.put(top, v);
                }
            }
            item.put("status", hasStatus ? row.get("status") : "published");
            items.put(String.valueOf(item.get(key(collection))), item);
        }
        return items;
    }

    private static List<Map<String, Object>> byJunctionId(List<Map<String, Object>> rows) {
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(j -> ((Number) j.get("id")).intValue()));
        return sorted;
    }

    /** The entries of a devstage model, canonical as {@link #directus}: the draft's values, published when in PUBLISHED equal to it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> hygraph(String model, String selection) throws Exception {
        String plural = switch (model) {
            case "Amenity" -> "amenities";
            default -> Character.toLowerCase(model.charAt(0)) + model.substring(1) + "s";
        };
        Map<String, Map<String, Object>> published = new HashMap<>();
        for (Map<String, Object> row : entries(plural, "PUBLISHED", selection)) {
            published.put((String) row.get("id"), row);
        }
        Map<String, Map<String, Object>> items = new TreeMap<>();
        for (Map<String, Object> row : entries(plural, "DRAFT", selection)) {
            Map<String, Object> item = new TreeMap<>();
            row.forEach((f, v) -> {
                switch (f) {
                    case "id" -> { }
                    case "localizations" -> ((List<Map<String, Object>>) v).forEach(l -> item.put("de", l.get("description")));
                    case "destination", "amenities" -> item.put(f, v instanceof List<?> l ? l.stream().map(a -> ((Map<String, Object>) a)
                            .get("name")).toList() : v == null ? null : ((Map<String, Object>) v).get("name"));
                    case "hotel" -> item.put(f, v == null ? null : ((Map<String, Object>) v).get("slug"));
                    case "cover" -> item.put(f, v == null ? null : sha256((String) ((Map<String, Object>) v).get("url")));
                    case "gallery" -> item.put(f, ((List<Map<String, Object>>) v).stream().map(a -> sha256((String) a.get("url"))).toList());
                    case "sections" -> item.put(f, ((List<Map<String, Object>>) v).stream().map(s -> s.get("__typename") + ":"
                            + (s.containsKey("body") ? s.get("body") : s.get("quote"))).toList());
                    case "price" -> item.put(f, v == null ? null : ((Number) v).doubleValue());
                    default -> item.put(f, v);
                }
            });
            if (selection.contains("localizations")) {
                item.putIfAbsent("de", null);
            }
            // the published version holds the same values (a link to a draft is empty there, as in Hygraph)
            Map<String, Object> live = published.get((String) row.get("id"));
            item.put("status", live == null ? "draft" : values(live).equals(values(row)) ? "published" : "published, but differs: " + live);
            items.put(String.valueOf(item.get(key(model))), item);
        }
        return items;
    }

    private static Map<String, Object> values(Map<String, Object> row) {
        Map<String, Object> values = new HashMap<>(row);
        values.keySet().removeAll(List.of("destination", "hotel", "cover", "gallery", "amenities", "sections"));
        return values;
    }

    private static List<Map<String, Object>> entries(String plural, String stage, String selection) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int skip = 0; ; skip += 100) {
            GraphQLTestClient.Response r = devstage.client().post(devstage.contentApiUrl(ENV), "{ items: " + plural + "(stage: " + stage
                    + ", locales: [en], first: 100, skip: " + skip + ") { id " + selection + " } }");
            assertThat(r.errors()).as("reading %s", plural).isEmpty();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> page = (List<Map<String, Object>>) ((Map<String, Object>) r.json().get("data")).get("items");
            all.addAll(page);
            if (page.size() < 100) {
                return all;
            }
        }
    }

    private static String key(String model) {
        return switch (model) {
            case "Destination", "Amenity" -> "name";
            case "TextBlock" -> "body";
            case "QuoteBlock" -> "quote";
            case "Review" -> "text";
            default -> "slug";
        };
    }

    private static String sha256(String url) {
        return SHA256.computeIfAbsent(url, u -> {
            try {
                return AssetFixtures.sha256Of(u);
            } catch (Exception e) {
                throw new IllegalStateException("reading " + u, e);
            }
        });
    }
}
