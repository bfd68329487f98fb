package io.stagesync.devstage.graphql;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.devstage.GraphQLResponse;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The kitchen-sink schema over HTTP: components, unions, rich text, Location, Color, entities, publish per locale. */
@SuppressWarnings("unchecked")
class DevstageKitchenSinkTest {
    static final int SIZE = 12;
    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();
    static ContentApiFixture fx;

    @BeforeAll
    static void seed() {
        fx = ContentApiFixture.on(devstage.server(), "sink", DevstageServer.demoModel("kitchen-sink"), SIZE);
    }

    private Map<String, Object> article(int i, String stage, String locale) {
        return (Map<String, Object>) at(fx.data("{ article(where: { slug: \"article-" + i + "\" }, stage: " + stage
                + ", locales: [" + locale + "]) { id title location { latitude longitude } accent { hex rgba { r g b a } css }"
                + " tags meta body { raw text html } sponsor { __typename ... on Venue { id } ... on Author { id } }"
                + " mentions(first: 100) { __typename ... on Article { id } ... on Author { id } ... on Venue { id } }"
                + " seo { id title keywords image { id } }"
                + " sections(first: 100) { id heading callouts(first: 100) { text accent { hex } link { id } section { heading callouts { text tone } } } }"
                + " content(first: 100) { __typename ... on Callout { text tone } ... on Gallery { caption place { latitude } images { id }"
                + "   venue { __typename ... on Venue { id } ... on Author { id } } } ... on Section { heading } }"
                + " stats(first: 100) { label value } } }"), "article");
    }

    @Test
    void should_serve_every_field_kind_with_fragments() {
        // when
        Map<String, Object> a = article(2, "DRAFT", "de");
        // then
        assertThat(a.get("title")).isEqualTo("Artikel 2");
        assertThat((Map<String, Object>) a.get("location")).containsEntry("latitude", 48.02);
        assertThat((Object) at(a, "accent", "rgba", "r")).isEqualTo(14);
        assertThat((String) at(a, "accent", "hex")).startsWith("#0e1a3a");
        assertThat((List<String>) a.get("tags")).containsExactly("REVIEW", "GUIDE");
        assertThat((Object) at(a, "meta", "rank")).isEqualTo(2);
        assertThat((String) at(a, "body", "text")).contains("Text von Artikel 2");
        assertThat(String.valueOf((Object) at(a, "body", "html"))).contains("data-gcms-embed-type=\"Article\"");
        assertThat((Object) at(a, "sponsor", "__typename")).isEqualTo("Venue");
        assertThat((List<Map<String, Object>>) a.get("mentions")).extracting(m -> m.get("__typename"))
                .containsExactly("Author", "Venue", "Article");
        assertThat((Object) at(a, "seo", "title")).isEqualTo("SEO-Titel 2");
        List<Map<String, Object>> sections = (List<Map<String, Object>>) a.get("sections");
        assertThat(sections).extracting(s -> s.get("heading")).containsExactly("Abschnitt 2.0", "Abschnitt 2.1");
        Map<String, Object> callout = ((List<Map<String, Object>>) sections.get(0).get("callouts")).get(0);
        assertThat(callout.get("text")).isEqualTo("Hinweis 2.0");
        assertThat(String.valueOf((Object) at(callout, "section", "callouts"))).contains("tone=CALM");
        assertThat((List<Map<String, Object>>) a.get("content")).extracting(m -> m.get("__typename"))
                .containsExactly("Callout", "Gallery", "Section");
        assertThat((List<?>) a.get("stats")).hasSize(3);
    }

    @Test
    void should_resolve_rich_text_references_in_the_stage_read_and_serve_localized_assets() {
        // when: article 2's body links to its author and embeds article 1 and an asset
        Map<String, Object> a = (Map<String, Object>) at(fx.data("{ article(where: { slug: \"article-2\" }, stage: DRAFT) {"
                + " body { references { __typename ... on Article { slug } ... on Author { slug } ... on Asset { id } } } } }"), "article");
        List<Map<String, Object>> german = (List<Map<String, Object>>) at(fx.data("{ assets(stage: DRAFT, locales: [de], first: 100) "
                + "{ locale fileName alt credit localizations(includeCurrent: true) { locale fileName } } }"), "assets");
        // then
        List<Map<String, Object>> references = (List<Map<String, Object>>) at(a, "body", "references");
        assertThat(references).extracting(r -> r.get("__typename")).containsExactly("Author", "Article", "Asset");
        assertThat(references.get(1)).containsEntry("slug", "article-1");
        assertThat(german).isNotEmpty().allSatisfy(g -> {
            assertThat(g).containsEntry("locale", "de");
            assertThat((String) g.get("fileName")).contains("-de.");
            assertThat((String) g.get("alt")).startsWith("Bild ");
            assertThat((String) g.get("credit")).startsWith("Studio ");
            assertThat((List<Map<String, Object>>) g.get("localizations")).extracting(l -> l.get("locale")).containsExactly("en", "de");
        });
    }

    private List<Object> slugs(String where) {
        return ((List<Map<String, Object>>) at(fx.data("{ articles(stage: DRAFT, first: 100, where: " + where + ") { slug } }"), "articles"))
                .stream().map(a -> a.get("slug")).map(Object.class::cast).toList();
    }

