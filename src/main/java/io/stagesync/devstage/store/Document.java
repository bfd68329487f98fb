package io.stagesync.devstage.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry (or asset) in one stage: system fields, non-localized values and relation links in {@code values},
 * localized values per locale in {@code localized}. Readers never see a document change: writers copy, edit, put.
 */
public final class Document {
    public String id;
    public String model;
    public String createdAt;
    public String updatedAt;
    public String publishedAt;
    /** Non-localized field values; relation fields hold an ordered {@code List<String>} of target ids. */
    public Map<String, Object> values = new LinkedHashMap<>();
    /** locale → localized field values; the default locale is always present. */
    public Map<String, Map<String, Object>> localized = new LinkedHashMap<>();

    public Document() {
    }

    public Document(String id, String model, String createdAt) {
        this.id = id;
        this.model = model;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** A copy whose maps and link lists can be edited without touching this one. */
    public Document copy() {
        Document d = new Document(id, model, createdAt);
        d.updatedAt = updatedAt;
        d.publishedAt = publishedAt;
        values.forEach((k, v) -> d.values.put(k, v instanceof List<?> l ? new ArrayList<>(l) : v));
        localized.forEach((k, v) -> d.localized.put(k, new LinkedHashMap<>(v)));
        return d;
    }

    /** The ordered link ids of a relation field (a new, editable list). */
    @SuppressWarnings("unchecked")
    public List<String> links(String field) {
        Object v = values.get(field);
        return v instanceof List<?> l ? new ArrayList<>((List<String>) l) : new ArrayList<>();
    }

    public void setLinks(String field, List<String> ids) {
        values.put(field, new ArrayList<>(ids));
    }
}
