package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;
import io.stagesync.devstage.store.EnvironmentStore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Applies relation inputs (create/connect/set/disconnect/delete/update/upsert with positions) and keeps both sides
 * of a two-way relation in step, per stage.
 */
final class RelationEditor {
    private static final String DRAFT = EnvironmentStore.DRAFT;
    private final ContentRuntime rt;
    private final EntryWriter writer;

    RelationEditor(ContentRuntime rt, EntryWriter writer) {
        this.rt = rt;
        this.writer = writer;
    }

    /** Applies every relation field present in a create ({@code onCreate}) or update input. */
    @SuppressWarnings("unchecked")
    void apply(ModelInfo m, String id, Map<String, Object> data, boolean onCreate) {
        for (FieldInfo f : m.fields()) {
            if (!f.isRelation() || !data.containsKey(f.apiId())) {
                continue;
            }
            Map<String, Object> in = (Map<String, Object>) data.get(f.apiId());
            List<String> current = rt.store.get(DRAFT, m.apiId(), id).links(f.apiId());
            List<String> next = in == null ? List.of() : f.list() ? many(f, current, in, onCreate) : one(f, current, in);
            setLinks(DRAFT, m, id, f, next);
        }
    }

    @SuppressWarnings("unchecked")
    List<String> one(FieldInfo f, List<String> current, Map<String, Object> in) {
        ModelInfo target = rt.model(f.target());
        List<String> next = current;
        if (Boolean.TRUE.equals(in.get("disconnect"))) {
            next = List.of();
        }
        if (Boolean.TRUE.equals(in.get("delete")) && !current.isEmpty()) {
            writer.delete(target, Map.of("id", current.get(0)));
            next = List.of();
        }
        if (in.get("create") != null) {
            next = List.of(writer.create(target, (Map<String, Object>) in.get("create")).id);
        }
        if (in.get("connect") != null) {
            next = List.of(resolve(f, (Map<String, Object>) in.get("connect"), "connect").id);
        }
        if (in.get("update") instanceof Map<?, ?> u) {
            Map<String, Object> where = (Map<String, Object>) u.get("where");
            if (where == null && current.isEmpty()) {
                throw new ContentException("update of relation '" + f.apiId() + "': nothing is connected to update");
            }
            next = List.of(writer.update(target, where != null ? where : Map.of("id", current.get(0)), (Map<String, Object>) u.get("data")).id);
        }
        if (in.get("upsert") instanceof Map<?, ?> u) {
            next = List.of(writer.upsert(target, (Map<String, Object>) u.get("where"), (Map<String, Object>) u.get("data")).id);
        }
        return next;
    }

    @SuppressWarnings("unchecked")
    List<String> many(FieldInfo f, List<String> current, Map<String, Object> in, boolean onCreate) {
        ModelInfo target = rt.model(f.target());
        List<String> next = new ArrayList<>(current);
        if (in.get("set") instanceof List<?> set) {
            next.clear();
            set.forEach(w -> next.add(resolve(f, (Map<String, Object>) w, "set").id));
        }
        for (Object w : list(in.get("disconnect"))) {
            String id = resolve(f, (Map<String, Object>) w, "disconnect").id;
            if (!next.remove(id)) {
                throw new ContentException("disconnect on relation '" + f.apiId() + "': " + f.target() + " " + id + " is not connected");
            }
        }
        for (Object w : list(in.get("delete"))) {
            String id = resolve(f, (Map<String, Object>) w, "delete").id;
            next.remove(id);
            writer.delete(target, Map.of("id", id));
        }
        for (Object c : list(in.get("create"))) {
            next.add(writer.create(target, (Map<String, Object>) c).id);
        }
        for (Object c : list(in.get("connect"))) {
            Map<String, Object> item = (Map<String, Object>) c;
            if (onCreate) {
                String id = resolve(f, item, "connect").id;
                next.remove(id);
                next.add(id);
            } else {
                String id = resolve(f, (Map<String, Object>) item.get("where"), "connect").id;
                next.remove(id);
                insert(f, next, id, (Map<String, Object>) item.get("position"));
            }
        }
        for (Object u : list(in.get("update"))) {
            Map<String, Object> item = (Map<String, Object>) u;
            writer.update(target, (Map<String, Object>) item.get("where"), (Map<String, Object>) item.get("data"));
        }
        for (Object u : list(in.get("upsert"))) {
            Map<String, Object> item = (Map<String, Object>) u;
            String id = writer.upsert(target, (Map<String, Object>) item.get("where"), (Map<String, Object>) item.get("data")).id;
            if (!next.contains(id)) {
                next.add(id);
            }
        }
        return next;
    }

