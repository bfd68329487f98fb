package io.stagesync.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The differences between two JSON objects, as a list of {@code {path, before, after}} (objects compared key by key). */
public final class JsonDiff {

    private JsonDiff() {
    }

    public static List<Map<String, Object>> diff(Map<String, Object> before, Map<String, Object> after) {
        List<Map<String, Object>> changes = new ArrayList<>();
        walk("", before, after, changes);
        return changes;
    }

    @SuppressWarnings("unchecked")
    private static void walk(String path, Object before, Object after, List<Map<String, Object>> changes) {
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            TreeSet<String> keys = new TreeSet<>();
            b.keySet().forEach(k -> keys.add(String.valueOf(k)));
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String k : keys) {
                walk(path.isEmpty() ? k : path + "." + k, ((Map<String, Object>) b).get(k), ((Map<String, Object>) a).get(k), changes);
            }
            return;
        }
        if (!same(before, after)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("path", path);
            change.put("before", before);
            change.put("after", after);
            changes.add(change);
        }
    }

    /** Numbers compare by value (a step may turn 4 into 4.0 or a long). */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }
}
