package io.stagesync.devstage.graphql;

import graphql.schema.DataFetchingEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts one page out of an ordered list with {@code first/last/skip/after/before} (cursor = entry id),
 * enforcing the default (10) and maximum page size, and builds Hygraph's connection shape.
 */
final class Pager {
    static final int DEFAULT_PAGE_SIZE = 10;

    /** One page and where it lies in the whole list. */
    record Page(List<EntryView> items, boolean hasNext, boolean hasPrevious, int total) {
    }

    private Pager() {
    }

    static Page page(List<EntryView> all, DataFetchingEnvironment env, int max, boolean idOrder) {
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        Integer skip = env.getArgument("skip");
        String after = env.getArgument("after");
        String before = env.getArgument("before");
        String field = env.getField().getName();
        check(first, "first", field, max);
        check(last, "last", field, max);
        if (skip != null && skip < 0) {
            throw new ContentException("Argument 'skip' of '" + field + "' must not be negative, got " + skip);
        }
        if (first != null && before != null) {
            throw new ContentException("Arguments 'first' and 'before' cannot be combined on '" + field + "'; use 'last' with 'before'");
        }
        if (last != null && after != null) {
            throw new ContentException("Arguments 'last' and 'after' cannot be combined on '" + field + "'; use 'first' with 'after'");
        }
        int start = 0;
        int end = all.size();
        if (after != null) {
            start = position(all, after, idOrder, field, "after") + 1;
        }
        if (before != null) {
            end = Math.max(start, position(all, before, idOrder, field, "before"));
        }
        if (skip != null) {
            if (last != null && first == null) {
                end = Math.max(start, end - skip);
            } else {
                start = Math.min(end, start + skip);
            }
        }
        if (first != null) {
            end = Math.min(end, start + first);
        } else if (last != null) {
            start = Math.max(start, end - last);
        } else {
            end = Math.min(end, start + DEFAULT_PAGE_SIZE);
        }
        return new Page(new ArrayList<>(all.subList(start, end)), end < all.size(), start > 0, all.size());
    }

    static Map<String, Object> connection(Page page) {
        List<Map<String, Object>> edges = new ArrayList<>();
        for (EntryView v : page.items()) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("node", v);
            edge.put("cursor", v.doc().id);
            edges.add(edge);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", page.hasNext());
        pageInfo.put("hasPreviousPage", page.hasPrevious());
        pageInfo.put("startCursor", page.items().isEmpty() ? null : page.items().get(0).doc().id);
        pageInfo.put("endCursor", page.items().isEmpty() ? null : page.items().get(page.items().size() - 1).doc().id);
        pageInfo.put("pageSize", page.items().size());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("edges", edges);
        result.put("pageInfo", pageInfo);
        result.put("aggregate", Map.of("count", page.total()));
        return result;
    }

    private static void check(Integer n, String arg, String field, int max) {
        if (n == null) {
            return;
        }
        if (n < 0) {
            throw new ContentException("Argument '" + arg + "' of '" + field + "' must not be negative, got " + n);
        }
        if (n > max) {
            throw new ContentException("Argument '" + arg + "' of '" + field + "' is " + n
                    + ", above the maximum page size of " + max + "; page with 'after' instead");
        }
    }

    /** Index of the cursor entry; for id order a vanished cursor still positions by id. */
    private static int position(List<EntryView> all, String cursor, boolean idOrder, String field, String arg) {
        int i = idOrder ? binarySearch(all, cursor) : indexOf(all, cursor);
        if (i >= 0) {
            return i;
        }
        if (idOrder) {
            return insertionPoint(all, cursor) - ("after".equals(arg) ? 1 : 0);
        }
        throw new ContentException("Cursor '" + cursor + "' given as '" + arg + "' of '" + field + "' is not an entry of this list");
    }

    private static int indexOf(List<EntryView> all, String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).doc().id.equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first entry whose id is not below {@code id} (the list is in id order). */
    private static int insertionPoint(List<EntryView> all, String id) {
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).doc().id.compareTo(id) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int binarySearch(List<EntryView> all, String id) {
        int i = insertionPoint(all, id);
        return i < all.size() && all.get(i).doc().id.equals(id) ? i : -1;
    }
}
