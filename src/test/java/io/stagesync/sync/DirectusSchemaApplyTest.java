package io.stagesync.sync;

import io.stagesync.assets.FaultRelay;
import io.stagesync.directus.DirectusDemo;
import io.stagesync.directus.DirectusRest;
import io.stagesync.schema.SchemaChange;
import io.stagesync.schema.SchemaDiffer;
import io.stagesync.schema.SchemaPlan;
import io.stagesync.schema.SchemaRequest;
import io.stagesync.schema.SchemaService;
import io.stagesync.testing.DirectusServer;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code schema diff} and {@code schema apply} between two real Directus instances of this class's own (their schemas
 * change here, which no other test should see), through the application's schema routes: a new collection and a new
 * field are applied and their content then syncs; stale plans are refused; deletions wait for consent and work done in
 * the target since the last apply is kept. The tests build on each other's state, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectusSchemaApplyTest {

    private static DirectusServer directus;
    private static DirectusRest a;
    private static DirectusRest b;
    private static SyncHarness harness;
    /** In front of sb, as stage sslow: holds back the schema apply's body when a test says so. */
    private static FaultRelay slow;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        directus = DirectusServer.own("sa", "sb");
        a = new DirectusRest("sa", directus.a().url(), directus.a().token(), Duration.ofSeconds(60));
        b = new DirectusRest("sb", directus.b().url(), directus.b().token(), Duration.ofSeconds(60));
        // the same guests collection in both
        for (DirectusRest rest : List.of(a, b)) {
            collection(rest, "guests", List.of(field("name", "string", Map.of())));
        }
        Map<String, String> stages = new LinkedHashMap<>();
        for (DirectusServer.Instance i : List.of(directus.a(), directus.b())) {
            stages.put("stagesync.stages." + i.name() + ".content-api", i.url());
            stages.put("stagesync.stages." + i.name() + ".token", i.token());
            stages.put("stagesync.stages." + i.name() + ".cms", "directus");
        }
        slow = new FaultRelay(java.net.URI.create(directus.b().url()).getPort());
        stages.put("stagesync.stages.sslow.content-api", slow.endpoint());
        stages.put("stagesync.stages.sslow.token", directus.b().token());
        stages.put("stagesync.stages.sslow.cms", "directus");
        harness = SyncHarness.startApplication(stages, dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (slow != null) {
            slow.close();
        }
    }

    @Test
    @Order(1)
    void should_apply_a_new_collection_and_field_then_show_no_change_and_sync_their_content() throws Exception {
        // given: in sa a new collection with items, and a new field of guests with values
        collection(a, "rooms", List.of(field("label", "string", Map.of()), field("floor", "integer", Map.of())));
        a.send("POST", "/fields/guests", field("nickname", "string", Map.of()));
        a.send("POST", "/items/rooms", List.of(Map.of("label", "Blue", "floor", 1, "status", "published"),
                Map.of("label", "Red", "floor", 2, "status", "draft")));
        a.send("POST", "/items/guests", List.of(Map.of("name", "Ann", "nickname", "Annie", "status", "published")));

        // when: a plan written to a file, then applied
        SchemaPlan plan = diff(SchemaDiffer.Options.NONE);
        Path file = dir.resolve("plan.json");
        plan.write(file);
        SchemaService.ApplyResult result = apply(new SchemaRequest(null, null, file, SchemaDiffer.Options.NONE, 60_000));

        // then: both changes planned and made, Directus finds no difference left, neither does the diff
        assertThat(rows(plan.changes())).contains("add-model rooms apply", "add-field guests.nickname apply");
        assertThat(plan.prepared()).containsKeys("hash", "diff");
        assertThat(result.status()).as("%s", result).isEqualTo("SUCCESS");
        assertThat(fieldNames(b, "rooms")).contains("label", "floor", "status", "date_created");
        assertThat(fieldNames(b, "guests")).contains("nickname");
        assertThat(b.send("POST", "/schema/diff", a.get("/schema/snapshot"))).as("Directus's own diff of sa against sb").isNull();
        assertThat(diff(SchemaDiffer.Options.NONE).changes()).isEmpty();

        // and: the content of the new collection and field syncs
        SyncResult sync = harness.sync("sa", "sb", false, false, SyncProgress.NONE);
        assertThat(sync.status()).as("report %s", sync.report()).isEqualTo("SUCCEEDED");
        assertThat(values(b, "rooms", "label")).containsExactlyInAnyOrder("Blue", "Red");
        assertThat(values(b, "guests", "nickname")).containsExactly("Annie");
    }

    @Test
    @Order(2)
    void should_refuse_a_plan_whose_target_changed_since_and_apply_nothing() throws Exception {
        // given: a plan for a new field of rooms
        a.send("POST", "/fields/rooms", field("size", "integer", Map.of()));
        Path file = dir.resolve("stale.json");
        diff(SchemaDiffer.Options.NONE).write(file);

        // when: sb's schema changes after the plan, first a field's settings only (outside the compared schema)
        b.send("PATCH", "/fields/rooms/label", Map.of("meta", Map.of("note", "changed in sb")));
        Throwable settings = refusal(new SchemaRequest(null, null, file, SchemaDiffer.Options.NONE, 60_000));
        // then a field
        b.send("POST", "/fields/rooms", field("wing", "string", Map.of()));
        Throwable field = refusal(new SchemaRequest(null, null, file, SchemaDiffer.Options.NONE, 60_000));

        // then: refused in one line each, nothing applied
        assertThat(settings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Stage sb changed since the plan was made (setting field rooms.label)").hasMessageNotContaining("\n");
        assertThat(field).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Stage sb changed since the plan was made (rooms.wing added, setting field rooms.label)");
        assertThat(fieldNames(b, "rooms")).doesNotContain("size");
    }

    @Test
    @Order(3)
    void should_hold_back_a_deletion_without_consent_and_keep_work_done_in_the_target() throws Exception {
        // given: guests.nickname deleted in sa; rooms.wing added in sb after the last apply (previous test)
        a.send("DELETE", "/fields/guests/nickname", null);

        // when: applied without consent
        SchemaService.ApplyResult held = apply(new SchemaRequest("sa", "sb", null, SchemaDiffer.Options.NONE, 60_000));

        // then: the deletion is held back, its values stay; the target's new field is kept; the addition is made
        assertThat(rows(held.notApplied())).contains("remove-field guests.nickname held-back", "remove-field rooms.wing kept");
        assertThat(rows(held.applied())).containsExactly("add-field rooms.size apply");
        assertThat(fieldNames(b, "guests")).contains("nickname");
        assertThat(values(b, "guests", "nickname")).containsExactly("Annie");
        assertThat(fieldNames(b, "rooms")).contains("size", "wing");
        assertThat(rows(held.notApplied())).as("the note changed in sb since the base").contains("change-setting field rooms.label kept");
        assertThat(note(b, "rooms", "label")).isEqualTo("changed in sb");

        // when: applied with consent
        SchemaService.ApplyResult consented = apply(new SchemaRequest("sa", "sb", null,
                new SchemaDiffer.Options(true, Map.of(), Map.of()), 60_000));

        // then: the deletion is made; the target's own field is still kept
        assertThat(consented.status()).as("%s", consented).isEqualTo("SUCCESS");
        assertThat(rows(consented.applied())).containsExactly("remove-field guests.nickname apply");
        assertThat(rows(consented.notApplied())).containsExactlyInAnyOrder("remove-field rooms.wing kept",
                "change-setting field rooms.label kept");
        assertThat(note(b, "rooms", "label")).isEqualTo("changed in sb");
        assertThat(fieldNames(b, "guests")).doesNotContain("nickname");
        assertThat(fieldNames(b, "rooms")).contains("wing");
    }

    @Test
    @Order(4)
    void should_refuse_a_rename_in_one_line_and_apply_nothing() {
        // given: guests.name replaced by guests.fullname in sa (a rename candidate)
        a.send("POST", "/fields/guests", field("fullname", "string", Map.of()));
        a.send("DELETE", "/fields/guests/name", null);

        // when / then: Directus has no rename; refused before anything is written
        assertThatThrownBy(() -> apply(new SchemaRequest("sa", "sb", null,
                new SchemaDiffer.Options(false, Map.of("guests.name", "fullname"), Map.of()), 60_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Directus cannot rename a field: [guests.name]")
                .hasMessageContaining("nothing was applied").hasMessageNotContaining("\n");
        assertThat(fieldNames(b, "guests")).contains("name").doesNotContain("fullname");
    }

    @Test
    @Order(5)
    void should_make_the_one_locale_of_a_stage_without_languages_by_its_default_language() {
        // given: neither stage has a languages collection, so each one's one locale is its default language; sa's changes
        a.send("PATCH", "/settings", Map.of("default_language", "de-DE"));

        // when
        SchemaService.ApplyResult result = apply(new SchemaRequest("sa", "sb", null, SchemaDiffer.Options.NONE, 60_000));

        // then: the setting makes sb's locale de-DE; no languages collection is asked for
        assertThat(result.status()).as("%s", result).isEqualTo("SUCCESS");
        assertThat(rows(result.applied())).contains("add-locale de-DE apply", "change-setting project default_language apply");
        assertThat(defaultLanguage(b)).isEqualTo("de-DE");
        assertThat(((List<?>) b.get("/collections?limit=-1")).stream().map(c -> String.valueOf(((Map<?, ?>) c).get("collection")))
                .toList()).doesNotContain("languages");

        // and: both back to en-US, and an apply stores that as the base
        a.send("PATCH", "/settings", Map.of("default_language", "en-US"));
        b.send("PATCH", "/settings", Map.of("default_language", "en-US"));
        assertThat(apply(new SchemaRequest("sa", "sb", null, SchemaDiffer.Options.NONE, 60_000)).status()).isIn("NOTHING", "SUCCESS");
        assertThat(rows(diff(SchemaDiffer.Options.NONE).changes())).noneMatch(r -> r.contains("locale") || r.contains("default_language"));
    }

    @Test
    @Order(6)
    void should_apply_the_whole_demo_schema_with_its_languages_into_a_stage_without_it_and_sync_the_demo() throws Exception {
        // given: the demo (every relation kind, files, translations, languages) in sa alone
        new DirectusDemo(a).createSchema();
        new DirectusDemo(a).seed(10);

        // when
        SchemaService.ApplyResult result = apply(new SchemaRequest("sa", "sb", null, SchemaDiffer.Options.NONE, 120_000));

        // then: collections, fields, relations and the languages' rows are made (sb had no languages collection, so its
        // one locale was its default language en-US: no change, but its row is made too); what stays is what earlier
        // tests held back
        assertThat(result.status()).as("%s", result).isEqualTo("SUCCESS");
        assertThat(rows(result.applied())).contains("add-locale de-DE apply", "add-model hotels apply",
                "add-field hotels.sections apply", "add-field hotels.description apply", "add-field hotels.gallery apply");
        assertThat(values(b, "languages", "code")).containsExactlyInAnyOrder("en-US", "de-DE");
        assertThat(rows(result.applied())).as("a collection outside the compared schema").contains("add-setting collection languages apply");
        assertThat(rows(diff(SchemaDiffer.Options.NONE).changes())).containsExactlyInAnyOrder("remove-field guests.name held-back",
                "remove-field rooms.wing kept", "change-setting field rooms.label kept");

        // and: the demo's content syncs into sb
        SyncResult sync = harness.sync("sa", "sb", false, false, SyncProgress.NONE);
        assertThat(sync.status()).as("report %s", sync.report()).isEqualTo("SUCCEEDED");
        for (String collection : DirectusDemo.MODELS) {
            assertThat(values(b, collection, "id")).as(collection).containsExactlyInAnyOrderElementsOf(values(a, collection, "id"));
        }
        assertThat(values(b, "hotels_translations", "description")).containsExactlyInAnyOrderElementsOf(
                values(a, "hotels_translations", "description"));
    }

    @Test
    @Order(7)
    void should_name_a_field_without_directus_settings_in_the_plans_warnings() {
        // given: a field created without meta in sa (Directus's snapshot leaves it out)
        Map<String, Object> bare = new LinkedHashMap<>();
        bare.put("field", "untracked");
        bare.put("type", "string");
        bare.put("schema", Map.of());
        bare.put("meta", null);
        a.send("POST", "/fields/guests", bare);

        // when
        SchemaPlan plan = diff(SchemaDiffer.Options.NONE);

        // then: not planned, but named
        assertThat(rows(plan.changes())).noneMatch(r -> r.contains("guests.untracked"));
        assertThat(plan.warnings()).anyMatch(w -> w.startsWith("Stage sa has fields or collections without Directus settings (meta)")
                && w.contains("guests.untracked"));
    }

    @Test
    @Order(8)
    void should_copy_the_default_language_and_keep_a_change_made_in_the_target_since_the_base() {
        // given: sa's project default language changed since the last apply
        assertThat(defaultLanguage(b)).isEqualTo(defaultLanguage(a)).isEqualTo("en-US");
        a.send("PATCH", "/settings", Map.of("default_language", "de-DE"));

        // when
        SchemaPlan plan = diff(SchemaDiffer.Options.NONE);
        SchemaService.ApplyResult applied = apply(new SchemaRequest("sa", "sb", null, SchemaDiffer.Options.NONE, 60_000));

        // then: shown in the plan, and made
        assertThat(rows(plan.changes())).contains("change-setting project default_language apply");
        assertThat(applied.status()).as("%s", applied).isEqualTo("SUCCESS");
        assertThat(rows(applied.applied())).containsExactly("change-setting project default_language apply");
        assertThat(defaultLanguage(b)).isEqualTo("de-DE");

        // when: sb's default language is changed in sb since that apply, then applied again
        b.send("PATCH", "/settings", Map.of("default_language", "en-US"));
        SchemaService.ApplyResult kept = apply(new SchemaRequest("sa", "sb", null, SchemaDiffer.Options.NONE, 60_000));

        // then: sb's change is kept and listed
        assertThat(rows(kept.notApplied())).contains("change-setting project default_language kept");
        assertThat(defaultLanguage(b)).isEqualTo("en-US");

        // when: sa's changes too, differently
        a.send("PATCH", "/settings", Map.of("default_language", "fr-FR"));

        // then: a conflict that stops the apply, in one line; sb keeps its own
        assertThat(refusal(new SchemaRequest("sa", "sb", null, SchemaDiffer.Options.NONE, 60_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 conflict stop the apply").hasMessageContaining("[project default_language]")
                .hasMessageContaining("nothing was applied").hasMessageNotContaining("\n");
        assertThat(defaultLanguage(b)).isEqualTo("en-US");

        // and: once both agree, nothing is left to apply for it
        b.send("PATCH", "/settings", Map.of("default_language", "fr-FR"));
        assertThat(rows(diff(SchemaDiffer.Options.NONE).changes())).noneMatch(r -> r.contains("default_language"));
    }

    @Test
    @Order(9)
    void should_report_a_timeout_when_directus_does_not_answer_the_apply_in_time_and_converge_on_the_rerun() throws Exception {
        // given: a new field of guests in sa; sb (as sslow) gets the schema apply's body only 6 s late
        a.send("POST", "/fields/guests", field("phone", "string", Map.of()));

        // when: applied with a 1 s timeout, and the held-back body then never reaches sb
        SchemaService.ApplyResult lost = lateApply();
        slow.dropConnections();

        // then: TIMEOUT, saying what may or may not have been made; here nothing was
        assertThat(lost.status()).as("%s", lost).isEqualTo("TIMEOUT");
        assertThat(lost.succeeded()).isFalse();
        assertThat(rows(lost.applied())).contains("add-field guests.phone apply");
        assertThat(lost.errors()).contains("did not answer the schema apply within 1 s").contains("either all")
                .contains("or none is").contains("a rerun makes a new plan");
        Thread.sleep(7_000);
        assertThat(fieldNames(b, "guests")).doesNotContain("phone");

        // when / then: the rerun re-plans and makes it
        SchemaService.ApplyResult rerun = apply(new SchemaRequest("sa", "sslow", null, SchemaDiffer.Options.NONE, 60_000));
        assertThat(rerun.status()).as("%s", rerun).isEqualTo("SUCCESS");
        assertThat(rows(rerun.applied())).contains("add-field guests.phone apply");
        assertThat(fieldNames(b, "guests")).contains("phone");

        // given: another new field; when: applied with a 1 s timeout, and the body reaches sb late
        a.send("POST", "/fields/guests", field("email", "string", Map.of()));
        SchemaService.ApplyResult late = lateApply();

        // then: TIMEOUT again, and Directus makes the change after the run gave up waiting
        assertThat(late.status()).as("%s", late).isEqualTo("TIMEOUT");
        await().atMost(Duration.ofSeconds(60)).until(() -> fieldNames(b, "guests").contains("email"));

        // when / then: the rerun finds it made, and nothing is left to apply
        SchemaService.ApplyResult again = apply(new SchemaRequest("sa", "sslow", null, SchemaDiffer.Options.NONE, 60_000));
        assertThat(again.status()).as("%s", again).isIn("SUCCESS", "NOTHING");
        assertThat(rows(again.applied())).noneMatch(r -> r.contains("guests.email"));
        SchemaPlan after = harness.camel().createProducerTemplate().requestBody("direct:schema-diff",
                new SchemaRequest("sa", "sslow", null, SchemaDiffer.Options.NONE, 0), SchemaPlan.class);
        assertThat(rows(after.changes())).noneMatch(r -> r.endsWith(" apply"));
    }

    /** An apply from sa to sslow with a 1 s timeout while sslow holds back the schema apply's body by 6 s. */
    private static SchemaService.ApplyResult lateApply() {
        slow.delayBody(head -> head.startsWith("POST /schema/apply"), 6_000);
        try {
            return apply(new SchemaRequest("sa", "sslow", null, SchemaDiffer.Options.NONE, 1_000));
        } finally {
            slow.delayBody(head -> false, 0);
        }
    }

    @Test
    @Order(10)
    void should_merge_the_settings_of_fields_three_way_and_keep_those_changed_in_the_target() {
        // given: sa changes the settings of rooms.floor (note, interface, a validation message) since the last apply
        a.send("PATCH", "/fields/rooms/floor", Map.of("meta", Map.of("note", "floor number", "interface", "slider",
                "validation_message", "0 to 40")));

        // when
        SchemaService.ApplyResult applied = apply(new SchemaRequest("sa", "sb", null, SchemaDiffer.Options.NONE, 60_000));

        // then: listed and made
        assertThat(applied.status()).as("%s", applied).isEqualTo("SUCCESS");
        assertThat(rows(applied.applied())).containsExactly("change-setting field rooms.floor apply");
        assertThat(note(b, "rooms", "floor")).isEqualTo("floor number");

        // given: sb changes the note of rooms.floor since, and adds a presentation field to rooms; sa changes another field
        b.send("PATCH", "/fields/rooms/floor", Map.of("meta", Map.of("note", "storey, as counted in sb")));
        Map<String, Object> divider = new LinkedHashMap<>();
        divider.put("field", "divider");
        divider.put("type", "alias");
        divider.put("meta", Map.of("interface", "presentation-divider", "special", List.of("alias", "no-data")));
        divider.put("schema", null);
        b.send("POST", "/fields/rooms", divider);
        a.send("PATCH", "/fields/guests/fullname", Map.of("meta", Map.of("note", "as on the passport")));

        // when: applied, even with consent to deletions
        SchemaService.ApplyResult kept = apply(new SchemaRequest("sa", "sb", null, new SchemaDiffer.Options(true, Map.of(), Map.of()), 60_000));

        // then: sb's own changes are kept and listed, not overwritten or deleted; sa's change is made
        assertThat(kept.status()).as("%s", kept).isEqualTo("SUCCESS");
        assertThat(rows(kept.notApplied())).contains("change-setting field rooms.floor kept", "remove-setting field rooms.divider kept");
        assertThat(rows(kept.applied())).contains("change-setting field guests.fullname apply");
        assertThat(note(b, "rooms", "floor")).isEqualTo("storey, as counted in sb");
        assertThat(fieldNames(b, "rooms")).contains("divider");
        assertThat(note(b, "guests", "fullname")).isEqualTo("as on the passport");

        // when: sa changes the note of rooms.floor too, differently
        a.send("PATCH", "/fields/rooms/floor", Map.of("meta", Map.of("note", "level")));

        // then: a conflict that stops the apply, in one line
        assertThat(refusal(new SchemaRequest("sa", "sb", null, SchemaDiffer.Options.NONE, 60_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[field rooms.floor]").hasMessageContaining("nothing was applied").hasMessageNotContaining("\n");
        assertThat(note(b, "rooms", "floor")).isEqualTo("storey, as counted in sb");
    }

    @SuppressWarnings("unchecked")
    private static Object note(DirectusRest rest, String collection, String field) {
        return ((Map<String, Object>) ((Map<String, Object>) rest.get("/fields/" + collection + "/" + field)).get("meta")).get("note");
    }

    private static Object defaultLanguage(DirectusRest rest) {
        return ((Map<?, ?>) rest.get("/settings?fields=default_language")).get("default_language");
    }

    private static SchemaPlan diff(SchemaDiffer.Options options) {
        return harness.camel().createProducerTemplate().requestBody("direct:schema-diff",
                new SchemaRequest("sa", "sb", null, options, 0), SchemaPlan.class);
    }

    private static SchemaService.ApplyResult apply(SchemaRequest request) {
        try {
            return harness.camel().createProducerTemplate().requestBody("direct:schema-apply", request, SchemaService.ApplyResult.class);
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static Throwable refusal(SchemaRequest request) {
        try {
            SchemaService.ApplyResult result = apply(request);
            throw new AssertionError("applied: " + result);
        } catch (IllegalArgumentException e) {
            return e;
        }
    }

    /** "action element status" of each change. */
    private static List<String> rows(List<SchemaChange> changes) {
        return changes.stream().map(c -> c.edit().action() + " " + c.element() + " " + c.status()).toList();
    }

    /** A content collection: uuid key, status, created and updated stamps, and the given fields. */
    private static void collection(DirectusRest rest, String name, List<Map<String, Object>> fields) {
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(Map.of("field", "id", "type", "uuid", "meta", Map.of("special", List.of("uuid"), "hidden", true),
                "schema", Map.of("is_primary_key", true, "length", 36, "has_auto_increment", false)));
        all.addAll(fields);
        all.add(field("status", "string", Map.of("default_value", "draft")));
        all.add(Map.of("field", "date_created", "type", "timestamp", "meta", Map.of("special", List.of("date-created")), "schema", Map.of()));
        all.add(Map.of("field", "date_updated", "type", "timestamp", "meta", Map.of("special", List.of("date-updated")), "schema", Map.of()));
        rest.send("POST", "/collections", Map.of("collection", name, "meta", Map.of(), "schema", Map.of(), "fields", all));
    }

    /** A field with meta (a field without meta is left out of schema snapshots). */
    private static Map<String, Object> field(String name, String type, Map<String, Object> schema) {
        return Map.of("field", name, "type", type, "meta", Map.of("interface", "input"), "schema", schema);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fieldNames(DirectusRest rest, String collection) {
        return ((List<Map<String, Object>>) rest.get("/fields/" + collection)).stream().map(f -> f.get("field")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> values(DirectusRest rest, String collection, String field) {
        return ((List<Map<String, Object>>) rest.get("/items/" + collection + "?fields=" + field + "&limit=-1")).stream()
                .map(i -> i.get(field)).toList();
    }
}
