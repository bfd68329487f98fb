package io.stagesync.sync;

import io.stagesync.assets.AssetFixtures;
import io.stagesync.assets.GeneratedInputStream;
import io.stagesync.directus.DirectusDemo;
import io.stagesync.directus.DirectusRest;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.DirectusServer;
import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sync across CMSs: a Hygraph stage (devstage) with a simple model into a real Directus instance of its own whose
 * collection of the same name has the same fields, a string key (Hygraph ids are not UUIDs), the status field, the
 * stamps, and the localized field as a translations field over the languages {@code en} (the default) and {@code de};
 * an asset with a German localization goes in as one file, the German one named in the warnings.
 */
class DirectusCrossCmsTest {

    static final String ARTICLES = """
            { "locales": ["en", "de"], "enumerations": [], "models": [
              { "apiId": "Article", "apiIdPlural": "Articles", "fields": [
                { "apiId": "title", "type": "STRING", "required": true },
                { "apiId": "summary", "type": "STRING", "localized": true },
                { "apiId": "views", "type": "INT" },
                { "apiId": "score", "type": "FLOAT" },
                { "apiId": "featured", "type": "BOOLEAN" } ] } ] }
            """;

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty().with(s -> s.environment("articles", ARTICLES));

    private static DirectusServer.Instance instance;
    private static DirectusRest directus;
    @TempDir
    static Path dir;

    @BeforeAll
    static void directus() {
        instance = DirectusServer.get().fresh("xcms");
        directus = new DirectusRest("xcms", instance.url(), instance.token(), Duration.ofSeconds(60));
        new DirectusDemo(directus).languages(List.of("en", "de"));
        List<Map<String, Object>> fields = List.of(
                DirectusDemo.field("id", "string", Map.of("hidden", true), Map.of("is_primary_key", true, "length", 64, "has_auto_increment", false)),
                DirectusDemo.field("title", "string", Map.of("interface", "input"), Map.of()),
                DirectusDemo.field("views", "integer", Map.of("interface", "input"), Map.of()),
                DirectusDemo.field("score", "float", Map.of("interface", "input"), Map.of()),
                DirectusDemo.field("featured", "boolean", Map.of("interface", "boolean"), Map.of()),
                DirectusDemo.field("status", "string", Map.of("interface", "select-dropdown"), Map.of("default_value", "draft", "is_nullable", false)),
                DirectusDemo.field("date_created", "timestamp", Map.of("special", List.of("date-created"), "readonly", true), Map.of()),
                DirectusDemo.field("date_updated", "timestamp", Map.of("special", List.of("date-updated"), "readonly", true), Map.of()));
        new DirectusDemo(directus).collection("Article", fields, Map.of());
        new DirectusDemo(directus).translations("Article", "string", List.of("summary"));
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            DirectusServer.get().stop(instance);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_sync_a_simple_hygraph_model_into_a_directus_collection_and_write_nothing_on_rerun() throws Exception {
        // given: six articles in the Hygraph stage, four of them published, with an English and (but one) a German
        // summary; an asset with a German localization
        AssetFixtures assets = new AssetFixtures(devstage);
        String asset = assets.create("articles", "cover.bin", new GeneratedInputStream(5, 3_000), 3_000);
        assets.localize("articles", asset, "de", true, "cover-de.bin", new GeneratedInputStream(6, 2_000), 2_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String german = i == 5 ? "" : ", localizations: { create: [{ locale: de, data: { summary: \"Zusammenfassung " + i + "\" } }] }";
            GraphQLTestClient.Response r = devstage.client().post(devstage.contentApiUrl("articles"), "mutation { createArticle(data: { title: \"Article "
                    + i + "\", summary: \"Summary " + i + "\", views: " + (i * 10) + ", score: " + (i + 0.5) + ", featured: " + (i % 2 == 0)
                    + german + " }) { id } }");
            assertThat(r.errors()).isEmpty();
            String id = (String) r.data("createArticle").get("id");
            ids.add(id);
            if (i < 4) {
                assertThat(devstage.client().post(devstage.contentApiUrl("articles"), "mutation { publishArticle(where: { id: \"" + id
                        + "\" }, to: PUBLISHED) { id } }").errors()).isEmpty();
            }
        }
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("stagesync.stages.articles.content-api", devstage.contentApiUrl("articles"));
        stages.put("stagesync.stages.articles.token", devstage.token());
        stages.put("stagesync.stages.xcms.content-api", instance.url());
        stages.put("stagesync.stages.xcms.token", instance.token());
        stages.put("stagesync.stages.xcms.cms", "directus");
        try (SyncHarness h = SyncHarness.startApplication(stages, dir, Map.of())) {
            // when
            SyncResult first = h.sync("articles", "xcms", false, false, SyncProgress.NONE);
            long writes = DirectusSyncTest.writes(directus);
            SyncResult rerun = h.sync("articles", "xcms", false, false, SyncProgress.NONE);

            // then: the same items under the same ids, published as in Hygraph; the rerun writes nothing
            assertThat(first.status()).as("report %s", first.report()).isEqualTo("SUCCEEDED");
            assertThat(DirectusSyncTest.models(first).get("Article")).containsEntry("created", 6L).containsEntry("published", 4L);
            Map<String, Map<String, Object>> items = new TreeMap<>();
            for (Map<String, Object> row : (List<Map<String, Object>>) directus.get(
                    "/items/Article?limit=-1&fields=id,title,views,score,featured,status,translations.languages_code,translations.summary")) {
                items.put((String) row.get("id"), row);
            }
            assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            for (int i = 0; i < 6; i++) {
                Map<String, Object> item = items.get(ids.get(i));
                assertThat(item).containsEntry("title", "Article " + i).containsEntry("views", i * 10)
                        .containsEntry("score", i + 0.5).containsEntry("status", i < 4 ? "published" : "draft");
                // Directus on SQLite answers a boolean over REST as 1 or 0
                assertThat(item.get("featured")).isIn(i % 2 == 0 ? List.of(true, 1) : List.of(false, 0));
                Map<String, Object> summaries = new TreeMap<>();
                ((List<Map<String, Object>>) item.get("translations")).forEach(t -> summaries.put((String) t.get("languages_code"), t.get("summary")));
                assertThat(summaries).as("summaries of article %s", i).isEqualTo(i == 5 ? Map.of("en", "Summary 5")
                        : Map.of("en", "Summary " + i, "de", "Zusammenfassung " + i));
            }
            List<Map<String, Object>> files = (List<Map<String, Object>>) directus.get("/files?limit=-1&fields=id,filename_download,filesize");
            assertThat(files).singleElement().satisfies(f -> {
                assertThat(f).containsEntry("filename_download", "cover.bin");
                assertThat(String.valueOf(f.get("filesize"))).isEqualTo("3000");
            });
            assertThat(DirectusSyncTest.assets(first)).containsEntry("created", 1L).containsEntry("failed", 0L);
            assertThat((List<String>) first.report().get("warnings")).anySatisfy(w -> assertThat(w)
                    .startsWith("Asset " + asset + " (cover.bin): its localizations [de] are not copied")
                    .contains("keeps no localizations of assets"));
            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(DirectusSyncTest.models(rerun).get("Article")).containsEntry("created", 0L).containsEntry("updated", 0L);
            assertThat(DirectusSyncTest.assets(rerun)).containsEntry("created", 0L).containsEntry("updated", 0L).containsEntry("reuploaded", 0L);
            assertThat(DirectusSyncTest.writes(directus)).as("writes in Directus by the rerun").isEqualTo(writes);
        }
    }
}
