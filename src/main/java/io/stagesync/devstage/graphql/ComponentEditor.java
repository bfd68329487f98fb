package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.FieldType;
import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies component, modular and union inputs (hygraph-api 4.2, 4.3) to a document being written, and relation
 * inputs to a component. A component is stored by value in its parent's values as {@code {id, model, values,
 * localized}}; it is never edited in place (readers may hold it), an edit builds a new one.
 */
final class ComponentEditor {
    private final ContentRuntime rt;
    private final EntryWriter writer;
    private final RelationEditor relations;
    private final LocalizationEditor localizations;

    ComponentEditor(ContentRuntime rt, EntryWriter writer, RelationEditor relations, LocalizationEditor localizations) {
        this.rt = rt;
        this.writer = writer;
        this.relations = relations;
        this.localizations = localizations;
    }

    /** A stored component as a document (shared maps: read it or {@link Document#copy()} it). */
    @SuppressWarnings("unchecked")
    static Document document(Object stored) {
        Map<String, Object> map = (Map<String, Object>) stored;
        Document d = new Document((String) map.get("id"), (String) map.get("model"), null);
        d.values = (Map<String, Object>) map.getOrDefault("values", Map.of());
        d.localized = (Map<String, Map<String, Object>>) map.getOrDefault("localized", Map.of());
        return d;
    }

