package io.stagesync.sync;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kitchen-sink schema synced end to end over HTTP (source and target devstage environments, assets included):
 * every field of every entry equal in both stages and both locales through the id map, a rerun writes nothing, and a
 * change deep inside a nested component rewrites exactly that entry.
 */
@SuppressWarnings("unchecked")
class KitchenSinkSyncTest {
    static final int SIZE = 105;

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @TempDir
    Path dir;

    static void assertEqual(SyncHarness h, String source, String target) throws Exception {
        assertEqual(devstage, h, source, source, target);
    }

    /** {@code mapped}: the source stage of the id map (a restore's {@code backup:<profile>}); {@code source}: the stage read. */
    static void assertEqual(DevstageExtension devstage, SyncHarness h, String mapped, String source, String target) throws Exception {
        Map<String, String> reverse = StageSnapshot.reverseIdMap(h.dataSource(), mapped, target);
        for (String stage : List.of("DRAFT", "PUBLISHED")) {
            for (String locale : List.of("en", "de")) {
                KitchenSinkSnapshot expected = KitchenSinkSnapshot.read(devstage, source, stage, locale).asSource();
                KitchenSinkSnapshot actual = KitchenSinkSnapshot.read(devstage, target, stage, locale).asTarget(reverse);
                for (String model : expected.models.keySet()) {
                    assertThat(differences(expected.models.get(model), actual.models.get(model)))
                            .as("%s %s fields of %s that differ in %s", stage, locale, model, target).isEmpty();
                    assertThat(actual.models.get(model)).as("%s %s entries of %s in %s", stage, locale, model, target)
                            .isEqualTo(expected.models.get(model));
                }
            }
        }
    }

    static boolean published(String env, String slug, String locale) throws Exception {
        var r = devstage.client().post(devstage.contentApiUrl(env), "{ article(where: { slug: \"" + slug + "\" }, stage: PUBLISHED, locales: ["
                + locale + "]) { id } }");
        assertThat(r.errors()).isEmpty();
        return r.data("article") != null;
    }

    /** The entry fields that differ ({@code id.field}), to name what a failure is about. */
    @SuppressWarnings("unchecked")
    static List<String> differences(Map<String, Object> expected, Map<String, Object> actual) {
        List<String> diffs = new java.util.ArrayList<>();
        expected.forEach((id, e) -> {
            Object a = actual == null ? null : actual.get(id);
            if (a == null) {
                diffs.add(id + ": missing");
                return;
            }
            ((Map<String, Object>) e).forEach((field, v) -> {
                Object av = ((Map<String, Object>) a).get(field);
                if (!java.util.Objects.equals(v, av) && diffs.size() < 6) {
                    diffs.add(id + "." + field + ": " + v + " <> " + av);
                }
            });
        });
        if (actual != null && actual.size() != expected.size()) {
            diffs.add("sizes " + expected.size() + " <> " + actual.size());
        }
        return diffs;
    }