    void insert(FieldInfo f, List<String> list, String id, Map<String, Object> position) {
        if (position == null || Boolean.TRUE.equals(position.get("end"))) {
            list.add(id);
        } else if (Boolean.TRUE.equals(position.get("start"))) {
            list.add(0, id);
        } else if (position.get("after") != null || position.get("before") != null) {
            boolean after = position.get("after") != null;
            String anchor = (String) (after ? position.get("after") : position.get("before"));
            int i = list.indexOf(anchor);
            if (i < 0) {
                throw new ContentException("connect position on relation '" + f.apiId() + "': " + (after ? "after" : "before")
                        + " names " + anchor + ", which is not connected");
            }
            list.add(after ? i + 1 : i, id);
        } else {
            list.add(id);
        }
    }

    private Document resolve(FieldInfo f, Map<String, Object> where, String op) {
        return rt.requireUnique(DRAFT, rt.model(f.target()), where, op + " on relation '" + f.owner() + "." + f.apiId() + "'");
    }

    /** Sets the ordered links of a field in a stage and updates the reverse field of added and removed targets. */
    void setLinks(String stage, ModelInfo m, String id, FieldInfo f, List<String> targets) {
        List<String> next = new ArrayList<>(new LinkedHashSet<>(targets));
        if (!f.list() && next.size() > 1) {
            throw new ContentException("Relation '" + f.apiId() + "' of " + m.apiId() + " holds one entry, got " + next.size());
        }
        Document d = rt.store.get(stage, m.apiId(), id).copy();
        List<String> old = d.links(f.apiId());
        if (old.equals(next)) {
            return;
        }
        d.setLinks(f.apiId(), next);
        rt.store.put(stage, d);
        if (f.reverse() == null) {
            return;
        }
        FieldInfo rf = rt.model(f.target()).field(f.reverse());
        for (String t : old) {
            if (!next.contains(t)) {
                edit(stage, f.target(), t, rf, links -> links.remove(id));
            }
        }
        for (String t : next) {
            if (old.contains(t)) {
                continue;
            }
            edit(stage, f.target(), t, rf, links -> {
                if (rf.list()) {
                    if (!links.contains(id)) {
                        links.add(id);
                    }
                    return;
                }
                for (String previous : links) {
                    if (!previous.equals(id)) {
                        edit(stage, m.apiId(), previous, f, l -> l.remove(t));
                    }
                }
                links.clear();
                links.add(id);
            });
        }
    }

    /** Removes an entry from the reverse side of all its two-way relations in a stage (before deleting it). */
    void unlinkAll(String stage, ModelInfo m, String id) {
        for (FieldInfo f : m.fields()) {
            if (f.isRelation() && f.reverse() != null) {
                setLinks(stage, m, id, f, List.of());
            }
        }
    }

    private void edit(String stage, String model, String id, FieldInfo field, java.util.function.Consumer<List<String>> change) {
        Document doc = rt.store.get(stage, model, id);
        if (doc == null) {
            return;
        }
        Document copy = doc.copy();
        List<String> links = copy.links(field.apiId());
        change.accept(links);
        copy.setLinks(field.apiId(), links);
        rt.store.put(stage, copy);
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