    @Test
    void should_filter_on_union_and_component_fields() {
        // when / then: union members by type, single, list and modular components, emptiness
        assertThat(slugs("{ sponsor: { Venue: { slug: \"venue-1\" } } }"))
                .containsExactly("article-0", "article-2", "article-4", "article-6", "article-8", "article-10");
        // (article 4's seo is replaced by another test)
        assertThat(slugs("{ seo: { noIndex: true }, slug_not: \"article-4\" }")).containsExactly("article-0", "article-8");
        assertThat(slugs("{ sections_some: { heading: \"Section 3.1\" } }")).containsExactly("article-3");
        assertThat(slugs("{ content_some: { Gallery: { caption: \"Gallery 5\" } } }")).containsExactly("article-5");
        assertThat(slugs("{ mentions_some: { Article: { slug: \"article-6\" } } }")).containsExactly("article-7");
        assertThat(slugs("{ mentions_empty: true }")).isEmpty();
    }

    @Test
    void should_page_long_component_and_relation_lists() {
        // when
        Map<String, Object> first = (Map<String, Object>) at(fx.data("{ article(where: { slug: \"article-0\" }, stage: DRAFT) {"
                + " stats(first: 100) { label } more: stats(first: 100, skip: 100) { label } related(first: 100) { id } } }"), "article");
        GraphQLResponse tooMany = fx.call("{ article(where: { slug: \"article-0\" }, stage: DRAFT) { stats(first: 101) { label } } }");
        // then
        assertThat((List<?>) first.get("stats")).hasSize(100);
        assertThat((List<Map<String, Object>>) first.get("more")).hasSize(KitchenSinkContent.LONG_LIST - 100)
                .first().extracting(m -> m.get("label")).isEqualTo("stat-100");
        assertThat((List<?>) first.get("related")).hasSize(SIZE - 1);
        assertThat(tooMany.body().get("errors").toString()).contains("maximum page size");
    }

    @Test
    void should_publish_article_1_in_en_only() {
        // when
        Map<String, Object> en = (Map<String, Object>) at(fx.data("{ article(where: { slug: \"article-1\" }, stage: PUBLISHED, locales: [en]) { id } }"), "article");
        Object de = at(fx.data("{ article(where: { slug: \"article-1\" }, stage: PUBLISHED, locales: [de]) { id } }"), "article");
        Object draftDe = at(fx.data("{ article(where: { slug: \"article-1\" }, stage: DRAFT, locales: [de]) { id } }"), "article");
        // then
        assertThat(en).containsKey("id");
        assertThat(de).isNull();
        assertThat(draftDe).isNotNull();
    }

    @Test
    void should_resolve_entities_by_id_and_typename() {
        // given
        Map<String, Object> a = article(3, "DRAFT", "en");
        String seo = (String) at(a, "seo", "id");
        // when
        GraphQLResponse r = fx.call("query($w: [EntityWhereInput!]!) { entities(where: $w) {"
                + " __typename id ... on Article { title } ... on Seo { seoTitle: title } } }", Map.of("w", List.of(
                Map.of("id", a.get("id"), "typename", "Article", "stage", "DRAFT"),
                Map.of("id", seo, "typename", "Seo", "stage", "DRAFT", "locale", "de"))));
        assertThat(r.body().get("errors")).isNull();
        List<Map<String, Object>> found = (List<Map<String, Object>>) at(r.body(), "data", "entities");
        // then
        assertThat(found).extracting(m -> m.get("__typename")).containsExactly("Article", "Seo");
        assertThat(found.get(1).get("seoTitle")).isEqualTo("SEO-Titel 3");
    }

    @Test
    void should_update_components_by_id_position_and_delete() {
        // given
        Map<String, Object> a = article(4, "DRAFT", "en");
        List<Map<String, Object>> sections = (List<Map<String, Object>>) a.get("sections");
        String first = (String) sections.get(0).get("id");
        String second = (String) sections.get(1).get("id");
        // when
        GraphQLResponse r = fx.call("mutation($w: ArticleWhereUniqueInput!, $d: ArticleUpdateInput!) { updateArticle(where: $w, data: $d) {"
                + " sections(first: 100) { id heading } seo { title } content(first: 100) { __typename } } }", Map.of("w", Map.of("id", a.get("id")), "d", Map.of(
                "sections", Map.of("delete", List.of(Map.of("id", first)),
                        "create", List.of(Map.of("data", Map.of("heading", "New first"), "position", Map.of("before", second))),
                        "update", List.of(Map.of("where", Map.of("id", second), "data", Map.of("heading", "Changed")))),
                "seo", Map.of("create", Map.of("title", "Replaced")),
                "content", Map.of("create", List.of(Map.of("Callout", Map.of("data", Map.of("text", "Appended"))))))));
        // then
        assertThat(r.body().get("errors")).isNull();
        Map<String, Object> u = (Map<String, Object>) at(r.body(), "data", "updateArticle");
        assertThat((List<Map<String, Object>>) u.get("sections")).extracting(s -> s.get("heading")).containsExactly("New first", "Changed");
        assertThat(((List<Map<String, Object>>) u.get("sections")).get(1).get("id")).isEqualTo(second);
        assertThat((Object) at(u, "seo", "title")).isEqualTo("Replaced");
        assertThat((List<?>) u.get("content")).hasSize(4);
    }

    @Test
    void should_reject_bad_structured_values_naming_the_field() {
        // when
        GraphQLResponse r = fx.call("mutation { updateArticle(where: { slug: \"article-5\" }, data: { location: { latitude: 95, longitude: 0 } }) { id } }");
        GraphQLResponse c = fx.call("mutation { updateArticle(where: { slug: \"article-5\" }, data: { accent: { hex: \"blue\" } }) { id } }");
        // then
        assertThat(r.body().get("errors").toString()).contains("location").contains("Article").contains("-90..90");
        assertThat(c.body().get("errors").toString()).contains("accent").contains("#rrggbb");
    }
}