    @Test
    void should_copy_every_field_kind_and_write_nothing_on_rerun_and_only_the_changed_entry_after_a_nested_change() throws Exception {
        // given
        String model = DevstageServer.demoModel("kitchen-sink");
        String source = devstage.freshEnvironment("sink", model, SIZE);
        String target = devstage.freshEnvironment("copy", model);
        KitchenSinkSnapshot draft = KitchenSinkSnapshot.read(devstage, source, "DRAFT", "en");
        Map<String, Object> first = (Map<String, Object>) draft.models.get("Article").values().stream()
                .filter(a -> "article-0".equals(((Map<String, Object>) a).get("slug"))).findFirst().orElseThrow();
        assertThat((List<?>) first.get("related")).hasSizeGreaterThan(100);
        assertThat((List<?>) first.get("stats")).hasSizeGreaterThan(100);
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, Map.of())) {
            // when
            SyncResult sync = h.sync(source, target, false, false, SyncProgress.NONE);
            long writes = devstage.stats(target).writes();
            SyncResult rerun = h.sync(source, target, false, false, SyncProgress.NONE);

            // then
            assertThat(sync.status()).as("report %s", sync.report()).isEqualTo("SUCCEEDED");
            assertThat((List<?>) sync.report().get("warnings")).as("warnings").isEmpty();
            assertEqual(h, source, target);
            for (String env : List.of(source, target)) {
                assertThat(published(env, "article-1", "en")).as("article-1 published in en in %s", env).isTrue();
                assertThat(published(env, "article-1", "de")).as("article-1 published in de in %s", env).isFalse();
                assertThat(published(env, "article-2", "de")).as("article-2 published in de in %s", env).isTrue();
            }
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            assertThat(devstage.stats(target).writes()).as("writes of the rerun").isEqualTo(writes);

            // when: a heading three components deep changes in one article
            String id = (String) first.get("id");
            var r = devstage.client().post(devstage.contentApiUrl(source), "{ article(where: { id: \"" + id + "\" }, stage: DRAFT) {"
                    + " sections(first: 1) { id callouts(first: 1) { id section { id } } } } }");
            Map<String, Object> section = ((List<Map<String, Object>>) ((Map<String, Object>) r.data("article")).get("sections")).get(0);
            Map<String, Object> callout = ((List<Map<String, Object>>) section.get("callouts")).get(0);
            Map<String, Object> nested = Map.of("update", Map.of("where", Map.of("id", ((Map<String, Object>) callout.get("section")).get("id")),
                    "data", Map.of("heading", "Changed deep down")));
            Map<String, Object> callouts = Map.of("update", List.of(Map.of("where", Map.of("id", callout.get("id")),
                    "data", Map.of("section", nested))));
            Map<String, Object> sections = Map.of("update", List.of(Map.of("where", Map.of("id", section.get("id")),
                    "data", Map.of("callouts", callouts))));
            var edit = devstage.client().post(devstage.contentApiUrl(source), "mutation($d: ArticleUpdateInput!) { updateArticle(where: { id: \""
                    + id + "\" }, data: $d) { id } }", Map.of("d", Map.of("sections", sections)));
            assertThat(edit.errors()).isEmpty();
            SyncResult afterChange = h.sync(source, target, false, false, SyncProgress.NONE);

            // then
            Map<String, Map<String, Object>> counts = (Map<String, Map<String, Object>>) afterChange.report().get("models");
            assertThat(counts.get("Article").get("updated")).isEqualTo(1L);
            assertThat(counts.get("Article").get("created")).isEqualTo(0L);
            assertThat(counts.get("Author").get("updated")).isEqualTo(0L);
            assertThat(counts.get("Venue").get("updated")).isEqualTo(0L);
            assertEqual(h, source, target);
        }
    }

    @Test
    void should_name_components_nested_deeper_than_the_read_depth_in_the_warnings() throws Exception {
        // given: article-0 of a small kitchen sink gets a chain Section > Callout > ... seven components deep
        String model = DevstageServer.demoModel("kitchen-sink");
        String source = devstage.freshEnvironment("deep", model, 3);
        String target = devstage.freshEnvironment("deepcopy", model);
        Map<String, Object> level = Map.of("heading", "level 7");
        for (int i = 6; i >= 1; i--) {
            level = i % 2 == 0 ? Map.of("text", "level " + i, "section", Map.of("create", level))
                    : Map.of("heading", "level " + i, "callouts", Map.of("create", List.of(level)));
        }
        var edit = devstage.client().post(devstage.contentApiUrl(source), "mutation($d: ArticleUpdateInput!) { updateArticle(where: "
                + "{ slug: \"article-0\" }, data: $d) { id } }", Map.of("d", Map.of("sections", Map.of("create", List.of(Map.of("data", level))))));
        assertThat(edit.errors()).isEmpty();
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, Map.of())) {
            // when
            SyncResult sync = h.sync(source, target, false, false, SyncProgress.NONE);

            // then
            assertThat(sync.status()).as("report %s", sync.report()).isEqualTo("SUCCEEDED");
            assertThat((List<String>) sync.report().get("warnings")).anySatisfy(w -> assertThat(w)
                    .startsWith("Article ").contains(".sections.callouts.section.callouts.section.callouts.section: a Section component "
                            + "nested deeper than 6 levels is not synced"));
        }
    }

    @Test
    void should_name_references_to_unsynced_models_and_repair_them_with_a_full_run() throws Exception {
        // given
        String model = DevstageServer.demoModel("kitchen-sink");
        String source = devstage.freshEnvironment("refs", model, 4);
        String target = devstage.freshEnvironment("refscopy", model);
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, Map.of())) {
            // when: only Article, whose unions and rich text point at authors and venues
            SyncResult articles = h.service().run(new SyncRequest(null, source, target, List.of("Article"), false, false, Map.of()),
                    SyncProgress.NONE);
            SyncResult all = h.sync(source, target, false, false, SyncProgress.NONE);
            SyncResult full = h.sync(source, target, false, true, SyncProgress.NONE);

            // then
            assertThat((List<String>) articles.report().get("warnings")).anySatisfy(w -> assertThat(w)
                    .startsWith("Article.sponsor: 4 entries reference (rich text, union or component) entries or assets not mapped"));
            assertThat(all.status()).as("report %s", all.report()).isEqualTo("SUCCEEDED");
            assertThat((List<?>) all.report().get("warnings")).isEmpty();
            assertThat(full.status()).as("report %s", full.report()).isEqualTo("SUCCEEDED");
            assertEqual(h, source, target);
        }
    }
}
