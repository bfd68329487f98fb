package io.stagesync.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.cli.RootCommand;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.ManagementTestClient;
import io.stagesync.testing.secrets.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stagesync schema diff|apply} against devstage over HTTP: clone, change, diff, apply; the merge with and
 * without a base; renames, re-created fields, migration values, stale and tampered plans and other bad input;
 * components and unions on a kitchen-sink clone, custom stages, a timeout against held migrations.
 */
class SchemaCommandTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(10);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private final ManagementTestClient management = new ManagementTestClient(devstage);

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** Two clones of production: {@code [source, target]}. */
    private String[] pair() throws Exception {
        String source = "src" + NAMES.incrementAndGet();
        String target = "tgt" + NAMES.get();
        management.cloneEnvironment("production", source);
        management.cloneEnvironment("production", target);
        return new String[] {source, target};
    }

    private Path config() throws Exception {
        StringBuilder sb = new StringBuilder(Files.readString(Path.of("application.properties"))).append('\n');
        for (String env : devstage.server().environments()) {
            sb.append("stagesync.stages.").append(env).append(".content-api=").append(devstage.contentApiUrl(env)).append('\n');
            sb.append("stagesync.stages.").append(env).append(".token=").append(devstage.token()).append('\n');
        }
        sb.append("stagesync.stages.production.protected=true\nstagesync.stages.staging.parent=production\n");
        sb.append("stagesync.state.url=jdbc:h2:file:").append(dir.toAbsolutePath().resolve("state")).append(";WRITE_DELAY=0\n");
        Path file = dir.resolve("test.properties");
        Files.writeString(file, sb.toString());
        TestSecrets.holdsSecretOnPurpose(file);
        return file;
    }

    private Run run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config().toString());
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            var line = RootCommand.commandLine();
            line.setErr(new java.io.PrintWriter(errors, true, StandardCharsets.UTF_8));
            int exit = line.execute(all.toArray(String[]::new));
            return new Run(exit, captured.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
        }
    }

    private Map<String, Object> op(String operation, Map<String, Object> input) {
        return Map.of(operation, input);
    }

    private void change(String environment, List<Map<String, Object>> changes) throws Exception {
        assertThat(management.apply(environment, changes)).containsEntry("status", "SUCCESS");
    }

    private List<Map<String, Object>> hotels(String environment, String fields) throws Exception {
        return management.hotels(environment, fields);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> jsonChanges(Run run) throws Exception {
        String json = run.out().substring(run.out().indexOf("\n{") + 1);
        return (List<Map<String, Object>>) new ObjectMapper().readValue(json, Map.class).get("changes");
    }

    private static Map<String, Object> find(List<Map<String, Object>> changes, String action, String element) {
        return changes.stream().filter(c -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> edit = (Map<String, Object>) c.get("edit");
            String el = edit.get("field") == null ? (String) edit.get("model") : edit.get("model") + "." + edit.get("field");
            return action.equals(edit.get("action")) && element.equals(el);
        }).findFirst().orElseThrow(() -> new AssertionError(action + " " + element + " not in " + changes));
    }

    @Test
    void should_clone_change_diff_and_apply_so_the_schemas_are_equal_and_content_is_kept() throws Exception {
        // given
        String[] p = pair();
        change(p[0], List.of(
                op("createModel", Map.of("apiId", "Brand", "apiIdPlural", "Brands", "displayName", "Brand")),
                op("createSimpleField", Map.of("apiId", "label", "modelApiId", "Brand", "type", "STRING", "displayName", "Label")),
                op("createSimpleField", Map.of("apiId", "subtitle", "modelApiId", "Hotel", "type", "STRING", "displayName", "Subtitle")),
                op("createRelationalField", Map.of("apiId", "brand", "modelApiId", "Hotel", "type", "RELATION", "displayName", "Brand",
                        "reverseField", Map.of("apiId", "hotels", "modelApiId", "Brand", "displayName", "Hotels", "isList", true)))));
        var before = hotels(p[1], "slug name stars category");
        Path plan = dir.resolve("plan.json");
        // when
        Run diff = run("schema", "diff", "--from", p[0], "--to", p[1], "--out", plan.toString());
        Run apply = run("schema", "apply", "--plan", plan.toString());
        // then
        assertThat(diff.exit()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("add-model", "Brand", "add-field", "Hotel.subtitle", "Hotel.brand", "Plan written to");
        assertThat(diff.out().indexOf("add-model")).isLessThan(diff.out().indexOf("Hotel.brand"));
        assertThat(apply.exit()).as(apply.err() + apply.out()).isZero();
        assertThat(apply.out()).contains("SUCCESS");
        assertThat(management.diff(p[1], p[0])).isEmpty();
        assertThat(hotels(p[1], "slug name stars category")).isEqualTo(before);
    }

    @Test
    void should_keep_a_target_only_change_with_a_base_and_hold_it_back_without_one() throws Exception {
        // given
        String[] withBase = pair();
        String[] withoutBase = pair();
        assertThat(run("schema", "apply", "--from", withBase[0], "--to", withBase[1]).exit()).isZero();
        var note = op("createSimpleField", Map.of("apiId", "note", "modelApiId", "Hotel", "type", "STRING", "displayName", "Note"));
        change(withBase[1], List.of(note));
        change(withoutBase[1], List.of(note));
        // when
        Run kept = run("schema", "diff", "--from", withBase[0], "--to", withBase[1], "--format", "json");
        Run held = run("schema", "diff", "--from", withoutBase[0], "--to", withoutBase[1], "--format", "json");
        Run applyKept = run("schema", "apply", "--from", withBase[0], "--to", withBase[1], "--allow-deletes");
        Run heldTable = run("schema", "diff", "--from", withoutBase[0], "--to", withoutBase[1]);
        // then
        assertThat(find(jsonChanges(kept), "remove-field", "Hotel.note")).containsEntry("status", "kept");
        assertThat(find(jsonChanges(held), "remove-field", "Hotel.note")).containsEntry("status", "held-back");
        assertThat(heldTable.out()).contains("No base for this stage pair", "held-back");
        assertThat(applyKept.exit()).isZero();
        assertThat(hotels(withBase[1], "note")).isNotEmpty();
    }

    @Test
    void should_take_the_base_from_a_successful_sync() throws Exception {
        // given
        String[] p = pair();
        Run sync = run("sync", "--from", p[0], "--to", p[1]);
        change(p[1], List.of(op("createSimpleField", Map.of("apiId", "note", "modelApiId", "Hotel", "type", "STRING", "displayName", "Note"))));
        // when
        Run diff = run("schema", "diff", "--from", p[0], "--to", p[1], "--format", "json");
        // then
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(find(jsonChanges(diff), "remove-field", "Hotel.note")).containsEntry("status", "kept");
        assertThat(diff.out()).doesNotContain("No base for this stage pair");
    }

    @Test
    void should_stop_the_apply_on_a_conflict_and_list_it() throws Exception {
        // given
        String[] p = pair();
        assertThat(run("schema", "apply", "--from", p[0], "--to", p[1]).exit()).isZero();
        change(p[0], List.of(op("updateSimpleField", Map.of("apiId", "country", "modelApiId", "Destination", "isUnique", true))));
        change(p[1], List.of(op("updateSimpleField", Map.of("apiId", "country", "modelApiId", "Destination", "isRequired", false))));
        // when
        Run diff = run("schema", "diff", "--from", p[0], "--to", p[1], "--format", "json");
        Run apply = run("schema", "apply", "--from", p[0], "--to", p[1]);
        // then
        assertThat(find(jsonChanges(diff), "change-field", "Destination.country")).containsEntry("status", "conflict");
        assertThat(apply.exit()).isEqualTo(1);
        assertThat(apply.err()).contains("1 conflict stop the apply", "Destination.country", "nothing was applied");
    }

    @Test
    void should_apply_new_locales_enumerations_and_enumeration_values() throws Exception {
        // given
        String[] p = pair();
        change(p[0], List.of(op("createLocale", Map.of("apiId", "fr", "displayName", "French")),
                op("createEnumeration", Map.of("apiId", "Amenity", "displayName", "Amenity",
                        "values", List.of(Map.of("apiId", "POOL", "displayName", "Pool")))),
                op("updateEnumeration", Map.of("apiId", "HotelCategory", "valuesToCreate", List.of(Map.of("apiId", "HOSTEL", "displayName", "Hostel")))),
                op("createEnumerableField", Map.of("apiId", "amenity", "modelApiId", "Hotel", "enumerationApiId", "Amenity",
                        "displayName", "Amenity", "isList", true))));
        // when
        Run apply = run("schema", "apply", "--from", p[0], "--to", p[1]);
        // then
        assertThat(apply.exit()).as(apply.err() + apply.out()).isZero();
        assertThat(apply.out()).contains("add-locale", "add-enum ", "add-enum-values", "HotelCategory", "Hotel.amenity");
        assertThat(management.diff(p[1], p[0])).isEmpty();
    }

    @Test
    void should_apply_a_rename_candidate_as_a_rename_and_keep_its_content() throws Exception {
        // given
        String[] p = pair();
        var stars = hotels(p[1], "stars").stream().map(h -> h.get("stars")).toList();
        change(p[0], List.of(op("updateSimpleField", Map.of("apiId", "stars", "modelApiId", "Hotel", "newApiId", "rating"))));
        // when
        Run diff = run("schema", "diff", "--from", p[0], "--to", p[1]);
        Run apply = run("schema", "apply", "--from", p[0], "--to", p[1], "--rename", "Hotel.stars=rating");
        // then
        assertThat(diff.out()).contains("Rename candidate: Hotel.stars=rating");
        assertThat(apply.exit()).as(apply.err()).isZero();
        assertThat(hotels(p[1], "rating").stream().map(h -> h.get("rating")).toList()).isEqualTo(stars);
        assertThat(stars).anySatisfy(s -> assertThat(s).isNotNull());
    }

    @Test
    void should_tell_a_field_deleted_and_created_again_from_an_unchanged_one() throws Exception {
        // given
        String[] p = pair();
        assertThat(run("schema", "apply", "--from", p[0], "--to", p[1]).exit()).isZero();
        change(p[0], List.of(op("deleteField", Map.of("apiId", "stars", "modelApiId", "Hotel")),
                op("createSimpleField", Map.of("apiId", "stars", "modelApiId", "Hotel", "type", "INT", "displayName", "Stars"))));
        // when
        Run diff = run("schema", "diff", "--from", p[0], "--to", p[1], "--format", "json");
        // then
        var change = find(jsonChanges(diff), "remove-field", "Hotel.stars");
        assertThat(change).containsEntry("status", "held-back");
        assertThat((String) change.get("note")).contains("deleted and created again in the source");
        assertThat(jsonChanges(diff)).hasSize(1);
    }

    @Test
    void should_hold_back_a_required_field_without_migration_value_and_apply_it_with_one() throws Exception {
        // given
        String[] p = pair();
        change(p[0], List.of(op("createSimpleField", Map.of("apiId", "checkIn", "modelApiId", "Hotel", "type", "STRING",
                "displayName", "Check-in", "isRequired", true, "migrationValue", "15:00"))));
        // when
        Run held = run("schema", "apply", "--from", p[0], "--to", p[1]);
        List<Map<String, Object>> afterHeld = management.diff(p[1], p[0]);
        Run applied = run("schema", "apply", "--from", p[0], "--to", p[1], "--migration-value", "Hotel.checkIn=14:00");
        // then
        assertThat(held.exit()).isZero();
        assertThat(held.out()).contains("NOTHING", "held-back", "10 entries have no value", "--migration-value Hotel.checkIn=VALUE");
        assertThat(afterHeld).hasSize(1);
        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(hotels(p[1], "checkIn")).hasSize(10).allSatisfy(h -> assertThat(h.get("checkIn")).isEqualTo("14:00"));
    }

    @Test
    void should_leave_the_schema_untouched_when_the_batch_fails() throws Exception {
        // given
        String[] p = pair();
        change(p[0], List.of(op("createSimpleField", Map.of("apiId", "floors", "modelApiId", "Hotel", "type", "INT",
                "displayName", "Floors", "isRequired", true, "migrationValue", "3"))));
        // when
        Run failed = run("schema", "apply", "--from", p[0], "--to", p[1], "--migration-value", "Hotel.floors=three");
        // then
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).contains("FAILED", "not a valid INT");
        assertThat(management.diff(p[1], "production")).isEmpty();
    }

    @Test
    void should_refuse_a_sealed_plan_after_the_target_changed() throws Exception {
        // given
        String[] p = pair();
        change(p[0], List.of(op("createSimpleField", Map.of("apiId", "motto", "modelApiId", "Hotel", "type", "STRING", "displayName", "Motto"))));
        Path plan = dir.resolve("stale.json");
        assertThat(run("schema", "diff", "--from", p[0], "--to", p[1], "--out", plan.toString()).exit()).isZero();
        change(p[1], List.of(op("createSimpleField", Map.of("apiId", "late", "modelApiId", "Review", "type", "STRING", "displayName", "Late"))));
        // when
        Run apply = run("schema", "apply", "--plan", plan.toString());
        // then
        assertThat(apply.exit()).isEqualTo(1);
        assertThat(apply.err().strip().lines()).hasSize(1);
        assertThat(apply.err()).contains("changed since the plan was made", "Review.late added").doesNotContain("Exchange[");
        assertThat(hotels(p[1], "id")).isNotEmpty();
        assertThat(management.diff(p[1], p[0])).extracting(c -> c.keySet().iterator().next()).contains("createSimpleField");
    }

    @Test
    void should_answer_bad_input_with_one_line_and_apply_nothing() throws Exception {
        // given
        String[] p = pair();
        change(p[0], List.of(op("createSimpleField", Map.of("apiId", "motto", "modelApiId", "Hotel", "type", "STRING", "displayName", "Motto"))));
        Path plan = dir.resolve("plan.json");
        assertThat(run("schema", "diff", "--from", p[0], "--to", p[1], "--out", plan.toString()).exit()).isZero();
        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, Files.readString(plan).replace("\"motto\"", "\"mottos\""));
        Path malformed = dir.resolve("malformed.json");
        Files.writeString(malformed, "{ not json");
        // when
        Run unknownStage = run("schema", "diff", "--from", p[0], "--to", "nowhere");
        Run malformedPlan = run("schema", "apply", "--plan", malformed.toString());
        Run tamperedPlan = run("schema", "apply", "--plan", tampered.toString());
        Run unknownRename = run("schema", "apply", "--from", p[0], "--to", p[1], "--rename", "Hotel.stars=starz");
        Run protectedTarget = run("schema", "apply", "--from", p[0], "--to", "production");
        Run notTheParent = run("schema", "apply", "--from", p[0], "--to", "staging");
        // then
        assertThat(unknownStage.err()).contains("Unknown stage 'nowhere'");
        assertThat(malformedPlan.err()).contains("malformed.json", "not a schema plan");
        assertThat(tamperedPlan.err()).contains("tampered.json", "changed after it was made");
        assertThat(unknownRename.err()).contains("--rename Hotel.stars=starz", "not a rename candidate");
        assertThat(protectedTarget.err()).contains("protected");
        assertThat(notTheParent.err()).contains("takes changes only from its parent production");
        for (Run r : List.of(unknownStage, malformedPlan, tamperedPlan, unknownRename, protectedTarget, notTheParent)) {
            assertThat(r.exit()).isNotZero();
            assertThat(r.err().lines().filter(l -> !l.startsWith("Try '"))).as(r.err()).hasSize(1);
        }
        assertThat(management.diff(p[1], "production")).isEmpty();
        assertThat(management.diff("production", p[0])).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_diff_and_apply_components_and_unions_so_the_kitchen_sink_content_syncs_into_the_applied_target() throws Exception {
        // given: a clone of a kitchen-sink environment gets a new component, component, union and modular field changes and content in them
        String sink = devstage.freshEnvironment("sink", DevstageServer.demoModel("kitchen-sink"), 12);
        String dev = sink + "dev";
        management.cloneEnvironment(sink, dev);
        String target = devstage.freshEnvironment("sinkfresh", DevstageServer.demoModel("kitchen-sink"));
        change(dev, List.of(
                op("createComponent", Map.of("apiId", "Badge", "apiIdPlural", "Badges", "displayName", "Badge")),
                op("createSimpleField", Map.of("apiId", "label", "parentApiId", "Badge", "type", "STRING", "displayName", "Label")),
                op("createSimpleField", Map.of("apiId", "spot", "parentApiId", "Badge", "type", "LOCATION", "displayName", "Spot")),
                op("createComponentField", Map.of("apiId", "badges", "parentApiId", "Article", "displayName", "Badges",
                        "componentApiId", "Badge", "isList", true)),
                op("createUnionField", Map.of("apiId", "partner", "modelApiId", "Article", "displayName", "Partner",
                        "reverseField", Map.of("modelApiIds", List.of("Author", "Venue")))),
                op("createSimpleField", Map.of("apiId", "note", "parentApiId", "Stat", "type", "STRING", "displayName", "Note")),
                op("updateComponentUnionField", Map.of("apiId", "content", "parentApiId", "Article",
                        "componentApiIds", List.of("Callout", "Gallery", "Section", "Badge"))),
                op("deleteField", Map.of("apiId", "noIndex", "parentApiId", "Seo"))));
        var content = devstage.client().post(devstage.contentApiUrl(dev), "{ articles(stage: DRAFT, first: 2, orderBy: id_ASC) { id }"
                + " authors(stage: DRAFT, first: 1) { id } }");
        String article = ((List<Map<String, Object>>) ((Map<String, Object>) content.json().get("data")).get("articles")).get(0).get("id").toString();
        String author = ((List<Map<String, Object>>) ((Map<String, Object>) content.json().get("data")).get("authors")).get(0).get("id").toString();
        var written = devstage.client().post(devstage.contentApiUrl(dev), "mutation ($d: ArticleUpdateInput!) { updateArticle(where: { id: \""
                + article + "\" }, data: $d) { id } }", Map.of("d", Map.of(
                "badges", Map.of("create", List.of(Map.of("data", Map.of("label", "hot", "spot", Map.of("latitude", 52.5, "longitude", 13.4))))),
                "partner", Map.of("connect", Map.of("Author", Map.of("id", author))),
                "content", Map.of("create", List.of(Map.of("Badge", Map.of("data", Map.of("label", "modular"))))))));
        assertThat(written.errors()).as("content in the new fields").isEmpty();
        // when
        Run diff = run("schema", "diff", "--from", dev, "--to", sink, "--format", "json");
        Run apply = run("schema", "apply", "--from", dev, "--to", sink, "--allow-deletes");
        Run again = run("schema", "diff", "--from", dev, "--to", sink);
        Run applyFresh = run("schema", "apply", "--from", dev, "--to", target, "--allow-deletes");
        Run sync = run("sync", "--from", dev, "--to", target);
        // then
        assertThat(diff.exit()).as(diff.err()).isZero();
        List<Map<String, Object>> changes = jsonChanges(diff);
        assertThat(find(changes, "add-component", "Badge")).containsEntry("status", "apply");
        assertThat(find(changes, "add-field", "Badge.label")).containsEntry("status", "apply");
        assertThat(find(changes, "add-field", "Article.badges")).containsEntry("status", "apply");
        assertThat(find(changes, "add-field", "Article.partner")).containsEntry("status", "apply");
        assertThat(find(changes, "change-field", "Article.content")).containsEntry("status", "apply");
        assertThat(find(changes, "remove-field", "Seo.noIndex")).containsEntry("status", "held-back");
        List<String> order = changes.stream().map(c -> ((Map<String, Object>) c.get("edit")).get("action") + " "
                + ((Map<String, Object>) c.get("edit")).get("model") + "." + ((Map<String, Object>) c.get("edit")).get("field")).toList();
        assertThat(order.indexOf("add-component Badge.null")).as("a component before the fields that use it: %s", order)
                .isLessThan(order.indexOf("add-field Article.badges")).isLessThan(order.indexOf("add-field Badge.label"));
        assertThat(apply.exit()).as(apply.err() + apply.out()).isZero();
        assertThat(apply.out()).contains("SUCCESS");
        assertThat(again.out()).contains("No schema changes.");
        assertThat(management.diff(sink, dev)).isEmpty();
        assertThat(management.diff(dev, sink)).isEmpty();
        assertThat(applyFresh.exit()).as(applyFresh.err() + applyFresh.out()).isZero();
        assertThat(management.diff(target, dev)).isEmpty();
        assertThat(sync.exit()).as(sync.err() + sync.out()).isZero();
        var copied = devstage.client().post(devstage.contentApiUrl(target), "{ articles(stage: DRAFT, where: { slug: \"article-0\" }) {"
                + " badges { label spot { latitude } } partner { __typename } content(first: 100) { __typename ... on Badge { label } } } }");
        assertThat(copied.errors()).isEmpty();
        assertThat(copied.json().get("data").toString()).contains("label=hot", "latitude=52.5", "__typename=Author", "label=modular");
    }

    @Test
    void should_report_a_timeout_with_the_migration_id_and_let_a_later_run_see_the_outcome() throws Exception {
        // given: the target's migrations are held, so the batch stays RUNNING past the timeout
        String[] p = pair();
        change(p[0], List.of(op("createSimpleField", Map.of("apiId", "motto", "modelApiId", "Hotel", "type", "STRING", "displayName", "Motto"))));
        assertThat(holdMigrations(p[1], "\"yes\"").statusCode()).as("a hold that is not a boolean").isEqualTo(400);
        assertThat(holdMigrations(p[1], "true").body()).contains("\"holdMigrations\":true");
        // when
        Run apply = run("schema", "apply", "--from", p[0], "--to", p[1], "--timeout", "2s");
        Run whileHeld = run("schema", "diff", "--from", p[0], "--to", p[1]);
        holdMigrations(p[1], "false");
        var matcher = java.util.regex.Pattern.compile("migration (\\S+) did not finish within 2000 ms").matcher(apply.out());
        assertThat(matcher.find()).as(apply.out() + apply.err()).isTrue();
        var outcome = management.await(p[1], matcher.group(1));
        Run later = run("schema", "diff", "--from", p[0], "--to", p[1]);
        Run applyAgain = run("schema", "apply", "--from", p[0], "--to", p[1]);
        // then
        assertThat(apply.exit()).as("exit code of a timeout").isEqualTo(4);
        assertThat(apply.out()).contains("Schema apply: TIMEOUT (1 change submitted)", "add-field", "Hotel.motto");
        assertThat(whileHeld.out()).contains("Hotel.motto");
        assertThat(outcome).containsEntry("status", "SUCCESS");
        assertThat(later.out()).contains("No schema changes.");
        assertThat(applyAgain.exit()).isZero();
        assertThat(hotels(p[1], "motto")).isNotEmpty();
    }

    @Test
    void should_diff_and_apply_custom_stages_and_hold_back_a_target_only_one() throws Exception {
        // given
        String[] p = pair();
        change(p[0], List.of(op("createStage", Map.of("apiId", "QA", "displayName", "QA", "color", "TEAL"))));
        change(p[1], List.of(op("createStage", Map.of("apiId", "REVIEW", "displayName", "Review", "color", "PINK"))));
        // when
        Run diff = run("schema", "diff", "--from", p[0], "--to", p[1], "--format", "json");
        Run apply = run("schema", "apply", "--from", p[0], "--to", p[1]);
        // then
        assertThat(diff.exit()).as(diff.err()).isZero();
        List<Map<String, Object>> changes = jsonChanges(diff);
        assertThat(find(changes, "add-stage", "QA")).containsEntry("status", "apply");
        assertThat(find(changes, "remove-stage", "REVIEW")).containsEntry("status", "held-back");
        assertThat(apply.exit()).as(apply.err() + apply.out()).isZero();
        assertThat(apply.out()).contains("SUCCESS", "add-stage", "QA");
        assertThat(management.diff(p[1], p[0])).containsExactly(op("deleteStage", Map.of("apiId", "REVIEW")));
    }

    /** Sets devstage's holdMigrations fault of an environment over its admin endpoint. */
    private static HttpResponse<String> holdMigrations(String environment, String value) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(devstage.server().baseUrl() + "/_devstage/faults/" + environment))
                .header("Authorization", "Bearer " + devstage.token())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"holdMigrations\": " + value + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
