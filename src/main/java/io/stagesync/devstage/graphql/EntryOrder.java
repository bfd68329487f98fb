package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.ModelInfo;

import java.util.Comparator;

/** Builds the comparator of an {@code orderBy} value ({@code <field>_ASC|_DESC}); ties are broken by id ascending. */
final class EntryOrder {
    private EntryOrder() {
    }

    /** The comparator, or null for id ascending (the stored order). */
    static Comparator<EntryView> comparator(ModelInfo m, String orderBy) {
        if (orderBy == null || orderBy.equals("id_ASC")) {
            return null;
        }
        boolean desc = orderBy.endsWith("_DESC");
        String field = orderBy.substring(0, orderBy.lastIndexOf('_'));
        Comparator<EntryView> byId = Comparator.comparing(v -> v.doc().id);
        if (field.equals("id")) {
            return byId.reversed();
        }
        Comparator<Object> values = (a, b) -> compare(a, b);
        Comparator<EntryView> byField = Comparator.comparing(v -> sortValue(m, v, field), desc ? values.reversed() : values);
        return byField.thenComparing(byId);
    }

    private static Object sortValue(ModelInfo m, EntryView v, String field) {
        return switch (field) {
            case "createdAt" -> v.doc().createdAt;
            case "updatedAt" -> v.doc().updatedAt;
            case "publishedAt" -> v.doc().publishedAt;
            default -> {
                FieldInfo f = m.field(field);
                yield v.value(field, f.localized());
            }
        };
    }

    /** Nulls first; numbers numerically; everything else by its text. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }
}