    private static Map<String, Object> stored(Document d) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", d.id);
        map.put("model", d.model);
        map.put("values", d.values);
        map.put("localized", d.localized);
        return map;
    }

    /** The stored components of a field, in order (a single component as a one-item list). */
    static List<Object> items(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(value));
    }

    /** Applies every component and union field of {@code data} (and relation fields, when {@code m} is a component). */
    @SuppressWarnings("unchecked")
    void apply(ModelInfo m, Document d, Map<String, Object> data, boolean onCreate) {
        for (FieldInfo f : m.fields()) {
            if (!data.containsKey(f.apiId()) || f.isValue() || f.isRelation() && !m.isComponent()) {
                continue;
            }
            Map<String, Object> in = (Map<String, Object>) data.get(f.apiId());
            if (f.type() == FieldType.COMPONENT) {
                List<Object> next = in == null ? List.of() : f.list() ? many(f, items(d.values.get(f.apiId())), in, onCreate)
                        : one(f, items(d.values.get(f.apiId())), in);
                d.values.put(f.apiId(), f.list() ? next : next.isEmpty() ? null : next.get(0));
            } else if (f.type() == FieldType.UNION) {
                d.values.put(f.apiId(), union(f, d.links(f.apiId()), in, onCreate));
            } else if (f.isRelation() && m.isComponent()) {
                d.values.put(f.apiId(), in == null ? List.of() : f.list()
                        ? relations.many(f, d.links(f.apiId()), in, onCreate) : relations.one(f, d.links(f.apiId()), in));
            }
        }
    }

    /** A new component from its create input. */
    Map<String, Object> create(ModelInfo c, Map<String, Object> input) {
        if (input == null) {
            throw new ContentException("Component " + c.apiId() + ": the create input is missing");
        }
        Document d = new Document(rt.store.newId(), c.apiId(), null);
        d.localized.put(rt.schema.defaultLocale(), new LinkedHashMap<>());
        writer.applyScalars(c, d, input, rt.schema.defaultLocale());
        localizations.create(c, d, input.get("localizations"));
        apply(c, d, input, true);
        writer.validate(c, d);
        return stored(d);
    }

    /** The component with an update input applied (a new stored value, same id). */
    Map<String, Object> update(ModelInfo c, Object current, Map<String, Object> input) {
        Document d = document(current).copy();
        if (input != null) {
            writer.applyScalars(c, d, input, rt.schema.defaultLocale());
            localizations.update(c, d, input.get("localizations"));
            apply(c, d, input, false);
        }
        writer.validate(c, d);
        return stored(d);
    }

    /** A (member, payload) pair: modular inputs are keyed by component ({@code { Paragraph: {...} }}). */
    private record Item(ModelInfo component, Map<String, Object> payload) {
    }

    @SuppressWarnings("unchecked")
    private Item item(FieldInfo f, Object input) {
        if (!f.modular()) {
            return new Item(rt.schema.type(f.members().get(0)), (Map<String, Object>) input);
        }
        Map<String, Object> keyed = (Map<String, Object>) input;
        if (keyed == null || keyed.size() != 1 || !f.members().contains(keyed.keySet().iterator().next())) {
            throw new ContentException("Field '" + f.apiId() + "' of " + f.owner() + ": each item names exactly one of "
                    + f.members() + ", got " + (keyed == null ? null : keyed.keySet()));
        }
        var e = keyed.entrySet().iterator().next();
        return new Item(rt.schema.type(e.getKey()), (Map<String, Object>) e.getValue());
    }

    @SuppressWarnings("unchecked")
    private List<Object> one(FieldInfo f, List<Object> current, Map<String, Object> in) {
        List<Object> next = current;
        if (Boolean.TRUE.equals(in.get("delete"))) {
            next = List.of();
        }
        if (in.get("create") != null) {
            Item it = item(f, in.get("create"));
            next = List.of(create(it.component(), it.payload()));
        }
        if (in.get("update") != null) {
            Item it = item(f, in.get("update"));
            int i = indexOf(f, next, (Map<String, Object>) it.payload().get("where"), "update");
            next = List.of(update(it.component(), next.get(i), (Map<String, Object>) it.payload().get("data")));
        }
        if (in.get("upsert") != null) {
            Item it = item(f, in.get("upsert"));
            Map<String, Object> data = (Map<String, Object>) it.payload().get("data");
            int i = find(next, (Map<String, Object>) it.payload().get("where"));
            next = List.of(i >= 0 ? update(it.component(), next.get(i), (Map<String, Object>) data.get("update"))
                    : create(it.component(), (Map<String, Object>) data.get("create")));
        }
        return next;
    }

    @SuppressWarnings("unchecked")
    private List<Object> many(FieldInfo f, List<Object> current, Map<String, Object> in, boolean onCreate) {
        List<Object> next = new ArrayList<>(current);
        for (Object w : list(in.get("delete"))) {
            Item it = item(f, w);
            next.remove(indexOf(f, next, it.payload(), "delete"));
        }
        for (Object u : list(in.get("update"))) {
            Item it = item(f, u);
            int i = indexOf(f, next, (Map<String, Object>) it.payload().get("where"), "update");
            Object updated = update(it.component(), next.remove(i), (Map<String, Object>) it.payload().get("data"));
            insert(f, next, updated, (Map<String, Object>) it.payload().get("position"), i);
        }
        for (Object u : list(in.get("upsert"))) {
            Item it = item(f, u);
            Map<String, Object> data = (Map<String, Object>) it.payload().get("data");
            int i = find(next, (Map<String, Object>) it.payload().get("where"));
            Object value = i >= 0 ? update(it.component(), next.remove(i), (Map<String, Object>) data.get("update"))
                    : create(it.component(), (Map<String, Object>) data.get("create"));
            insert(f, next, value, (Map<String, Object>) it.payload().get("position"), i >= 0 ? i : next.size());
        }
        for (Object c : list(in.get("create"))) {
            Item it = item(f, c);
            // create inputs of a list are {data, position} on update and the bare create input on create
            boolean wrapped = !onCreate && it.payload() != null;
            Map<String, Object> data = wrapped ? (Map<String, Object>) it.payload().get("data") : it.payload();
            Map<String, Object> position = wrapped ? (Map<String, Object>) it.payload().get("position") : null;
            insert(f, next, create(it.component(), data), position, next.size());
        }
        return next;
    }

    private void insert(FieldInfo f, List<Object> list, Object value, Map<String, Object> position, int fallback) {
        if (position == null) {
            list.add(Math.min(fallback, list.size()), value);
        } else if (Boolean.TRUE.equals(position.get("start"))) {
            list.add(0, value);
        } else if (Boolean.TRUE.equals(position.get("end"))) {
            list.add(value);
        } else {
            boolean after = position.get("after") != null;
            String anchor = (String) (after ? position.get("after") : position.get("before"));
            int i = anchor == null ? -1 : find(list, Map.of("id", anchor));
            if (i < 0) {
                throw new ContentException("position on component field '" + f.apiId() + "' of " + f.owner() + ": "
                        + (after ? "after" : "before") + " names " + anchor + ", which is not in the list");
            }
            list.add(after ? i + 1 : i, value);
        }
    }

    private static int find(List<Object> list, Map<String, Object> where) {
        Object id = where == null ? null : where.get("id");
        for (int i = 0; i < list.size(); i++) {
            if (document(list.get(i)).id.equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(FieldInfo f, List<Object> list, Map<String, Object> where, String op) {
        int i = find(list, where);
        if (i < 0) {
            throw new ContentException(op + " on component field '" + f.apiId() + "' of " + f.owner() + ": no component "
                    + (where == null ? "{}" : ContentRuntime.describe(where)) + " in the field");
        }
        return i;
    }

    /** The links of a union field after its input: members keyed by model ({@code { Destination: { id } }}). */
    @SuppressWarnings("unchecked")
    private List<String> union(FieldInfo f, List<String> current, Map<String, Object> in, boolean onCreate) {
        if (in == null) {
            return List.of();
        }
        List<String> next = new ArrayList<>(current);
        if (!f.list()) {
            if (Boolean.TRUE.equals(in.get("disconnect")) || Boolean.TRUE.equals(in.get("delete"))) {
                if (Boolean.TRUE.equals(in.get("delete")) && !next.isEmpty()) {
                    writer.delete(rt.model(rt.store.modelOf(next.get(0))), Map.of("id", next.get(0)));
                }
                next.clear();
            }
            if (in.get("create") != null) {
                Member c = member(f, in.get("create"));
                return List.of(writer.create(c.model(), c.payload()).id);
            }
            if (in.get("connect") != null) {
                return List.of(resolve(f, member(f, in.get("connect")), "connect"));
            }
            return next;
        }
        if (in.get("set") instanceof List<?> set) {
            next.clear();
            set.forEach(w -> next.add(resolve(f, member(f, w), "set")));
        }
        for (Object w : list(in.get("disconnect"))) {
            next.remove(resolve(f, member(f, w), "disconnect"));
        }
        for (Object w : list(in.get("delete"))) {
            Member mb = member(f, w);
            String id = resolve(f, mb, "delete");
            next.remove(id);
            writer.delete(mb.model(), Map.of("id", id));
        }
        for (Object c : list(in.get("create"))) {
            Member mb = member(f, c);
            next.add(writer.create(mb.model(), mb.payload()).id);
        }
        for (Object c : list(in.get("connect"))) {
            Member mb = member(f, c);
            if (onCreate) {
                String id = resolve(f, mb, "connect");
                next.remove(id);
                next.add(id);
            } else {
                String id = resolve(f, new Member(mb.model(), (Map<String, Object>) mb.payload().get("where")), "connect");
                next.remove(id);
                relations.insert(f, next, id, (Map<String, Object>) mb.payload().get("position"));
            }
        }
        return next;
    }

    private record Member(ModelInfo model, Map<String, Object> payload) {
    }

    @SuppressWarnings("unchecked")
    private Member member(FieldInfo f, Object input) {
        Map<String, Object> keyed = (Map<String, Object>) input;
        if (keyed == null || keyed.size() != 1 || !f.members().contains(keyed.keySet().iterator().next())) {
            throw new ContentException("Union field '" + f.apiId() + "' of " + f.owner() + ": each item names exactly one of "
                    + f.members() + ", got " + (keyed == null ? null : keyed.keySet()));
        }
        var e = keyed.entrySet().iterator().next();
        return new Member(rt.model(e.getKey()), (Map<String, Object>) e.getValue());
    }

    private String resolve(FieldInfo f, Member m, String op) {
        return rt.requireUnique(io.stagesync.devstage.store.EnvironmentStore.DRAFT, m.model(), m.payload(),
                op + " on union '" + f.owner() + "." + f.apiId() + "'").id;
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
