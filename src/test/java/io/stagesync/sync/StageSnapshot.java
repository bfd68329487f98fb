package io.stagesync.sync;

import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads every entry of the demo models from a stage over HTTP (all fields, localizations, relations in order,
 * published state) and, for a target, translates its ids back to source ids through the id map.
 */
final class StageSnapshot {

    static final Map<String, String> SELECTIONS = Map.of(
            "Hotel", "id createdAt name slug syncSourceId category stars destination { id } reviews(first: 100) { id } "
                    + "image { id } gallery(first: 100) { id } localizations(locales: [en, de], includeCurrent: true) { locale name }",
            "Destination", "id createdAt name slug syncSourceId country heroImage { id } hotels(first: 100) { id } "
                    + "localizations(locales: [en, de], includeCurrent: true) { locale name }",
            "Review", "id createdAt title rating submittedAt syncSourceId hotel { id } "
                    + "localizations(locales: [en, de], includeCurrent: true) { locale title }");
    static final Map<String, String> LISTS = Map.of("Hotel", "hotelsConnection", "Destination", "destinationsConnection",
            "Review", "reviewsConnection");
    static final List<String> ASSET_FIELDS = List.of("image", "gallery", "heroImage");

    /** Entries by model, then by (source) id. */
    final Map<String, Map<String, Map<String, Object>>> models = new TreeMap<>();

    static StageSnapshot read(DevstageExtension devstage, String env) throws Exception {
        return read(devstage, env, "DRAFT");
    }

    /** The entries as one content stage holds them ({@code DRAFT} or {@code PUBLISHED}). */
    @SuppressWarnings("unchecked")
    static StageSnapshot read(DevstageExtension devstage, String env, String stage) throws Exception {
        StageSnapshot snap = new StageSnapshot();
        GraphQLTestClient client = devstage.client();
        for (String model : SELECTIONS.keySet()) {
            Map<String, Map<String, Object>> entries = new TreeMap<>();
            for (Map<String, Object> node : nodes(devstage, env, LISTS.get(model), stage, "en, de", SELECTIONS.get(model), false)) {
                entries.put((String) node.get("id"), node);
            }
            snap.models.put(model, entries);
        }
        return snap;
    }

    /**
     * Every node of a connection query in a stage, page by page, with {@code published}: whether the entry has a
     * published version (in the node's locale when {@code inheritLocale}).
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> nodes(DevstageExtension devstage, String env, String connection, String stage, String locales,
                                           String selection, boolean inheritLocale) throws Exception {
        List<Map<String, Object>> nodes = new ArrayList<>();
        GraphQLTestClient client = devstage.client();
        String after = null;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            var r = client.post(devstage.contentApiUrl(env), "query($after: String) { c: " + connection
                    + "(stage: " + stage + ", first: 100, after: $after, locales: [" + locales + "]) { pageInfo { hasNextPage endCursor } "
                    + "edges { node { " + selection + " documentInStages(stages: [PUBLISHED]" + (inheritLocale ? ", inheritLocale: true" : "")
                    + ") { id } } } } }", vars);
            if (!r.errors().isEmpty()) {
                throw new IllegalStateException("snapshot of " + env + " failed: " + r.errors());
            }
            Map<String, Object> c = r.data("c");
            for (Object e : (List<Object>) c.get("edges")) {
                Map<String, Object> node = new LinkedHashMap<>((Map<String, Object>) ((Map<String, Object>) e).get("node"));
                node.put("published", !((List<Object>) node.remove("documentInStages")).isEmpty());
                nodes.add(node);
            }
            Map<String, Object> info = (Map<String, Object>) c.get("pageInfo");
            after = Boolean.TRUE.equals(info.get("hasNextPage")) ? (String) info.get("endCursor") : null;
        } while (after != null);
        return nodes;
    }

    int count(String model) {
        return models.get(model).size();
    }

    /** The source's view, normalised as the sync writes it: a missing syncSourceId becomes the source id. */
    StageSnapshot asSource(boolean withAssets) {
        StageSnapshot out = new StageSnapshot();
        models.forEach((model, entries) -> {
            Map<String, Map<String, Object>> copy = new TreeMap<>();
            entries.forEach((id, e) -> {
                Map<String, Object> n = new LinkedHashMap<>(e);
                if (n.get("syncSourceId") == null) {
                    n.put("syncSourceId", id);
                }
                if (!withAssets) {
                    ASSET_FIELDS.forEach(n::remove);
                }
                copy.put(id, n);
            });
            out.models.put(model, copy);
        });
        return out;
    }

    /** The target's view with every id replaced by the source id the id map gives it. */
    @SuppressWarnings("unchecked")
    StageSnapshot asTarget(DataSource state, String source, String target, boolean withAssets) throws Exception {
        Map<String, String> reverse = reverseIdMap(state, source, target);
        StageSnapshot out = new StageSnapshot();
        models.forEach((model, entries) -> {
            Map<String, Map<String, Object>> copy = new TreeMap<>();
            entries.forEach((id, e) -> {
                Map<String, Object> n = new LinkedHashMap<>();
                e.forEach((k, v) -> n.put(k, translate(v, reverse)));
                if (!withAssets) {
                    ASSET_FIELDS.forEach(n::remove);
                }
                copy.put((String) n.get("id"), n);
            });
            out.models.put(model, copy);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object translate(Object v, Map<String, String> reverse) {
        if (v instanceof Map<?, ?> m && m.containsKey("id") && m.size() == 1) {
            return Map.of("id", reverse.getOrDefault((String) m.get("id"), "unmapped:" + m.get("id")));
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(o -> out.add(translate(o, reverse)));
            return out;
        }
        if (v instanceof String s && reverse.containsKey(s)) {
            return reverse.get(s);
        }
        return v;
    }

    static Map<String, String> reverseIdMap(DataSource state, String source, String target) throws Exception {
        Map<String, String> reverse = new HashMap<>();
        try (Connection c = state.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT target_id, source_id FROM id_map WHERE source_stage = ? AND target_stage = ?")) {
            ps.setString(1, source);
            ps.setString(2, target);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reverse.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return reverse;
    }
}
