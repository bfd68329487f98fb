package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;
import io.stagesync.devstage.store.EnvironmentStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates, updates, upserts and deletes entries in DRAFT from Hygraph's create/update inputs, with validation. */
final class EntryWriter {
    private static final String DRAFT = EnvironmentStore.DRAFT;
    private final ContentRuntime rt;
    private final RelationEditor relations;
    private final LocalizationEditor localizations;
    private final ComponentEditor components;

    EntryWriter(ContentRuntime rt) {
        this.rt = rt;
        this.relations = new RelationEditor(rt, this);
        this.localizations = new LocalizationEditor(rt, this);
        this.components = new ComponentEditor(rt, this, relations, localizations);
    }

    RelationEditor relations() {
        return relations;
    }

    Document create(ModelInfo m, Map<String, Object> data) {
        String now = ContentScalars.now();
        Document d = new Document(rt.store.newId(), m.apiId(), data.get("createdAt") != null ? (String) data.get("createdAt") : now);
        d.updatedAt = data.get("updatedAt") != null ? (String) data.get("updatedAt") : now;
        d.localized.put(rt.schema.defaultLocale(), new LinkedHashMap<>());
        if (m.isAsset()) {
            rt.assets.initialise(d, data);
        }
        applyScalars(m, d, data, rt.schema.defaultLocale());
        localizations.create(m, d, data.get("localizations"));
        components.apply(m, d, data, true);
        validate(m, d);
        rt.store.put(DRAFT, d);
        relations.apply(m, d.id, data, true);
        return rt.store.get(DRAFT, m.apiId(), d.id);
    }

    Document update(ModelInfo m, Map<String, Object> where, Map<String, Object> data) {
        Document d = rt.requireUnique(DRAFT, m, where, "update" + m.apiId()).copy();
        if (data == null) {
            throw new ContentException("update" + m.apiId() + ": 'data' is missing");
        }
        d.updatedAt = ContentScalars.now();
        if (m.isAsset()) {
            rt.assets.update(d, data);
        }
        applyScalars(m, d, data, rt.schema.defaultLocale());
        localizations.update(m, d, data.get("localizations"));
        components.apply(m, d, data, false);
        validate(m, d);
        rt.store.put(DRAFT, d);
        relations.apply(m, d.id, data, false);
        return rt.store.get(DRAFT, m.apiId(), d.id);
    }

    @SuppressWarnings("unchecked")
    Document upsert(ModelInfo m, Map<String, Object> where, Map<String, Object> upsert) {
        Document existing = where == null || where.isEmpty() ? null : rt.findUnique(DRAFT, m, where);
        if (existing != null) {
            return update(m, Map.of("id", existing.id), (Map<String, Object>) upsert.get("update"));
        }
        return create(m, (Map<String, Object>) upsert.get("create"));
    }

    /** Deletes the entry from every stage and unlinks it from two-way relations; returns the removed DRAFT version. */
    Document delete(ModelInfo m, Map<String, Object> where) {
        Document d = rt.findUnique(DRAFT, m, where);
        if (d == null) {
            d = rt.requireUnique(EnvironmentStore.PUBLISHED, m, where, "delete" + m.apiId());
        }
        if (m.isAsset()) {
            rt.assets.deleteFiles(d.id);
        }
        for (String stage : EnvironmentStore.STAGES) {
            if (rt.store.get(stage, m.apiId(), d.id) != null) {
                relations.unlinkAll(stage, m, d.id);
                rt.store.remove(stage, m.apiId(), d.id);
            }
        }
        return d;
    }

    /** Sets scalar values from an input map; localized fields go to {@code locale}. */
    void applyScalars(ModelInfo m, Document d, Map<String, Object> data, String locale) {
        for (Map.Entry<String, Object> e : data.entrySet()) {
            FieldInfo f = m.field(e.getKey());
            if (f == null || !f.isValue() || f.readOnly()) {
                continue;
            }
            Object value = StructuredValues.input(m, f, e.getValue());
            checkValue(m, f, value);
            if (f.localized()) {
                d.localized.computeIfAbsent(locale, k -> new LinkedHashMap<>()).put(f.apiId(), value);
            } else {
                d.values.put(f.apiId(), value);
            }
        }
    }

    private void checkValue(ModelInfo m, FieldInfo f, Object value) {
        if (value == null) {
            if (f.required()) {
                throw new ContentException("Field '" + f.apiId() + "' of " + m.apiId() + " is required and cannot be null");
            }
            return;
        }
        for (Object item : value instanceof List<?> l ? l : List.of(value)) {
            if (item instanceof Number n && (f.min() != null && n.doubleValue() < f.min() || f.max() != null && n.doubleValue() > f.max())) {
                throw new ContentException("Value " + n + " of field '" + f.apiId() + "' of " + m.apiId() + " is out of range "
                        + (f.min() == null ? "" : f.min()) + ".." + (f.max() == null ? "" : f.max()));
            }
        }
    }

    /** Required fields present (in every locale of the entry) and unique fields free in DRAFT. */
    void validate(ModelInfo m, Document d) {
        for (FieldInfo f : m.fields()) {
            if (f.required() && f.isValue() && !f.readOnly()) {
                if (!f.localized() && d.values.get(f.apiId()) == null) {
                    throw new ContentException("Field '" + f.apiId() + "' of " + m.apiId() + " is required but missing");
                }
                if (f.localized()) {
                    d.localized.forEach((locale, values) -> {
                        if (values.get(f.apiId()) == null) {
                            throw new ContentException("Field '" + f.apiId() + "' of " + m.apiId() + " is required but missing in locale " + locale);
                        }
                    });
                }
            }
            if (f.unique() && d.values.get(f.apiId()) != null) {
                String other = rt.store.findUnique(DRAFT, m.apiId(), f.apiId(), d.values.get(f.apiId()));
                if (other != null && !other.equals(d.id)) {
                    throw new ContentException("Value " + ContentRuntime.describe(Map.of(f.apiId(), d.values.get(f.apiId())))
                            + " of unique field '" + f.apiId() + "' of " + m.apiId() + " is already used by entry " + other + " in stage DRAFT");
                }
            }
        }
    }
}
