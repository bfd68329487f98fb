package io.stagesync.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a connection page (aliased {@code page}) out of a GraphQL response's data. */
public final class ConnectionPageParser {

    public ConnectionPage parse(Map<String, Object> data) {
        if (!(data.get("page") instanceof Map<?, ?> page)) {
            throw new IllegalArgumentException("GraphQL data has no connection under the alias 'page': " + data.keySet());
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        if (page.get("edges") instanceof List<?> edges) {
            for (Object edge : edges) {
                if (edge instanceof Map<?, ?> e && e.get("node") instanceof Map<?, ?> node) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> n = (Map<String, Object>) node;
                    nodes.add(n);
                }
            }
        }
        Map<?, ?> pageInfo = page.get("pageInfo") instanceof Map<?, ?> p ? p : Map.of();
        boolean hasNextPage = Boolean.TRUE.equals(pageInfo.get("hasNextPage"));
        String endCursor = (String) pageInfo.get("endCursor");
        if (hasNextPage && (endCursor == null || nodes.isEmpty())) {
            throw new IllegalArgumentException("connection says hasNextPage but gives no endCursor or entries");
        }
        return new ConnectionPage(nodes, hasNextPage, endCursor);
    }
}
