package io.stagesync.devstage.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Resolves every field of a model type from an {@link EntryView}: system fields, values, relations, asset fields. */
final class EntryFieldFetcher implements DataFetcher<Object> {
    private static final Set<String> ASSET_FILE_FIELDS = Set.of("upload", "size", "mimeType", "url", "width", "height");
    private final ContentRuntime runtime;

    EntryFieldFetcher(ContentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Object get(DataFetchingEnvironment env) {
        EntryView v = env.getSource();
        String name = env.getField().getName();
        ModelInfo m = runtime.model(v.doc().model);
        if (m.isAsset() && ASSET_FILE_FIELDS.contains(name)) {
            v = runtime.assets.refresh(v);
        }
        Document d = v.doc();
        switch (name) {
            case "id":
                return d.id;
            case "createdAt":
                return d.createdAt;
            case "updatedAt":
                return d.updatedAt;
            case "publishedAt":
                return "PUBLISHED".equals(v.stage()) ? d.publishedAt : null;
            case "stage":
                return v.stage();
            case "locale":
                return v.locale();
            case "localizations":
                return localizations(env, v, m);
            case "documentInStages":
                return documentInStages(env, v);
            case "url":
                return runtime.files.url(runtime.environment(), runtime.assets.fileKey(d.id, v.locale()), (String) v.value("fileName", true));
            case "upload":
                return v.value("upload", true);
            default:
                break;
        }
        FieldInfo f = m.field(name);
        if (f == null) {
            return null;
        }
        if (f.isValue()) {
            Object out = StructuredValues.output(f.type(), v.value(name, f.localized()));
            return f.type() == io.stagesync.devstage.model.FieldType.RICHTEXT ? RichTextReferences.withView(out, v) : out;
        }
        if (f.type() == io.stagesync.devstage.model.FieldType.COMPONENT) {
            List<EntryView> items = new ArrayList<>();
            for (Object c : ComponentEditor.items(d.values.get(name))) {
                items.add(new EntryView(ComponentEditor.document(c), v.stage(), v.locale(), v.locales()));
            }
            if (!f.list()) {
                return items.isEmpty() ? null : items.get(0);
            }
            return Pager.page(items, env, runtime.maxPageSize.getAsInt(), false).items();
        }
        List<String> locales = RequestArgs.given(env, "locales") && env.getArgument("locales") != null
                ? env.getArgument("locales") : v.locales();
        List<EntryView> linked = runtime.linked(v, f, locales);
        if (!f.list()) {
            return linked.isEmpty() ? null : linked.get(0);
        }
        if (f.target() == null) {
            return Pager.page(linked, env, runtime.maxPageSize.getAsInt(), false).items();
        }
        Map<String, Object> where = env.getArgument("where");
        String orderBy = env.getArgument("orderBy");
        ModelInfo target = runtime.model(f.target());
        if (where != null) {
            WhereFilter filter = new WhereFilter(runtime, v.stage());
            linked.removeIf(x -> !filter.matches(target, x, where));
        }
        var order = EntryOrder.comparator(target, orderBy);
        if (orderBy != null) {
            linked.sort(order == null ? java.util.Comparator.comparing(x -> x.doc().id) : order);
        }
        return Pager.page(linked, env, runtime.maxPageSize.getAsInt(), false).items();
    }

    private List<EntryView> localizations(DataFetchingEnvironment env, EntryView v, ModelInfo m) {
        boolean includeCurrent = Boolean.TRUE.equals(env.getArgument("includeCurrent"));
        List<String> wanted = RequestArgs.given(env, "locales") ? env.getArgument("locales") : runtime.schema.locales();
        List<EntryView> result = new ArrayList<>();
        for (String l : runtime.schema.locales()) {
            if (!wanted.contains(l) || l.equals(v.locale()) && !includeCurrent) {
                continue;
            }
            if (v.doc().localized.containsKey(l) || !m.hasLocalizedFields() && l.equals(v.locale())) {
                result.add(new EntryView(v.doc(), v.stage(), l, List.of(l)));
            }
        }
        return result;
    }

    private List<EntryView> documentInStages(DataFetchingEnvironment env, EntryView v) {
        List<String> stages = env.getArgument("stages");
        boolean includeCurrent = Boolean.TRUE.equals(env.getArgument("includeCurrent"));
        boolean inheritLocale = Boolean.TRUE.equals(env.getArgument("inheritLocale"));
        List<String> locales = inheritLocale ? List.of(v.locale()) : List.of(runtime.schema.defaultLocale());
        List<EntryView> result = new ArrayList<>();
        for (String s : stages) {
            if (s.equals(v.stage()) && !includeCurrent) {
                continue;
            }
            EntryView other = runtime.view(runtime.store.get(s, v.doc().model, v.doc().id), s, locales);
            if (other != null) {
                result.add(other);
            }
        }
        return result;
    }
}
