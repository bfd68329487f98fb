package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies the {@code localizations} create/update/upsert/delete inputs to a document being written. */
final class LocalizationEditor {
    private final ContentRuntime rt;
    private final EntryWriter writer;

    LocalizationEditor(ContentRuntime rt, EntryWriter writer) {
        this.rt = rt;
        this.writer = writer;
    }

    @SuppressWarnings("unchecked")
    void create(ModelInfo m, Document d, Object input) {
        if (input instanceof Map<?, ?> map && map.get("create") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> item = (Map<String, Object>) o;
                add(m, d, (String) item.get("locale"), (Map<String, Object>) item.get("data"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    void update(ModelInfo m, Document d, Object input) {
        if (!(input instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        create(m, d, map);
        for (Map<String, Object> item : list(map.get("update"))) {
            String locale = (String) item.get("locale");
            if (!d.localized.containsKey(locale)) {
                throw new ContentException("Localization " + locale + " of " + m.apiId() + " " + d.id + " does not exist; create or upsert it");
            }
            edit(m, d, (Map<String, Object>) item.get("data"), locale);
        }
        for (Map<String, Object> item : list(map.get("upsert"))) {
            String locale = (String) item.get("locale");
            if (d.localized.containsKey(locale)) {
                edit(m, d, (Map<String, Object>) item.get("update"), locale);
            } else {
                add(m, d, locale, (Map<String, Object>) item.get("create"));
            }
        }
        for (Object locale : map.get("delete") instanceof List<?> l ? l : List.of()) {
            if (rt.schema.defaultLocale().equals(locale)) {
                throw new ContentException("The default locale " + locale + " of " + m.apiId() + " cannot be deleted");
            }
            if (d.localized.remove((String) locale) != null && m.isAsset()) {
                rt.assets.deleteFileUnlessPublished(d.id, (String) locale);
            }
        }
        // an upsert or update of the default locale is allowed and edits the top-level values
    }

    private void add(ModelInfo m, Document d, String locale, Map<String, Object> data) {
        if (d.localized.containsKey(locale)) {
            throw new ContentException("Localization " + locale + " of " + m.apiId() + " " + d.id + " already exists"
                    + (locale.equals(rt.schema.defaultLocale()) ? " (the default locale is set by the top-level fields)" : ""));
        }
        d.localized.put(locale, new LinkedHashMap<>());
        if (m.isAsset()) {
            rt.assets.initialise(d, locale, data);
        }
        writer.applyScalars(m, d, data, locale);
    }

    /** Edits one existing locale: its values, and for an asset its file name and upload. */
    private void edit(ModelInfo m, Document d, Map<String, Object> data, String locale) {
        if (m.isAsset()) {
            rt.assets.update(d, locale, data);
        }
        writer.applyScalars(m, d, data, locale);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
