package io.stagesync.sync;

import io.stagesync.directus.DirectusDemo;
import io.stagesync.directus.DirectusRest;
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
 * demo schema on both, its content seeded in {@code a}, then {@code a} synced into {@code b}. The tests build on each
 * other's target state, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectusSyncTest {

    private static final int HOTELS = 100;
    /** What is compared of each collection: every copied field, relations by key, translations by language. */
    private static final Map<String, String> FIELDS = Map.of(
            "destinations", "id,status,name,country",
            "amenities", "id,name",
            "hotels", "id,status,slug,title,stars,price,pets,facts,destination,amenities.amenities_id,translations.languages_code,"
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
        return SyncHarness.start(stages(), dir, extra);
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
            assertEqual();
            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(models(rerun)).allSatisfy((model, counts) -> {
                assertThat(counts.get("created")).as(model).isEqualTo(0L);
                assertThat(counts.get("updated")).as(model).isEqualTo(0L);
            });
            assertThat(writes(b)).as("create/update activity in b after the rerun").isEqualTo(writes);
        }
    }

    @Test
    @Order(2)
    void should_rewrite_exactly_the_one_percent_of_items_edited_in_the_source() throws Exception {
        // given: 1 % of the hotels and of the reviews edited (a value, a translation, a link, a status)
        a.send("PATCH", "/items/hotels/" + DirectusDemo.id("hotel", 7), Map.of("title", "Renamed 7", "destination", DirectusDemo.id("destination", 3),
                "translations", List.of(Map.of("languages_code", "de-DE", "description", "Neu 7"))));
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
    void should_run_every_phase_of_the_whole_application_with_nothing_to_write() throws Exception {
        // given: the application as the command line starts it, the asset phase included
        try (SyncHarness h = SyncHarness.startApplication(stages(), dir.resolve("app"), Map.of())) {
            // when
            SyncResult rerun = h.sync("a", "b", false, false, SyncProgress.NONE);

            // then: Directus stages list no assets; the target is already equal
            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(models(rerun)).allSatisfy((model, counts) -> assertThat(counts.get("created")).as(model).isEqualTo(0L));
            assertEqual();
        }
    }

    private static long count(DirectusRest rest, String collection) {
        return aggregateCount(rest, "/items/" + collection + "?aggregate[count]=id");
    }

    @SuppressWarnings("unchecked")
    private static long aggregateCount(DirectusRest rest, String path) {
        List<Map<String, Object>> r = (List<Map<String, Object>>) rest.get(path);
        return Long.parseLong(String.valueOf(((Map<String, Object>) r.get(0).get("count")).get("id")));
    }

    /** Every collection of the demo holds the same items in both instances. */
    private static void assertEqual() {
        for (String collection : DirectusDemo.MODELS) {
            assertThat(items(b, collection)).as("%s in b", collection).isEqualTo(items(a, collection)).hasSizeGreaterThan(0);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(DirectusRest rest, String collection) {
        List<Map<String, Object>> rows = new ArrayList<>((List<Map<String, Object>>) rest.get("/items/" + collection
                + "?limit=-1&sort=id&fields=" + FIELDS.get(collection)));
        for (Map<String, Object> row : rows) {
            if (row.get("translations") instanceof List<?> t) {
                List<Map<String, Object>> sorted = new ArrayList<>((List<Map<String, Object>>) t);
                sorted.sort(Comparator.comparing(m -> String.valueOf(m.get("languages_code"))));
                row.put("translations", sorted);
            }
        }
        return rows;
    }

    /** Creates and updates Directus logged in its activity (every write, whatever API made it). */
    private static long writes(DirectusRest rest) {
        return aggregateCount(rest, "/activity?aggregate[count]=id&filter[action][_in]=create,update");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> models(SyncResult result) {
        return (Map<String, Map<String, Object>>) result.report().get("models");
    }
}
