package io.stagesync.graphql;

import java.util.List;
import java.util.Map;

/**
 * One page of a connection query.
 *
 * @param nodes       the entries of the page, in order
 * @param hasNextPage whether another page follows
 * @param endCursor   the cursor to pass as {@code after} for the next page (null on an empty page)
 */
public record ConnectionPage(List<Map<String, Object>> nodes, boolean hasNextPage, String endCursor) {
    public ConnectionPage {
        nodes = List.copyOf(nodes);
    }

    public int size() {
        return nodes.size();
    }
}
