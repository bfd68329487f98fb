package io.stagesync.devstage.graphql;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Deterministic demo content for the kitchen-sink schema, written through the environment's own content API (so
 * every input shape is exercised): authors, venues and {@code size} articles with every field kind, rich text
 * embedding the previous article, unions to asset-holding models, components nested in a cycle (Section → Callout →
 * Section), a modular field, German localizations in models and components, article 0 with {@code size - 1}
 * related articles, 120 stats and 120 callouts in its first section (lists above the page limit of 100, at the top
 * level and inside a component), article 1 published in {@code en} only, some
 * articles unpublished and some edited after publishing. Ids are the server's; the content depends only on size.
 */
final class KitchenSinkContent {
    private static final Logger LOG = LoggerFactory.getLogger(KitchenSinkContent.class);
    static final int LONG_LIST = 120;
    private final BiFunction<String, Map<String, Object>, Map<String, Object>> api;
    private final List<String> assets;
    private final int size;

    KitchenSinkContent(BiFunction<String, Map<String, Object>, Map<String, Object>> api, List<String> assets, int size) {
        this.api = api;
        this.assets = assets;
        this.size = size;
    }

    void generate() {
        long started = System.nanoTime();
        describeAssets();
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < Math.max(2, size / 10); i++) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", "Author " + (i + 1));
            d.put("slug", "author-" + (i + 1));
            d.put("bio", ast(paragraph(text("Writes about places, number " + (i + 1) + "."))));
            d.put("avatar", Map.of("connect", Map.of("id", asset(i))));
            authors.add(create("Author", d));
            publish("Author", authors.get(i), null);
        }
        List<String> venues = new ArrayList<>();
        for (int i = 0; i < Math.max(2, size / 10); i++) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", "Venue " + (i + 1));
            d.put("slug", "venue-" + (i + 1));
            d.put("location", location(i));
            d.put("photo", Map.of("connect", Map.of("id", asset(i + 1))));
            d.put("localizations", Map.of("create", List.of(Map.of("locale", "de", "data", Map.of("name", "Ort " + (i + 1))))));
            venues.add(create("Venue", d));
            publish("Venue", venues.get(i), List.of("en", "de"));
        }
        List<String> articles = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            articles.add(create("Article", article(i, articles, authors, venues)));
        }
        List<Map<String, Object>> related = articles.subList(1, articles.size()).stream()
                .map(id -> Map.<String, Object>of("id", id)).toList();
        api.apply("mutation($w: ArticleWhereUniqueInput!, $d: ArticleUpdateInput!) { updateArticle(where: $w, data: $d) { id } }",
                Map.of("w", Map.of("id", articles.get(0)), "d", Map.of("related", Map.of("set", related))));
        for (int i = 0; i < size; i++) {
            if (i % 7 == 3) {
                continue;
            }
            publish("Article", articles.get(i), i == 1 ? List.of("en") : List.of("en", "de"));
            if (i % 5 == 2) {
                api.apply("mutation($w: ArticleWhereUniqueInput!, $d: ArticleUpdateInput!) { updateArticle(where: $w, data: $d) { id } }",
                        Map.of("w", Map.of("id", articles.get(i)), "d", Map.of("subtitle", "Subtitle " + i + " (edited)")));
            }
        }
        LOG.info("Kitchen-sink content generated articles={} authors={} venues={} assets={} ms={}", articles.size(),
                authors.size(), venues.size(), assets.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Gives every asset its custom fields through the API ({@code alt} per locale, {@code credit} once) and publishes
     * the published ones again in all their locales, except the first asset with a second locale: published in the
     * default locale only (its second locale stays a draft).
     */
    @SuppressWarnings("unchecked")
    private void describeAssets() {
        Map<String, Object> found = api.apply("query($ids: [ID!]) { assets(where: { id_in: $ids }, stage: DRAFT, first: 100) "
                + "{ id localizations { locale } documentInStages(stages: [PUBLISHED]) { id } } }", Map.of("ids", assets));
        boolean oneLocaleOnly = true;
        for (Object o : (List<Object>) found.get("assets")) {
            Map<String, Object> a = (Map<String, Object>) o;
            String id = (String) a.get("id");
            int n = assets.indexOf(id) + 1;
            List<String> others = ((List<Map<String, Object>>) a.get("localizations")).stream().map(l -> (String) l.get("locale")).toList();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("alt", "Picture " + n);
            data.put("credit", "Studio " + (n % 3 + 1));
            if (!others.isEmpty()) {
                data.put("localizations", Map.of("update", others.stream()
                        .map(l -> Map.of("locale", l, "data", Map.of("alt", "Bild " + n))).toList()));
            }
            api.apply("mutation($w: AssetWhereUniqueInput!, $d: AssetUpdateInput!) { updateAsset(where: $w, data: $d) { id } }",
                    Map.of("w", Map.of("id", id), "d", data));
            if (!((List<Object>) a.get("documentInStages")).isEmpty()) {
                boolean defaultOnly = oneLocaleOnly && !others.isEmpty();
                oneLocaleOnly &= !defaultOnly;
                if (defaultOnly) {
                    api.apply("mutation($w: AssetWhereUniqueInput!) { unpublishAsset(where: $w, from: [PUBLISHED], locales: [de]) { id } }",
                            Map.of("w", Map.of("id", id)));
                }
                publish("Asset", id, defaultOnly ? List.of("en") : others);
            }
        }
    }

    private Map<String, Object> article(int i, List<String> earlier, List<String> authors, List<String> venues) {
        String previous = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", "Article " + i);
        d.put("slug", "article-" + i);
        d.put("subtitle", "Subtitle " + i);
        d.put("aliases", List.of("a-" + i, "alias-" + i));
        d.put("views", i * 37);
        d.put("rating", (i % 50) / 10.0 + 0.5);
        d.put("featured", i % 3 == 0);
        d.put("publishDate", String.format("2024-01-%02d", 1 + i % 28));
        d.put("eventAt", String.format("2024-03-%02dT%02d:30:00Z", 1 + i % 28, i % 24));
        d.put("meta", Map.of("rank", i, "flags", List.of("x" + i % 3, "y"), "nested", Map.of("even", i % 2 == 0)));
        d.put("location", location(i));
        d.put("accent", Map.of("rgba", Map.of("r", i * 7 % 256, "g", i * 13 % 256, "b", i * 29 % 256, "a", i % 2 == 0 ? 1.0 : 0.5)));
        d.put("tone", List.of("CALM", "BOLD", "PLAYFUL").get(i % 3));
        d.put("tags", List.of(List.of("NEWS", "GUIDE", "REVIEW", "OFFER").get(i % 4), "GUIDE"));
        String author = authors.get(i % authors.size());
        String venue = venues.get(i % venues.size());
        d.put("body", body("Body of article " + i + ". ", author, previous, i));
        d.put("cover", Map.of("connect", Map.of("id", asset(i))));
        d.put("gallery", Map.of("connect", List.of(Map.of("id", asset(i + 1)), Map.of("id", asset(i + 2)))));
        d.put("author", Map.of("connect", Map.of("id", author)));
        if (earlier.size() > 1) {
            d.put("related", Map.of("connect", List.of(Map.of("id", earlier.get(earlier.size() - 2)), Map.of("id", previous))));
        }
        d.put("sponsor", Map.of("connect", i % 2 == 0 ? Map.of("Venue", Map.of("id", venue)) : Map.of("Author", Map.of("id", author))));
        List<Map<String, Object>> mentions = new ArrayList<>(List.of(Map.of("Author", Map.of("id", author)), Map.of("Venue", Map.of("id", venue))));
        if (previous != null) {
            mentions.add(Map.of("Article", Map.of("id", previous)));
        }
        d.put("mentions", Map.of("connect", mentions));
        Map<String, Object> seo = new LinkedHashMap<>();
        seo.put("title", "SEO " + i);
        seo.put("description", "About article " + i);
        seo.put("keywords", List.of("k" + i, "kitchen"));
        seo.put("noIndex", i % 4 == 0);
        seo.put("image", Map.of("connect", Map.of("id", asset(i + 3))));
        seo.put("localizations", localization(Map.of("title", "SEO-Titel " + i, "description", "Über Artikel " + i)));
        d.put("seo", Map.of("create", seo));
        d.put("sections", Map.of("create", List.of(section(i, 0, previous, author), section(i, 1, previous, author))));
        Map<String, Object> gallery = new LinkedHashMap<>();
        gallery.put("caption", "Gallery " + i);
        gallery.put("images", Map.of("connect", List.of(Map.of("id", asset(i + 4)))));
        gallery.put("place", location(i + 1));
        gallery.put("venue", Map.of("connect", i % 2 == 0 ? Map.of("Venue", Map.of("id", venue)) : Map.of("Author", Map.of("id", author))));
        gallery.put("localizations", localization(Map.of("caption", "Galerie " + i)));
        d.put("content", Map.of("create", List.of(Map.of("Callout", callout(i, 9, previous, false)),
                Map.of("Gallery", gallery), Map.of("Section", section(i, 2, previous, author)))));
        List<Map<String, Object>> stats = new ArrayList<>();
        for (int s = 0; s < (i == 0 ? LONG_LIST : 3); s++) {
            stats.add(Map.of("label", "stat-" + s, "value", s * i));
        }
        d.put("stats", Map.of("create", stats));
        if (i % 6 != 5) {
            d.put("localizations", localization(Map.of("title", "Artikel " + i, "subtitle", "Untertitel " + i,
                    "body", body("Text von Artikel " + i + ". ", author, previous, i))));
        }
        return d;
    }

    private Map<String, Object> section(int i, int n, String previous, String author) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("heading", "Section " + i + "." + n);
        s.put("body", body("Section text " + i + "." + n + ". ", author, previous, i + n));
        List<Map<String, Object>> callouts = new ArrayList<>(List.of(callout(i, n, previous, true)));
        // article 0's first section holds a list of more than a nested page inside a component
        for (int k = 1; i == 0 && n == 0 && k < LONG_LIST; k++) {
            callouts.add(callout(i, 100 + k, previous, false));
        }
        s.put("callouts", Map.of("create", callouts));
        s.put("localizations", localization(Map.of("heading", "Abschnitt " + i + "." + n)));
        return s;
    }

    /** A callout; {@code nest} adds a section inside it, which holds a callout again (the component cycle). */
    private Map<String, Object> callout(int i, int n, String previous, boolean nest) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("text", "Callout " + i + "." + n);
        c.put("tone", List.of("CALM", "BOLD", "PLAYFUL").get((i + n) % 3));
        c.put("accent", Map.of("hex", String.format("#%02x%02x%02x", (i * 3) % 256, (n * 40) % 256, 128)));
        if (previous != null) {
            c.put("link", Map.of("connect", Map.of("id", previous)));
        }
        if (nest) {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("heading", "Nested " + i + "." + n);
            inner.put("callouts", Map.of("create", List.of(Map.of("text", "Deep " + i + "." + n, "tone", "CALM"))));
            c.put("section", Map.of("create", inner));
        }
        c.put("localizations", localization(Map.of("text", "Hinweis " + i + "." + n)));
        return c;
    }

    private Map<String, Object> body(String text, String author, String previous, int i) {
        List<Object> children = new ArrayList<>();
        children.add(paragraph(text(text), Map.of("type", "link", "nodeId", author, "nodeType", "Author",
                "children", List.of(text("the author")))));
        if (previous != null) {
            children.add(Map.of("type", "embed", "nodeId", previous, "nodeType", "Article", "isInline", false,
                    "children", List.of(text(""))));
        }
        children.add(Map.of("type", "embed", "nodeId", asset(i + 5), "nodeType", "Asset", "isInline", false,
                "children", List.of(text(""))));
        return Map.of("children", children);
    }

    private static Map<String, Object> ast(Object... children) {
        return Map.of("children", List.of(children));
    }

    private static Map<String, Object> paragraph(Object... children) {
        return Map.of("type", "paragraph", "children", List.of(children));
    }

    private static Map<String, Object> text(String text) {
        return Map.of("text", text);
    }

    private static Map<String, Object> location(int i) {
        return Map.of("latitude", 48.0 + i * 0.01, "longitude", 11.0 + i * 0.02);
    }

    private static Map<String, Object> localization(Map<String, Object> data) {
        return Map.of("create", List.of(Map.of("locale", "de", "data", data)));
    }

    private String asset(int i) {
        return assets.get(i % assets.size());
    }

    @SuppressWarnings("unchecked")
    private String create(String model, Map<String, Object> data) {
        Map<String, Object> result = api.apply("mutation($d: " + model + "CreateInput!) { c: create" + model + "(data: $d) { id } }",
                Map.of("d", data));
        return (String) ((Map<String, Object>) result.get("c")).get("id");
    }

    private void publish(String model, String id, List<String> locales) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("w", Map.of("id", id));
        String loc = locales == null ? "" : ", locales: $l";
        String decl = locales == null ? "" : ", $l: [Locale!]";
        if (locales != null) {
            vars.put("l", locales);
        }
        api.apply("mutation($w: " + model + "WhereUniqueInput!" + decl + ") { publish" + model + "(where: $w, to: [PUBLISHED]" + loc + ") { id } }", vars);
    }
}
