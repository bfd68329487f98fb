package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.FieldType;
import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;
import io.stagesync.devstage.store.EnvironmentStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Evaluates a {@code <Model>WhereInput} against one entry view (hygraph-api 2.3 operators). */
final class WhereFilter {
    private static final List<String> SUFFIXES = List.of("_not_contains", "_not_starts_with", "_not_ends_with",
            "_contains_all", "_contains_some", "_contains_none", "_not_in", "_contains", "_starts_with", "_ends_with",
            "_some", "_every", "_none", "_empty", "_not", "_in", "_lte", "_lt", "_gte", "_gt");
    private final ContentRuntime runtime;
    private final String stage;

    WhereFilter(ContentRuntime runtime, String stage) {
        this.runtime = runtime;
        this.stage = stage;
    }

    @SuppressWarnings("unchecked")
    boolean matches(ModelInfo m, EntryView v, Map<String, Object> where) {
        for (Map.Entry<String, Object> e : where.entrySet()) {
            String key = e.getKey();
            Object arg = e.getValue();
            boolean ok = switch (key) {
                case "AND" -> arg == null || ((List<Map<String, Object>>) arg).stream().allMatch(w -> matches(m, v, w));
                case "OR" -> arg == null || ((List<Map<String, Object>>) arg).stream().anyMatch(w -> matches(m, v, w));
                case "NOT" -> arg == null || !((List<Map<String, Object>>) arg).stream().allMatch(w -> matches(m, v, w));
                case "_search" -> arg == null || search(m, v, arg.toString());
                default -> field(m, v, key, arg);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private boolean field(ModelInfo m, EntryView v, String key, Object arg) {
        String name = key;
        String op = "";
        if (m.field(key) == null && !isSystem(key)) {
            for (String s : SUFFIXES) {
                if (key.endsWith(s)) {
                    name = key.substring(0, key.length() - s.length());
                    op = s.substring(1);
                    break;
                }
            }
        }
        if (name.equals("documentInStages")) {
            return arg == null || documentInStages(v, op, (Map<String, Object>) arg);
        }
        FieldInfo f = m.field(name);
        if (f != null && (f.type() == FieldType.UNION || f.type() == FieldType.COMPONENT)) {
            return arg == null || members(v, f, op, arg);
        }
        if (f != null && f.isRelation()) {
            if (arg == null) {
                return true;
            }
            List<EntryView> linked = runtime.linked(v, f, v.locales());
            ModelInfo target = runtime.model(f.target());
            Map<String, Object> w = (Map<String, Object>) arg;
            return switch (op) {
                case "", "some" -> linked.stream().anyMatch(x -> matches(target, x, w));
                case "every" -> linked.stream().allMatch(x -> matches(target, x, w));
                default -> linked.stream().noneMatch(x -> matches(target, x, w));
            };
        }
        Object value = switch (name) {
            case "id" -> v.doc().id;
            case "createdAt" -> v.doc().createdAt;
            case "updatedAt" -> v.doc().updatedAt;
            case "publishedAt" -> v.doc().publishedAt;
            default -> v.value(name, f != null && f.localized());
        };
        return compare(op, value, arg);
    }

    /**
     * A union or component field: {@code _empty}, or its members (entries of a union, components by value) matching
     * the where input, keyed by member type for unions and modular fields.
     */
    @SuppressWarnings("unchecked")
    private boolean members(EntryView v, FieldInfo f, String op, Object arg) {
        List<EntryView> items = new java.util.ArrayList<>();
        if (f.type() == FieldType.UNION) {
            items.addAll(runtime.linked(v, f, v.locales()));
        } else {
            for (Object c : ComponentEditor.items(v.doc().values.get(f.apiId()))) {
                items.add(new EntryView(ComponentEditor.document(c), v.stage(), v.locale(), v.locales()));
            }
        }
        if (op.equals("empty")) {
            return Boolean.TRUE.equals(arg) == items.isEmpty();
        }
        Map<String, Object> w = (Map<String, Object>) arg;
        boolean keyed = f.type() == FieldType.UNION || f.modular();
        java.util.function.Predicate<EntryView> test = x -> {
            if (!keyed) {
                return matches(runtime.model(x.doc().model), x, w);
            }
            Object byType = w.get(x.doc().model);
            return byType instanceof Map<?, ?> mw && matches(runtime.model(x.doc().model), x, (Map<String, Object>) mw);
        };
        return switch (op) {
            case "", "some" -> items.stream().anyMatch(test);
            case "every" -> items.stream().allMatch(test);
            default -> items.stream().noneMatch(test);
        };
    }

    private static boolean isSystem(String key) {
        return key.equals("id") || key.equals("createdAt") || key.equals("updatedAt") || key.equals("publishedAt");
    }

    @SuppressWarnings("unchecked")
    static boolean compare(String op, Object value, Object arg) {
        if (arg == null && !op.isEmpty() && !op.equals("not")) {
            return true;
        }
        return switch (op) {
            case "" -> equal(value, arg);
            case "not" -> !equal(value, arg);
            case "in" -> ((Collection<Object>) arg).stream().anyMatch(a -> equal(value, a));
            case "not_in" -> ((Collection<Object>) arg).stream().noneMatch(a -> equal(value, a));
            case "contains" -> value != null && value.toString().toLowerCase().contains(arg.toString().toLowerCase());
            case "not_contains" -> value == null || !value.toString().toLowerCase().contains(arg.toString().toLowerCase());
            case "starts_with" -> value != null && value.toString().startsWith(arg.toString());
            case "not_starts_with" -> value == null || !value.toString().startsWith(arg.toString());
            case "ends_with" -> value != null && value.toString().endsWith(arg.toString());
            case "not_ends_with" -> value == null || !value.toString().endsWith(arg.toString());
            case "lt" -> value != null && EntryOrder.compare(value, arg) < 0;
            case "lte" -> value != null && EntryOrder.compare(value, arg) <= 0;
            case "gt" -> value != null && EntryOrder.compare(value, arg) > 0;
            case "gte" -> value != null && EntryOrder.compare(value, arg) >= 0;
            case "contains_all" -> value instanceof Collection<?> c && c.containsAll((Collection<?>) arg);
            case "contains_some" -> value instanceof Collection<?> c && ((Collection<?>) arg).stream().anyMatch(c::contains);
            case "contains_none" -> !(value instanceof Collection<?> c) || ((Collection<?>) arg).stream().noneMatch(c::contains);
            default -> throw new ContentException("Unsupported where operator '" + op + "'");
        };
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }

    @SuppressWarnings("unchecked")
    private boolean documentInStages(EntryView v, String op, Map<String, Object> w) {
        List<String> stages = EnvironmentStore.STAGES;
        java.util.function.Predicate<String> test = s -> stageMatches(v, s, w);
        return switch (op) {
            case "some" -> stages.stream().anyMatch(test);
            case "every" -> stages.stream().allMatch(test);
            default -> stages.stream().noneMatch(test);
        };
    }

    @SuppressWarnings("unchecked")
    private boolean stageMatches(EntryView v, String stage, Map<String, Object> w) {
        Document d = runtime.store.get(stage, v.doc().model, v.doc().id);
        if (d == null) {
            return false;
        }
        for (Map.Entry<String, Object> e : w.entrySet()) {
            Object arg = e.getValue();
            boolean ok = switch (e.getKey()) {
                case "stage" -> arg == null || arg.equals(stage);
                case "AND" -> arg == null || ((List<Map<String, Object>>) arg).stream().allMatch(x -> stageMatches(v, stage, x));
                case "OR" -> arg == null || ((List<Map<String, Object>>) arg).stream().anyMatch(x -> stageMatches(v, stage, x));
                default -> arg == null || !((List<Map<String, Object>>) arg).stream().allMatch(x -> stageMatches(v, stage, x));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean search(ModelInfo m, EntryView v, String text) {
        String needle = text.toLowerCase();
        return m.fields().stream().filter(f -> f.type() == io.stagesync.devstage.model.FieldType.STRING && !f.list())
                .map(f -> v.value(f.apiId(), f.localized()))
                .anyMatch(x -> x != null && x.toString().toLowerCase().contains(needle));
    }
}
