package io.stagesync.dialect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A reference to an entry or asset inside a value (a rich-text embed or link, a union member, a relation or asset
 * inside a component): the engine maps its id through the id map before the value is written.
 *
 * @param model the referenced model ({@code Asset} for assets)
 * @param id    the referenced entry's id in the stage the value was read from
 */
public record Reference(String model, String id) {

    /** Every reference inside a value tree (maps, lists, references), in order. */
    public static List<Reference> collect(Object value) {
        List<Reference> refs = new ArrayList<>();
        collect(value, refs);
        return refs;
    }

    private static void collect(Object value, List<Reference> refs) {
        if (value instanceof Reference r) {
            refs.add(r);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, refs));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, refs));
        }
    }

    /**
     * A copy of a value tree with each reference replaced by {@code map}'s answer (a reference with the target id),
     * or left out when it answers null (a list item is dropped, a map entry becomes null).
     */
    public static Object map(Object value, Function<Reference, Reference> map) {
        if (value instanceof Reference r) {
            return map.apply(r);
        } else if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, map(v, map)));
            return out;
        } else if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object v : l) {
                Object mapped = map(v, map);
                if (mapped != null || !(v instanceof Reference)) {
                    out.add(mapped);
                }
            }
            return out;
        }
        return value;
    }
}
