package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;
import io.stagesync.devstage.store.EnvironmentStore;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Copies DRAFT versions to PUBLISHED (base, requested locales, relations) and drops published copies. */
final class Publisher {
    private static final String PUBLISHED = EnvironmentStore.PUBLISHED;
    private final ContentRuntime rt;
    private final RelationEditor relations;

    Publisher(ContentRuntime rt, RelationEditor relations) {
        this.rt = rt;
        this.relations = relations;
    }

    static void checkStages(List<String> stages, String argument) {
        if (stages == null || stages.isEmpty()) {
            throw new ContentException("Argument '" + argument + "' must name at least one stage");
        }
        if (stages.contains(EnvironmentStore.DRAFT)) {
            throw new ContentException("Argument '" + argument + "' cannot name DRAFT: every write goes to DRAFT, publish copies it to PUBLISHED");
        }
    }

    /** Publishes the DRAFT version; returns the PUBLISHED version. */
    Document publish(ModelInfo m, Document draft, List<String> locales, boolean publishBase, boolean withDefaultLocale) {
        Document old = rt.store.get(PUBLISHED, m.apiId(), draft.id);
        Document p = old == null ? new Document(draft.id, m.apiId(), draft.createdAt) : old.copy();
        boolean base = publishBase || old == null;
        if (base) {
            for (FieldInfo f : m.fields()) {
                boolean twoWay = f.isRelation() && f.reverse() != null;
                if (!twoWay && !f.localized()) {
                    Object v = draft.values.get(f.apiId());
                    if (v == null) {
                        p.values.remove(f.apiId());
                    } else {
                        p.values.put(f.apiId(), v instanceof List<?> l ? new java.util.ArrayList<>(l) : v);
                    }
                }
            }
        }
        Set<String> wanted = new LinkedHashSet<>();
        if (withDefaultLocale || old == null && (locales == null || locales.isEmpty())) {
            wanted.add(rt.schema.defaultLocale());
        }
        if (locales != null) {
            wanted.addAll(locales);
        }
        for (String l : wanted) {
            Map<String, Object> values = draft.localized.get(l);
            if (values == null) {
                p.localized.remove(l);
            } else {
                p.localized.put(l, new java.util.LinkedHashMap<>(values));
            }
        }
        p.createdAt = draft.createdAt;
        p.updatedAt = draft.updatedAt;
        p.publishedAt = ContentScalars.now();
        for (FieldInfo f : m.fields()) {
            Object value = f.unique() ? p.values.get(f.apiId()) : null;
            String other = value == null ? null : rt.store.findUnique(PUBLISHED, m.apiId(), f.apiId(), value);
            if (other != null && !other.equals(p.id)) {
                throw new ContentException("Cannot publish " + m.apiId() + " " + p.id + ": value "
                        + ContentRuntime.describe(Map.of(f.apiId(), value)) + " of unique field '" + f.apiId()
                        + "' is already used by entry " + other + " in stage PUBLISHED");
            }
        }
        rt.store.put(PUBLISHED, p);
        if (base) {
            for (FieldInfo f : m.fields()) {
                if (f.isRelation() && f.reverse() != null) {
                    relations.setLinks(PUBLISHED, m, draft.id, f, draft.links(f.apiId()));
                }
            }
        }
        return rt.store.get(PUBLISHED, m.apiId(), draft.id);
    }

    /** Removes the published copy (or only some of its locales); no-op when it is not published. */
    void unpublish(ModelInfo m, String id, List<String> locales) {
        Document p = rt.store.get(PUBLISHED, m.apiId(), id);
        if (p == null) {
            return;
        }
        if (locales == null || locales.isEmpty() || locales.contains(rt.schema.defaultLocale()) || !m.hasLocalizedFields()) {
            relations.unlinkAll(PUBLISHED, m, id);
            rt.store.remove(PUBLISHED, m.apiId(), id);
            return;
        }
        Document copy = p.copy();
        locales.forEach(copy.localized::remove);
        rt.store.put(PUBLISHED, copy);
    }
}
