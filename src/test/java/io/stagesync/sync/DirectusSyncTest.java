package io.stagesync.sync;

import io.stagesync.directus.DirectusDemo;
import io.stagesync.directus.DirectusRest;
import io.stagesync.testing.ChildApplication;
import io.stagesync.testing.DirectusServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync engine between two real Directus instances (started once per test JVM by {@link DirectusServer}): the
 * demo schema on both, its content and files seeded in {@code a}, then {@code a} synced into {@code b} by the whole
 * application (the asset phase included). The tests build on each other's target state, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectusSyncTest {

    private static final int HOTELS = 100;
    /** What is compared of each collection: every copied field, relations by key, translations by language. */
    private static final Map<String, String> FIELDS = Map.of(
            "destinations", "id,status,name,country",
            "amenities", "id,name",
            "block_texts", "id,body",
            "block_quotes", "id,quote,author",
            "hotels", "id,status,slug,title,stars,price,pets,facts,destination,cover,gallery.directus_files_id,amenities.amenities_id,sections.collection,sections.item,sections.sort,translations.languages_code,"
                    + "translations.description",
            "reviews", "id,status,rating,text,hotel");

    private static DirectusServer directus;
    private static DirectusRest a;
    private static DirectusRest b;
    @TempDir
    static Path dir;

    @BeforeAll
    static void demo() {
        directus = DirectusServer.get();
        a = new DirectusRest("a", directus.a().url(), directus.a().token(), Duration.ofSeconds(60));
        b = new DirectusRest("b", directus.b().url(), directus.b().token(), Duration.ofSeconds(60));
        new DirectusDemo(a).createSchema();
        new DirectusDemo(a).seed(HOTELS);
        new DirectusDemo(b).createSchema();
    }

    private static SyncHarness harness() throws Exception {
        return harness(Map.of());
    }

    private static SyncHarness harness(Map<String, String> extra) throws Exception {
        return SyncHarness.startApplication(stages(), dir, extra);
    }

    private static Map<String, String> stages() {
        Map<String, String> stages = new LinkedHashMap<>();
        for (DirectusServer.Instance i : List.of(directus.a(), directus.b())) {
            stages.put("stagesync.stages." + i.name() + ".content-api", i.url());
            stages.put("stagesync.stages." + i.name() + ".token", i.token());
            stages.put("stagesync.stages." + i.name() + ".cms", "directus");
        }
        return stages;
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void should_copy_every_field_translation_relation_and_status_and_write_nothing_on_rerun() throws Exception {
        try (SyncHarness h = harness()) {
            // when
            SyncResult first = h.sync("a", "b", false, false, SyncProgress.NONE);
            long writes = writes(b);
            SyncResult rerun = h.sync("a", "b", false, false, SyncProgress.NONE);

            // then
            assertThat(first.status()).as("report %s", first.report()).isEqualTo("SUCCEEDED");
            assertThat(models(first).get("hotels")).containsEntry("created", (long) HOTELS);
            assertThat(models(first).get("reviews")).containsEntry("created", 2L * HOTELS);
            assertThat(assets(first)).containsEntry("created", (long) DirectusDemo.FILES);
            assertThat((List<String>) first.report().get("warnings")).as("collections without a status field")
                    .contains("amenities.status: the collection has no status field; its items count as published")
                    .noneMatch(w -> w.startsWith("hotels.status"));
            assertEqual();
            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(models(rerun)).allSatisfy((model, counts) -> {
                assertThat(counts.get("created")).as(model).isEqualTo(0L);
                assertThat(counts.get("updated")).as(model).isEqualTo(0L);
            });
            assertThat(assets(rerun)).containsEntry("created", 0L).containsEntry("reuploaded", 0L).containsEntry("bytes", 0L);
            assertThat(writes(b)).as("create/update activity in b after the rerun").isEqualTo(writes);
        }
    }

    @Test
    @Order(2)
    void should_rewrite_exactly_the_one_percent_of_items_edited_in_the_source() throws Exception {
        // given: 1 % of the hotels and of the reviews edited (a value, a translation, a link, a status)
        a.send("PATCH", "/items/hotels/" + DirectusDemo.id("hotel", 7), Map.of("title", "Renamed 7", "destination", DirectusDemo.id("destination", 3),
                "translations", List.of(Map.of("languages_code", "de-DE", "description", "Neu 7")),
                "sections", List.of(Map.of("collection", "block_texts", "item", DirectusDemo.id("text", 8), "sort", 1),
                        Map.of("collection", "block_quotes", "item", DirectusDemo.id("quote", 7), "sort", 2))));
        a.send("PATCH", "/items/reviews/" + DirectusDemo.id("review", 10), Map.of("rating", 5, "status", "draft"));
        a.send("PATCH", "/items/reviews/" + DirectusDemo.id("review", 11), Map.of("text", "edited"));
        try (SyncHarness h = harness()) {
            // when
            SyncResult run = h.sync("a", "b", false, false, SyncProgress.NONE);

            // then
            assertThat(run.status()).as("report %s", run.report()).isEqualTo("SUCCEEDED");
            assertThat(models(run).get("hotels")).containsEntry("updated", 1L).containsEntry("created", 0L);
            assertThat(models(run).get("reviews")).containsEntry("updated", 2L).containsEntry("created", 0L);
            assertThat(models(run).get("destinations")).containsEntry("updated", 0L);
            assertEqual();
        }
    }

    @Test
    @Order(3)
    void should_bring_back_an_item_deleted_in_the_target_with_full() throws Exception {
        // given
        b.send("DELETE", "/items/reviews/" + DirectusDemo.id("review", 5), null);
        try (SyncHarness h = harness()) {
            // when
            SyncResult full = h.sync("a", "b", false, true, SyncProgress.NONE);

            // then
            assertThat(full.status()).as("report %s", full.report()).isEqualTo("SUCCEEDED");
            assertThat(models(full).get("reviews")).containsEntry("created", 1L);
            assertEqual();
        }
    }

    @Test
    @Order(4)
    void should_converge_without_duplicates_after_a_run_stopped_midway() throws Exception {
        // given: 300 new reviews in a, written 10 a request to a target slowed to 2 requests per second, so that the
        // run is stopped midway; the application then waits at most 1 s for what is in flight
        List<Object> reviews = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            reviews.add(Map.of("id", DirectusDemo.id("late-review", i), "status", "published", "rating", 3, "text", "late " + i,
                    "hotel", DirectusDemo.id("hotel", i % HOTELS)));
        }
        a.send("POST", "/items/reviews", reviews);
        long before = count(b, "reviews");
        SyncResult[] stopped = new SyncResult[1];
        SyncHarness slow = harness(Map.of("stagesync.stages.b.rate-limit", "2",
                "stagesync.sync.batch-size", "10", "camel.main.shutdown-timeout", "1"));
        Thread run = new Thread(() -> {
            try {
                stopped[0] = slow.sync("a", "b", false, false, SyncProgress.NONE);
            } catch (RuntimeException e) {
                stopped[0] = null;
            }
        });
        run.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (count(b, "reviews") < before + 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        // when: the application stops in the middle of the run, then a new one runs again
        slow.close();
        run.join(Duration.ofMinutes(1).toMillis());
        long afterStop = count(b, "reviews");
        SyncResult rerun;
        try (SyncHarness h = harness()) {
            rerun = h.sync("a", "b", false, false, SyncProgress.NONE);
        }

        // then: the stopped run had written part of the reviews; the rerun wrote the rest once
        assertThat(afterStop).as("reviews in b when the run stopped").isGreaterThan(before).isLessThan(before + 300);
        assertThat(stopped[0] == null || !stopped[0].succeeded()).as("the stopped run did not succeed").isTrue();
        assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
        assertThat(count(b, "reviews")).isEqualTo(before + 300);
        assertEqual();
    }

    @Test
    @Order(5)
    void should_upload_again_exactly_the_file_whose_bytes_changed_and_copy_changed_metadata() throws Exception {
        // given: new bytes for one file, a new title for another, and for a third the rest of the metadata Directus keeps,
        // in a folder of a folder that b lacks
        new DirectusDemo(a).upload(1, DirectusDemo.fileBytes(1, 1));
        a.send("PATCH", "/files/" + DirectusDemo.id("file", 2), Map.of("title", "Renamed file"));
        a.send("POST", "/folders", Map.of("id", DirectusDemo.id("folder", 1), "name", "Photos"));
        a.send("POST", "/folders", Map.of("id", DirectusDemo.id("folder", 2), "name", "2026", "parent", DirectusDemo.id("folder", 1)));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("location", "Lisbon");
        metadata.put("focal_point_x", 10);
        metadata.put("focal_point_y", 20);
        metadata.put("tags", List.of("sea", "sun"));
        metadata.put("metadata", Map.of("camera", "X100", "iso", 200));
        metadata.put("width", 640);
        metadata.put("height", 480);
        metadata.put("duration", 12);
        metadata.put("embed", "https://video.example/12");
        metadata.put("folder", DirectusDemo.id("folder", 2));
        a.send("PATCH", "/files/" + DirectusDemo.id("file", 3), metadata);
        try (SyncHarness h = harness()) {
            // when
            SyncResult run = h.sync("a", "b", false, false, SyncProgress.NONE);
            SyncResult rerun = h.sync("a", "b", false, false, SyncProgress.NONE);

            // then
            assertThat(run.status()).as("report %s", run.report()).isEqualTo("SUCCEEDED");
            assertThat(assets(run)).containsEntry("reuploaded", 1L).containsEntry("updated", 2L).containsEntry("created", 0L)
                    .containsEntry("bytes", (long) DirectusDemo.fileBytes(1, 1).length);
            assertThat(assets(rerun)).containsEntry("reuploaded", 0L).containsEntry("updated", 0L).containsEntry("bytes", 0L);
            assertEqual();
            assertThat(files(b)).filteredOn(f -> DirectusDemo.id("file", 3).equals(f.get("id"))).singleElement()
                    .satisfies(f -> assertThat(f).containsAllEntriesOf(Map.of("location", "Lisbon", "width", 640, "duration", 12,
                            "tags", List.of("sea", "sun"), "folder", Map.of("id", DirectusDemo.id("folder", 2), "name", "2026",
                                    "parent", Map.of("id", DirectusDemo.id("folder", 1), "name", "Photos")))));
        }
    }

    @Test
    @Order(6)
    void should_converge_without_duplicates_after_the_sync_process_was_killed_at_a_random_point() throws Exception {
        // given: the kill point, drawn from a seed that is printed (-Dstagesync.kill.seed=<seed> repeats it;
        // -Dstagesync.kill.phase=<phase> picks the phase): a phase (files, entries or publish) and how far into it; 40 new
        // files, 300 new hotels (each with sections and a cover) and 600 reviews in a; a sync command in a child JVM,
        // moving one file at a time and writing 10 items a request to a target slowed to 4 requests per second
        long seed = Long.getLong("stagesync.kill.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        String phase = System.getProperty("stagesync.kill.phase", List.of("files", "entries", "publish").get(random.nextInt(3)));
        int newFiles = 40;
        int into = 1 + random.nextInt(phase.equals("files") ? newFiles / 2 : phase.equals("entries") ? 150 : 100);
        System.out.println("Kill point: seed=" + seed + " phase=" + phase + " after=" + into);
        for (int n = DirectusDemo.FILES; n < DirectusDemo.FILES + newFiles; n++) {
            new DirectusDemo(a).upload(n, DirectusDemo.fileBytes(n, 0));
        }
        List<Object> quotes = new ArrayList<>();
        List<Object> hotels = new ArrayList<>();
        List<Object> reviews = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            quotes.add(Map.of("id", DirectusDemo.id("kill-quote", i), "quote", "Killed " + i, "author", "K"));
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("id", DirectusDemo.id("kill-hotel", i));
            h.put("status", i % 3 == 0 ? "draft" : "published");
            h.put("slug", "kill-hotel-" + i);
            h.put("title", "Kill " + i);
            h.put("cover", DirectusDemo.id("file", DirectusDemo.FILES + i % newFiles));
            h.put("destination", DirectusDemo.id("destination", i % 10));
            h.put("sections", List.of(Map.of("collection", "block_quotes", "item", DirectusDemo.id("kill-quote", i), "sort", 1)));
            hotels.add(h);
            for (int r = 0; r < 2; r++) {
                reviews.add(Map.of("id", DirectusDemo.id("kill-review", 2 * i + r), "status", "published", "rating", 4,
                        "text", "kill " + i, "hotel", DirectusDemo.id("kill-hotel", i)));
            }
        }
        a.send("POST", "/items/block_quotes", quotes);
        a.send("POST", "/items/hotels", hotels);
        a.send("POST", "/items/reviews", reviews);
        long filesBefore = countFiles(b);
        long hotelsBefore = count(b, "hotels");
        long publishedHotelsBefore = published(b, "hotels");
        long publishedReviewsBefore = published(b, "reviews");
        Path config = config(Map.of("stagesync.stages.b.rate-limit", "4", "stagesync.sync.batch-size", "10",
                "stagesync.assets.parallel-transfers", "1"));

        // when: the process is killed (SIGKILL) at that point, then the sync runs again
        long filesAtKill;
        long hotelsAtKill;
        long publishedAtKill;
        try (ChildApplication child = ChildApplication.start("sync", "--from", "a", "--to", "b", "--config", config.toString())) {
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(50)).until(() -> !child.alive()
                    || switch (phase) {
                        case "files" -> countFiles(b) >= filesBefore + into;
                        case "entries" -> count(b, "hotels") >= hotelsBefore + into;
                        default -> published(b, "hotels") >= publishedHotelsBefore + into;
                    });
            child.kill();
            filesAtKill = countFiles(b);
            hotelsAtKill = count(b, "hotels");
            publishedAtKill = published(b, "reviews");
            String where = "seed " + seed + ": files " + filesAtKill + ", hotels " + hotelsAtKill + ", published reviews " + publishedAtKill
                    + " in b when the process was killed; its output: " + child.lines();
            switch (phase) {
                case "files" -> {
                    assertThat(filesAtKill).as(where).isGreaterThan(filesBefore).isLessThan(filesBefore + newFiles);
                    assertThat(hotelsAtKill).as(where).isEqualTo(hotelsBefore);
                }
                case "entries" -> {
                    assertThat(filesAtKill).as(where).isEqualTo(filesBefore + newFiles);
                    assertThat(hotelsAtKill).as(where).isGreaterThan(hotelsBefore).isLessThan(hotelsBefore + 300);
                }
                default -> {
                    assertThat(hotelsAtKill).as(where).isEqualTo(hotelsBefore + 300);
                    assertThat(publishedAtKill).as(where).isLessThan(publishedReviewsBefore + 600);
                }
            }
        }
        SyncResult rerun;
        try (SyncHarness h = harness()) {
            rerun = h.sync("a", "b", false, false, SyncProgress.NONE);
        }

        // then: every item and file once, equal to a, sections, covers and status included
        assertThat(rerun.status()).as("seed %s, report %s", seed, rerun.report()).isEqualTo("SUCCEEDED");
        assertThat(count(b, "hotels")).isEqualTo(hotelsBefore + 300).isEqualTo(count(a, "hotels"));
        assertThat(count(b, "reviews")).isEqualTo(count(a, "reviews"));
        assertThat(count(b, "hotels_sections")).as("junction rows").isEqualTo(count(a, "hotels_sections"));
        assertThat(countFiles(b)).as("files").isEqualTo(filesBefore + newFiles);
        assertEqual(a, b, DirectusDemo.FILES + newFiles);
    }

    private static long published(DirectusRest rest, String collection) {
        return aggregateCount(rest, "/items/" + collection + "?aggregate[count]=id&filter[status][_eq]=published");
    }

    private static long countFiles(DirectusRest rest) {
        return aggregateCount(rest, "/files?aggregate[count]=id");
    }

    @Test
    @Order(7)
    void should_diff_and_apply_the_schemas_of_two_directus_stages_from_the_command_line() throws Exception {
        // given: a field added to the destinations of a
        a.send("POST", "/fields/destinations", Map.of("field", "motto", "type", "string", "meta", Map.of("interface", "input"),
                "schema", Map.of()));
        // the state store the killed run and its rerun wrote
        Path config = config(Map.of());

        // when
        int diffExit;
        String diff;
        try (ChildApplication child = ChildApplication.start("schema", "diff", "--from", "a", "--to", "b", "--config", config.toString())) {
            diffExit = child.waitFor(Duration.ofMinutes(3));
            diff = child.output();
        }
        int applyExit;
        String apply;
        try (ChildApplication child = ChildApplication.start("schema", "apply", "--from", "a", "--to", "b", "--config", config.toString())) {
            applyExit = child.waitFor(Duration.ofMinutes(3));
            apply = child.output();
        }

        // then: the diff names the new field; the apply makes it in b
        assertThat(diffExit).as(diff).isZero();
        assertThat(diff).contains("destinations.motto");
        assertThat(applyExit).as(apply).isZero();
        assertThat(apply).contains("Schema apply: SUCCESS (1 change applied)").contains("destinations.motto");
        assertThat(fieldNames(b, "destinations")).contains("motto");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fieldNames(DirectusRest rest, String collection) {
        return ((List<Map<String, Object>>) rest.get("/fields/" + collection)).stream().map(f -> f.get("field")).toList();
    }

    /** A configuration file for the command line: application.properties, the two stages, the state store of the tests. */
    private static Path config(Map<String, String> extra) throws Exception {
        StringBuilder props = new StringBuilder(java.nio.file.Files.readString(Path.of("application.properties"))).append('\n');
        stages().forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        props.append("stagesync.state.url=jdbc:h2:file:").append(dir.toAbsolutePath().resolve("state")).append(";WRITE_DELAY=0\n");
        extra.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Path config = dir.resolve("cli.properties");
        java.nio.file.Files.writeString(config, props);
        io.stagesync.testing.secrets.TestSecrets.holdsSecretOnPurpose(config);
        return config;
    }

    static long count(DirectusRest rest, String collection) {
        return aggregateCount(rest, "/items/" + collection + "?aggregate[count]=id");
    }

    @SuppressWarnings("unchecked")
    static long aggregateCount(DirectusRest rest, String path) {
        List<Map<String, Object>> r = (List<Map<String, Object>>) rest.get(path);
        return Long.parseLong(String.valueOf(((Map<String, Object>) r.get(0).get("count")).get("id")));
    }

    private static void assertEqual() {
        assertEqual(a, b, DirectusDemo.FILES);
    }

    /** Every collection of the demo holds the same items in both instances, and the files the same bytes. */
    static void assertEqual(DirectusRest from, DirectusRest to, int files) {
        for (String collection : DirectusDemo.MODELS) {
            assertThat(items(to, collection)).as("%s in %s", collection, to.base()).isEqualTo(items(from, collection)).hasSizeGreaterThan(0);
        }
        assertThat(files(to)).as("files in %s", to.base()).isEqualTo(files(from)).hasSize(files);
    }

    /** Each file's id, metadata and the SHA-256 of the bytes {@code /assets/<id>} serves. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> files(DirectusRest rest) {
        List<Map<String, Object>> rows = new ArrayList<>((List<Map<String, Object>>) rest.get(
                "/files?limit=-1&sort=id&fields=id,filename_download,type,filesize,title,description,tags,location,focal_point_x,focal_point_y,"
                        + "metadata,width,height,duration,embed,folder.id,folder.name,folder.parent.id,folder.parent.name"));
        for (Map<String, Object> row : rows) {
            try (java.io.InputStream in = java.net.URI.create(rest.assetUrl(String.valueOf(row.get("id")))).toURL().openStream()) {
                row.put("sha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
            } catch (Exception e) {
                throw new IllegalStateException("reading file " + row.get("id"), e);
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> assets(SyncResult result) {
        return (Map<String, Object>) result.report().get("assets");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(DirectusRest rest, String collection) {
        List<Map<String, Object>> rows = new ArrayList<>((List<Map<String, Object>>) rest.get("/items/" + collection
                + "?limit=-1&sort=id&fields=" + FIELDS.get(collection)));
        for (Map<String, Object> row : rows) {
            if (row.get("gallery") instanceof List<?> gallery) {
                List<Map<String, Object>> sorted = new ArrayList<>((List<Map<String, Object>>) gallery);
                sorted.sort(Comparator.comparing(m -> String.valueOf(m.get("directus_files_id"))));
                row.put("gallery", sorted);
            }
            if (row.get("sections") instanceof List<?> sections) {
                List<Map<String, Object>> sorted = new ArrayList<>((List<Map<String, Object>>) sections);
                sorted.sort(Comparator.comparing(m -> String.valueOf(m.get("sort"))));
                row.put("sections", sorted);
            }
            if (row.get("translations") instanceof List<?> t) {
                List<Map<String, Object>> sorted = new ArrayList<>((List<Map<String, Object>>) t);
                sorted.sort(Comparator.comparing(m -> String.valueOf(m.get("languages_code"))));
                row.put("translations", sorted);
            }
        }
        return rows;
    }

    /** Creates and updates Directus logged in its activity (every write, whatever API made it). */
    static long writes(DirectusRest rest) {
        return aggregateCount(rest, "/activity?aggregate[count]=id&filter[action][_in]=create,update");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> models(SyncResult result) {
        return (Map<String, Map<String, Object>>) result.report().get("models");
    }
}
