package io.stagesync.sync;

import io.stagesync.testing.DevstageExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every field of every entry of the kitchen-sink schema in one stage and one locale, over HTTP: component trees
 * through fragments (their own ids left out: components are copied by value), union members with their type,
 * rich-text ASTs, lists read whole (page by page), assets with their file (SHA-256), metadata and custom fields in
 * the locale. For a target, every entry and asset id is translated back to
 * the source id through the id map, so the two stages compare with {@code equals}.
 */
final class KitchenSinkSnapshot {
    private static final String CALLOUT_LEAF = "text tone accent { hex rgba { r g b a } } link { id }";
    private static final String SECTION_LEAF = "heading body { raw } callouts(first: 100) { " + CALLOUT_LEAF + " }";
    private static final String CALLOUT = CALLOUT_LEAF + " section { " + SECTION_LEAF.replace("callouts(first: 100) { " + CALLOUT_LEAF + " }",
            "callouts(first: 100) { " + CALLOUT_LEAF + " section { heading } }") + " }";
    private static final String SECTION = "heading body { raw } callouts(first: 100) { " + CALLOUT + " }";
    private static final String GALLERY = "caption images(first: 100) { id } place { latitude longitude } venue { __typename ... on Venue { id } ... on Author { id } }";
    static final Map<String, String> SELECTIONS = Map.of(
            "Author", "id name slug syncSourceId bio { raw } avatar { id }",
            "Venue", "id name slug syncSourceId location { latitude longitude } photo { id }",
            "Article", "id title slug syncSourceId subtitle aliases views rating featured publishDate eventAt meta"
                    + " location { latitude longitude } accent { hex rgba { r g b a } css } tone tags body { raw text }"
                    + " cover { id } gallery(first: 100) { id } author { id } related(first: 100) { id }"
                    + " sponsor { __typename ... on Author { id } ... on Venue { id } }"
                    + " mentions(first: 100) { __typename ... on Author { id } ... on Venue { id } ... on Article { id } }"
                    + " seo { title description keywords noIndex image { id } }"
                    + " sections(first: 100) { " + SECTION + " }"
                    + " content(first: 100) { __typename ... on Callout { " + CALLOUT.replace("text", "calloutText: text") + " }"
                    + " ... on Gallery { " + GALLERY + " } ... on Section { sectionHeading: heading sectionCallouts: callouts(first: 100) { text } } }"
                    + " stats(first: 100) { label value }",
            // assets per locale: the file (its SHA-256 stands in for the url), its metadata and custom fields
            "Asset", "id fileName mimeType size alt credit url");

    /** Entries by model, then by (source) id. */
    final Map<String, Map<String, Object>> models = new TreeMap<>();

    @SuppressWarnings("unchecked")
    static KitchenSinkSnapshot read(DevstageExtension devstage, String env, String stage, String locale) throws Exception {
        KitchenSinkSnapshot snap = new KitchenSinkSnapshot();
        for (String model : SELECTIONS.keySet()) {
            Map<String, Object> entries = new TreeMap<>();
            String list = Character.toLowerCase(model.charAt(0)) + model.substring(1) + "sConnection";
            for (Map<String, Object> node : StageSnapshot.nodes(devstage, env, list, stage, locale, SELECTIONS.get(model), true)) {
                if (model.equals("Asset")) {
                    node.put("url", sha256((String) node.get("url")));
                }
                if (model.equals("Article")) {
                    for (String field : List.of("related", "stats")) {
                        node.put(field, rest(devstage, env, stage, locale, (String) node.get("id"), field, (List<Object>) node.get(field)));
                    }
                }
                entries.put((String) node.get("id"), node);
            }
            snap.models.put(model, entries);
        }
        return snap;
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** The SHA-256 of the file at an asset url, or the status when there is none. */
    private static String sha256(String url) throws Exception {
        var response = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(response.body()));
    }

    /** A list field read whole: the first page and the following ones. */
    @SuppressWarnings("unchecked")
    private static List<Object> rest(DevstageExtension devstage, String env, String stage, String locale, String id, String field,
                                     List<Object> first) throws Exception {
        List<Object> all = new ArrayList<>(first);
        String selection = field.equals("related") ? "related(first: 100, skip: $skip) { id }" : "stats(first: 100, skip: $skip) { label value }";
        List<Object> more = first;
        while (more.size() == 100) {
            var r = devstage.client().post(devstage.contentApiUrl(env), "query($skip: Int) { a: article(where: { id: \"" + id + "\" }, stage: "
                    + stage + ", locales: [" + locale + "]) { " + selection + " } }", Map.of("skip", all.size()));
            more = (List<Object>) ((Map<String, Object>) r.data("a")).get(field);
            all.addAll(more);
        }
        return all;
    }

    /** Asset fields (entries' and components'), left out where asset publish state is not part of the comparison. */
    static final java.util.Set<String> ASSET_FIELDS = java.util.Set.of("cover", "gallery", "avatar", "photo", "image", "images");

    /** The snapshot without links to assets (at any depth). */
    KitchenSinkSnapshot withoutAssetLinks() {
        KitchenSinkSnapshot out = new KitchenSinkSnapshot();
        models.forEach((model, entries) -> {
            Map<String, Object> copy = new TreeMap<>();
            entries.forEach((id, e) -> copy.put(id, strip(e)));
            out.models.put(model, copy);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object strip(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> {
                if (!ASSET_FIELDS.contains(k)) {
                    out.put(k, strip(x));
                }
            });
            return out;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(KitchenSinkSnapshot::strip).toList();
        }
        return v;
    }

    int size(String model) {
        return models.get(model).size();
    }

    /** The source's view as the sync writes it: a missing syncSourceId becomes the source id. */
    KitchenSinkSnapshot asSource() {
        KitchenSinkSnapshot out = new KitchenSinkSnapshot();
        models.forEach((model, entries) -> {
            Map<String, Object> copy = new TreeMap<>();
            entries.forEach((id, e) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> n = new LinkedHashMap<>((Map<String, Object>) e);
                if (n.containsKey("syncSourceId") && n.get("syncSourceId") == null) {
                    n.put("syncSourceId", id);
                }
                copy.put(id, n);
            });
            out.models.put(model, copy);
        });
        return out;
    }

    /** The target's view with every id (entries, assets, rich-text embeds) replaced by the source id of the id map. */
    KitchenSinkSnapshot asTarget(Map<String, String> reverse) {
        KitchenSinkSnapshot out = new KitchenSinkSnapshot();
        models.forEach((model, entries) -> {
            Map<String, Object> copy = new TreeMap<>();
            entries.forEach((id, e) -> copy.put(reverse.getOrDefault(id, "unmapped:" + id), translate(e, reverse)));
            out.models.put(model, copy);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object translate(Object v, Map<String, String> reverse) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            // syncSourceId holds a source id on purpose
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, "syncSourceId".equals(k) ? x : translate(x, reverse)));
            return out;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(o -> translate(o, reverse)).toList();
        }
        if (v instanceof String s && s.length() == 25 && s.startsWith("c")) {
            return reverse.getOrDefault(s, "unmapped:" + s);
        }
        return v;
    }
}
