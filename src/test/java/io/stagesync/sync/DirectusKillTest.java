package io.stagesync.sync;

import io.stagesync.backup.Manifest;
import io.stagesync.directus.DirectusDemo;
import io.stagesync.directus.DirectusRest;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StageLeases;
import io.stagesync.testing.ChildApplication;
import io.stagesync.testing.DirectusServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sync processes killed (SIGKILL) between two real Directus instances of their own ({@code ka} with the demo and two
 * collections that link to each other in a cycle, {@code kb} with the same collections): a mirror in the middle of its
 * deletions, and a sync in its relations phase. Each rerun must converge: exactly what is gone deleted, every link as
 * in the source, nothing twice. Last, a file delete that the target refuses fails the mirror. The tests build on each
 * other's state, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectusKillTest {

    private static final int HOTELS = 20;
    /** Reviews the source loses before the killed mirror: 8 bulk deletes of 100 in the target. */
    private static final int GONE_REVIEWS = 800;
    private static final int PEOPLE = 250;
    private static final int CLUBS = 25;

    private static DirectusRest a;
    private static DirectusRest b;
    private static Map<String, String> stages;
    @TempDir
    static Path dir;

    @BeforeAll
    static void instances() {
        DirectusServer pair = DirectusServer.own("ka", "kb");
        a = new DirectusRest("ka", pair.a().url(), pair.a().token(), Duration.ofSeconds(60));
        b = new DirectusRest("kb", pair.b().url(), pair.b().token(), Duration.ofSeconds(60));
        stages = new LinkedHashMap<>();
        for (DirectusServer.Instance i : List.of(pair.a(), pair.b())) {
            stages.put("stagesync.stages." + i.name() + ".content-api", i.url());
            stages.put("stagesync.stages." + i.name() + ".token", i.token());
            stages.put("stagesync.stages." + i.name() + ".cms", "directus");
        }
        for (DirectusRest rest : List.of(a, b)) {
            new DirectusDemo(rest).createSchema();
            cycleSchema(rest);
        }
        new DirectusDemo(a).seed(HOTELS);
        List<Object> reviews = new ArrayList<>();
        for (int i = 0; i < GONE_REVIEWS + 100; i++) {
            reviews.add(Map.of("id", DirectusDemo.id("bulk-review", i), "status", "published", "rating", 2, "text", "bulk " + i,
                    "hotel", DirectusDemo.id("hotel", i % HOTELS)));
        }
        for (int from = 0; from < reviews.size(); from += 300) {
            a.send("POST", "/items/reviews", reviews.subList(from, Math.min(reviews.size(), from + 300)));
        }
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void should_delete_exactly_what_is_gone_after_a_directus_mirror_was_killed_in_the_middle_of_its_deletions() throws Exception {
        // given: kb mirrored from ka; then ka loses 800 reviews and 2 files
        Map<String, String> keys = Map.of("stagesync.sync.busy-lease", "2s");
        String[] mirror = {"sync", "--from", "ka", "--to", "kb", "--config", config(keys).toString(), "--mirror", "--yes"};
        try (ChildApplication first = ChildApplication.start(mirror)) {
            assertThat(first.waitFor(Duration.ofMinutes(5))).as(first.output()).isZero();
        }
        List<Object> reviewsBefore = ids(b, "/items/reviews");
        List<Object> filesBefore = ids(b, "/files");
        List<Object> goneReviews = new ArrayList<>();
        for (int i = 0; i < GONE_REVIEWS; i++) {
            goneReviews.add(DirectusDemo.id("bulk-review", i));
        }
        List<Object> goneFiles = List.of(DirectusDemo.id("file", 1), DirectusDemo.id("file", 4));
        for (int from = 0; from < goneReviews.size(); from += 200) {
            a.send("DELETE", "/items/reviews", goneReviews.subList(from, from + 200));
        }
        for (Object file : goneFiles) {
            a.send("DELETE", "/files/" + file, null);
        }
        // the target takes 2 requests a second: its 8 bulk deletes of reviews take about 4 s
        Path slow = config(Map.of("stagesync.sync.busy-lease", "2s", "stagesync.stages.kb.rate-limit", "2"));
        long reviewsAtKill;
        List<Object> filesAtKill;
        List<String> lines;
        try (ChildApplication child = ChildApplication.start("sync", "--from", "ka", "--to", "kb", "--config", slow.toString(),
                "--mirror", "--yes")) {
            lines = child.lines();

            // when: killed once some, not all, of the reviews are gone from kb
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(50)).until(() -> !child.alive()
                    || DirectusSyncTest.count(b, "reviews") < reviewsBefore.size());
            child.kill();
            reviewsAtKill = DirectusSyncTest.count(b, "reviews");
            filesAtKill = ids(b, "/files");
        }
        String where = reviewsAtKill + " of " + reviewsBefore.size() + " reviews in kb at the kill; child output: " + lines;
        assertThat(lines).as(where).anyMatch(l -> l.contains("Pre-mirror backup done"));
        assertThat(reviewsAtKill).as(where).isLessThan(reviewsBefore.size()).isGreaterThan(reviewsBefore.size() - GONE_REVIEWS);
        assertThat(filesAtKill).as("files are deleted after the items").containsExactlyInAnyOrderElementsOf(filesBefore);

        try (SyncHarness h = harness(keys)) {
            StageLeases leases = h.camel().getRegistry().lookupByNameAndType("stageLeases", StageLeases.class);
            // the killed process's busy mark lapses
            await().atMost(Duration.ofSeconds(30)).until(() -> leases.busy("kb", null).isEmpty());
            SyncResult rerun = MirrorSyncTest.mirror(h, "ka", "kb", false, true);
            SyncResult again = MirrorSyncTest.mirror(h, "ka", "kb", false, true);

            // then: the rerun deleted the rest of the gone reviews and the files, nothing else, nothing twice
            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            Map<String, Object> deletions = (Map<String, Object>) rerun.report().get("deletions");
            Map<String, List<String>> listed = (Map<String, List<String>>) deletions.get("entries");
            assertThat(listed.get("reviews")).as("reviews the rerun deleted").hasSize((int) (reviewsAtKill - (reviewsBefore.size() - GONE_REVIEWS)))
                    .allMatch(goneReviews::contains);
            assertThat(listed.get("Asset")).containsExactlyInAnyOrderElementsOf(goneFiles.stream().map(String::valueOf).toList());
            assertThat(deletions.get("deleted")).isEqualTo(true);
            assertThat(ids(b, "/items/reviews")).containsExactlyInAnyOrderElementsOf(without(reviewsBefore, goneReviews));
            assertThat(ids(b, "/files")).containsExactlyInAnyOrderElementsOf(without(filesBefore, goneFiles));
            DirectusSyncTest.assertEqual(a, b, DirectusDemo.FILES - goneFiles.size());
            IdMapRepository idMap = new IdMapRepository(h.dataSource());
            assertThat(idMap.findModel("ka", "kb", "reviews")).hasSize(reviewsBefore.size() - GONE_REVIEWS)
                    .doesNotContainKeys(goneReviews.stream().map(String::valueOf).toArray(String[]::new));
            assertThat(((Map<String, Object>) again.report().get("deletions")).get("count")).isEqualTo(0L);

            // and the killed run's pre-mirror backup is complete: the whole of kb as it was before any deletion
            Manifest before = BackupRestoreTest.catalog(h).list("pre-mirror-kb").get(0).manifest();
            assertThat(before.models().get("reviews").count()).isEqualTo(reviewsBefore.size());
            assertThat(before.models().get("hotels").count()).isEqualTo(HOTELS);
            assertThat(before.assets().count()).isEqualTo(filesBefore.size());
        }
    }

    @Test
    @Order(2)
    void should_converge_after_a_sync_was_killed_in_its_relations_phase() throws Exception {
        // given: people (each the best friend of the one before, each in a club) and clubs (each founded by a person)
        // in ka: every best_friend link points at a person read later, so none is written with its item and all wait
        // for the relations phase, which writes 10 a request to a target slowed to 2 requests a second
        seedCycle(a);
        long linksInSource = linked(a);
        // the state store the previous test's processes, this JVM's included, wrote
        Map<String, String> state = Map.of();
        Map<String, String> slowKeys = new LinkedHashMap<>(state);
        slowKeys.put("stagesync.stages.kb.rate-limit", "2");
        slowKeys.put("stagesync.sync.batch-size", "10");
        Path slow = config(slowKeys);
        long linksAtKill;
        long peopleAtKill;
        List<String> lines;
        try (ChildApplication child = ChildApplication.start("sync", "--from", "ka", "--to", "kb", "--config", slow.toString())) {
            lines = child.lines();

            // when: killed once the relations phase has written some, not all, of the best_friend links (6 requests of 10)
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(50)).until(() -> !child.alive() || linked(b) >= 60);
            child.kill();
            linksAtKill = linked(b);
            peopleAtKill = DirectusSyncTest.count(b, "people");
        }
        String where = linksAtKill + " of " + linksInSource + " best_friend links in kb at the kill; child output: " + lines;
        assertThat(peopleAtKill).as(where).isEqualTo(PEOPLE);
        assertThat(DirectusSyncTest.count(b, "clubs")).as(where).isEqualTo(CLUBS);
        assertThat(linksAtKill).as(where).isGreaterThan(0).isLessThan(linksInSource);

        SyncResult rerun;
        SyncResult again;
        long writes;
        Map<String, IdMapRepository.Mapping> mappedAtKill;
        try (SyncHarness h = harness(state)) {
            mappedAtKill = new IdMapRepository(h.dataSource()).findModel("ka", "kb", "people");
            rerun = h.sync("ka", "kb", false, false, SyncProgress.NONE);
            writes = DirectusSyncTest.writes(b);
            again = h.sync("ka", "kb", false, false, SyncProgress.NONE);
        }

        // then: every link as in ka, every item once, and a further rerun writes nothing
        assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
        // the killed run's state is read again: its people mapped, only the links it had not written yet written
        assertThat(mappedAtKill).as("people in the id map after the kill").hasSize(PEOPLE);
        assertThat(DirectusSyncTest.models(rerun).get("people")).containsEntry("created", 0L).containsEntry("updated", 0L);
        // (at most the batches in flight at the kill, 4 writers of 10 links, are written again)
        assertThat((Long) DirectusSyncTest.models(rerun).get("people").get("relationsWritten")).as(where)
                .isLessThanOrEqualTo(linksInSource - linksAtKill + 40).isLessThan(linksInSource).isGreaterThan(0L);
        assertThat(cycleItems(b, "people")).isEqualTo(cycleItems(a, "people")).hasSize(PEOPLE);
        assertThat(cycleItems(b, "clubs")).isEqualTo(cycleItems(a, "clubs")).hasSize(CLUBS);
        assertThat(again.status()).as("report %s", again.report()).isEqualTo("SUCCEEDED");
        assertThat(DirectusSyncTest.models(again)).allSatisfy((model, counts) -> {
            assertThat(counts.get("created")).as(model).isEqualTo(0L);
            assertThat(counts.get("updated")).as(model).isEqualTo(0L);
        });
        assertThat(DirectusSyncTest.writes(b)).as("create/update activity in kb after the further rerun").isEqualTo(writes);
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void should_fail_a_mirror_whose_file_delete_the_target_refuses_and_keep_the_file_listed() throws Exception {
        // given: a file gone from ka that kb cannot delete, as a note of kb alone holds it (on_delete NO ACTION)
        String file = DirectusDemo.id("file", 3);
        new DirectusDemo(b).collection("notes", List.of(
                DirectusDemo.field("id", "uuid", Map.of("special", List.of("uuid"), "readonly", true, "hidden", true),
                        Map.of("is_primary_key", true, "length", 36, "has_auto_increment", false)),
                DirectusDemo.field("attachment", "uuid", Map.of("interface", "file", "special", List.of("file")), Map.of())), Map.of());
        b.send("POST", "/relations", Map.of("collection", "notes", "field", "attachment", "related_collection", "directus_files",
                "schema", Map.of("on_delete", "NO ACTION")));
        String note = DirectusDemo.id("note", 1);
        b.send("POST", "/items/notes", Map.of("id", note, "attachment", file));
        a.send("DELETE", "/files/" + file, null);

        try (SyncHarness h = harness(Map.of())) {
            // when
            SyncResult refused = MirrorSyncTest.mirror(h, "ka", "kb", false, true);
            b.send("DELETE", "/items/notes/" + note, null);
            SyncResult rerun = MirrorSyncTest.mirror(h, "ka", "kb", false, true);

            // then: the run fails naming the file, which stays and is deleted by the rerun once kb lets it go
            assertThat(refused.status()).as("report %s", refused.report()).isEqualTo("FAILED");
            Map<String, Object> deletions = (Map<String, Object>) refused.report().get("deletions");
            assertThat(deletions.get("deleted")).isEqualTo(false);
            assertThat(String.valueOf(deletions.get("reason"))).contains(file);
            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(((Map<String, List<String>>) ((Map<String, Object>) rerun.report().get("deletions")).get("entries")).get("Asset"))
                    .containsExactly(file);
            assertThat(ids(b, "/files")).doesNotContain(file);
            DirectusSyncTest.assertEqual(a, b, DirectusDemo.FILES - 3);
        }
    }

    /** {@code people} and {@code clubs}: content collections whose many-to-one fields link them in a cycle. */
    private static void cycleSchema(DirectusRest rest) {
        DirectusDemo demo = new DirectusDemo(rest);
        for (String collection : List.of("people", "clubs")) {
            demo.collection(collection, List.of(
                    DirectusDemo.field("id", "uuid", Map.of("special", List.of("uuid"), "readonly", true, "hidden", true),
                            Map.of("is_primary_key", true, "length", 36, "has_auto_increment", false)),
                    DirectusDemo.field("name", "string", Map.of("interface", "input"), Map.of()),
                    DirectusDemo.field("status", "string", Map.of("interface", "input"), Map.of("default_value", "draft", "is_nullable", false)),
                    DirectusDemo.field("date_created", "timestamp", Map.of("special", List.of("date-created"), "readonly", true, "hidden", true), Map.of()),
                    DirectusDemo.field("date_updated", "timestamp", Map.of("special", List.of("date-updated"), "readonly", true, "hidden", true), Map.of())),
                    Map.of());
        }
        manyToOne(rest, "people", "best_friend", "people");
        manyToOne(rest, "people", "club", "clubs");
        manyToOne(rest, "clubs", "founder", "people");
    }

    private static void manyToOne(DirectusRest rest, String collection, String field, String related) {
        rest.send("POST", "/fields/" + collection, DirectusDemo.field(field, "uuid", Map.of("interface", "select-dropdown-m2o",
                "special", List.of("m2o")), Map.of()));
        rest.send("POST", "/relations", Map.of("collection", collection, "field", field, "related_collection", related,
                "schema", Map.of("on_delete", "SET NULL")));
    }

    /** Person i's best friend is person i + 1 (the last has none); ids sort as the people were created. */
    private static void seedCycle(DirectusRest rest) {
        List<Object> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(Map.of("id", person(i), "name", "Person " + i, "status", i % 4 == 3 ? "draft" : "published"));
        }
        rest.send("POST", "/items/people", people);
        List<Object> clubs = new ArrayList<>();
        for (int i = 0; i < CLUBS; i++) {
            clubs.add(Map.of("id", club(i), "name", "Club " + i, "status", "published", "founder", person(i * 10 + 5)));
        }
        rest.send("POST", "/items/clubs", clubs);
        List<Object> links = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("id", person(i));
            link.put("best_friend", i + 1 < PEOPLE ? person(i + 1) : null);
            link.put("club", club(i % CLUBS));
            links.add(link);
        }
        rest.send("PATCH", "/items/people", links);
    }

    private static String person(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    private static String club(int i) {
        return String.format("00000000-0000-4000-9000-%012d", i);
    }

    /** People whose best_friend is set. */
    private static long linked(DirectusRest rest) {
        return DirectusSyncTest.aggregateCount(rest, "/items/people?aggregate[count]=id&filter[best_friend][_nnull]=true");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cycleItems(DirectusRest rest, String collection) {
        return (List<Map<String, Object>>) rest.get("/items/" + collection + "?limit=-1&sort=id&fields="
                + (collection.equals("people") ? "id,name,status,best_friend,club" : "id,name,status,founder"));
    }

    private static SyncHarness harness(Map<String, String> extra) throws Exception {
        return SyncHarness.startApplication(stages, dir, BackupRestoreTest.backupKeys(dir, extra));
    }

    /** A configuration file for the command line: application.properties, the stages, the tests' state store and backups. */
    private static Path config(Map<String, String> extra) throws Exception {
        StringBuilder props = new StringBuilder(Files.readString(Path.of("application.properties"))).append('\n');
        stages.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        props.append("stagesync.state.url=jdbc:h2:file:").append(dir.toAbsolutePath().resolve("state")).append(";WRITE_DELAY=0\n");
        BackupRestoreTest.backupKeys(dir, extra).forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Path config = Files.createTempFile(dir, "cli", ".properties");
        Files.writeString(config, props);
        io.stagesync.testing.secrets.TestSecrets.holdsSecretOnPurpose(config);
        return config;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(DirectusRest rest, String path) {
        return ((List<Map<String, Object>>) rest.get(path + "?limit=-1&fields=id")).stream().map(r -> r.get("id")).toList();
    }

    private static List<Object> without(List<Object> all, List<Object> gone) {
        return all.stream().filter(id -> !gone.contains(id)).toList();
    }
}
