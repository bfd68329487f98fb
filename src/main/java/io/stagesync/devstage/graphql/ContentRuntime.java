package io.stagesync.devstage.graphql;

import io.stagesync.devstage.AssetFiles;
import io.stagesync.devstage.model.ContentSchema;
import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;
import io.stagesync.devstage.store.EnvironmentStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/** What the resolvers of one environment share: its store, schema, asset files and page-size limits. */
final class ContentRuntime {
    final EnvironmentStore store;
    final ContentSchema schema;
    final AssetFiles files;
    final IntSupplier maxPageSize;
    final AssetService assets;
    final ScheduleService schedules;

    ContentRuntime(EnvironmentStore store, AssetFiles files, IntSupplier maxPageSize) {
        this.store = store;
        this.schema = store.schema();
        this.files = files;
        this.maxPageSize = maxPageSize;
        this.assets = new AssetService(this);
        this.schedules = new ScheduleService(this);
    }

    String environment() {
        return store.name();
    }

    /** A model or a component. */
    ModelInfo model(String apiId) {
        return schema.type(apiId);
    }

    /** The view of a document for a locale fallback list, or null when it has none of the locales. */
    EntryView view(Document doc, String stage, List<String> locales) {
        if (doc == null) {
            return null;
        }
        if (!schema.type(doc.model).hasLocalizedFields()) {
            return new EntryView(doc, stage, locales.get(0), locales);
        }
        for (String l : locales) {
            if (doc.localized.containsKey(l)) {
                return new EntryView(doc, stage, l, locales);
            }
        }
        return null;
    }

    /** The document a unique where selects in a stage, or null; several selectors must agree. */
    Document findUnique(String stage, ModelInfo m, Map<String, Object> where) {
        if (where == null || where.isEmpty()) {
            throw new ContentException("A " + m.apiId() + "WhereUniqueInput needs at least one of id or a unique field");
        }
        String found = null;
        for (Map.Entry<String, Object> e : where.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String id = e.getKey().equals("id") ? (String) e.getValue()
                    : store.findUnique(stage, m.apiId(), e.getKey(), e.getValue());
            if (id == null || store.get(stage, m.apiId(), id) == null || found != null && !found.equals(id)) {
                return null;
            }
            found = id;
        }
        return found == null ? null : store.get(stage, m.apiId(), found);
    }

    /** Like {@link #findUnique} but failing with a message naming the model and selector. */
    Document requireUnique(String stage, ModelInfo m, Map<String, Object> where, String purpose) {
        Document d = findUnique(stage, m, where);
        if (d == null) {
            throw new ContentException(purpose + ": no " + m.apiId() + " matches " + describe(where) + " in stage " + stage);
        }
        return d;
    }

    /** All views of a model in a stage matching {@code where}, in the order asked for (id tie-break). */
    List<EntryView> select(String stage, ModelInfo m, Map<String, Object> where, String orderBy, List<String> locales) {
        WhereFilter filter = new WhereFilter(this, stage);
        List<EntryView> result = new ArrayList<>();
        for (Document d : store.all(stage, m.apiId()).values()) {
            EntryView v = view(d, stage, locales);
            if (v != null && (where == null || filter.matches(m, v, where))) {
                result.add(v);
            }
        }
        Comparator<EntryView> order = EntryOrder.comparator(m, orderBy);
        if (order != null) {
            result.sort(order);
        }
        return result;
    }

    /** Views of the linked entries of a relation field that exist in the view's stage, in link order. */
    List<EntryView> linked(EntryView parent, FieldInfo f, List<String> locales) {
        List<EntryView> result = new ArrayList<>();
        for (String id : parent.doc().links(f.apiId())) {
            String model = f.target() != null ? f.target() : store.modelOf(id);
            EntryView v = model == null ? null : view(store.get(parent.stage(), model, id), parent.stage(), locales);
            if (v != null) {
                result.add(v);
            }
        }
        return result;
    }

    static String describe(Map<String, Object> where) {
        StringBuilder sb = new StringBuilder("{");
        where.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ")
                .append(v instanceof String ? "\"" + v + "\"" : v));
        return sb.append('}').toString();
    }
}
