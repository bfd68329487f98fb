package io.stagesync.devstage.graphql;

import graphql.schema.DataFetcher;
import io.stagesync.devstage.model.ContentSchema;
import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.FieldType;
import io.stagesync.devstage.model.ModelInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rich-text fields' own output types, as Hygraph generates them: {@code <Owner><Field>RichText} with
 * {@code references}, the entries and assets the AST embeds or links to ({@code nodeId}/{@code nodeType}), in the
 * stage and locales of the document read, typed by the union {@code <Owner><Field>RichTextEmbeddedTypes} of every model.
 */
final class RichTextReferences {
    /** The key of a rendered rich-text value that carries the view it was read in (not a GraphQL field). */
    static final String VIEW = "$view";

    private RichTextReferences() {
    }

    /** The output type of a rich-text field. */
    static String typeName(FieldInfo f) {
        return f.owner() + Character.toUpperCase(f.apiId().charAt(0)) + f.apiId().substring(1) + "RichText";
    }

    /** The rich-text fields of models and components. */
    static List<FieldInfo> fields(ContentSchema schema) {
        List<FieldInfo> fields = new ArrayList<>();
        for (List<ModelInfo> types : List.of(schema.models(), schema.components())) {
            types.forEach(t -> t.fields().stream().filter(f -> f.type() == FieldType.RICHTEXT).forEach(fields::add));
        }
        return fields;
    }

    static void sdl(ContentSchema schema, StringBuilder out) {
        String members = String.join(" | ", schema.models().stream().map(ModelInfo::apiId).toList());
        for (FieldInfo f : fields(schema)) {
            String t = typeName(f);
            out.append("union ").append(t).append("EmbeddedTypes = ").append(members).append('\n');
            out.append("type ").append(t).append(" { raw: RichTextAST! json: RichTextAST! html: String! markdown: String! text: String! ")
                    .append("references(skip: Int, first: Int): [").append(t).append("EmbeddedTypes!]! }\n");
        }
    }

    /** A rendered rich-text value (or list of them) with the view it was read in, for {@link #fetcher}. */
    @SuppressWarnings("unchecked")
    static Object withView(Object rendered, EntryView view) {
        if (rendered instanceof List<?> l) {
            return l.stream().map(v -> withView(v, view)).toList();
        }
        if (rendered instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) m);
            out.put(VIEW, view);
            return out;
        }
        return rendered;
    }

    /** {@code references}: each embedded or linked document once, in AST order, that exists in the view's stage. */
    static DataFetcher<Object> fetcher(ContentRuntime rt) {
        return env -> {
            Map<String, Object> value = env.getSource();
            EntryView view = (EntryView) value.get(VIEW);
            Set<List<String>> nodes = new LinkedHashSet<>();
            collect(value.get("raw"), nodes);
            List<Object> found = new ArrayList<>();
            for (List<String> node : nodes) {
                if (view != null && rt.schema.hasModel(node.get(0))) {
                    EntryView v = rt.view(rt.store.get(view.stage(), node.get(0), node.get(1)), view.stage(), view.locales());
                    if (v != null) {
                        found.add(v);
                    }
                }
            }
            Integer skip = env.getArgument("skip");
            Integer first = env.getArgument("first");
            int from = Math.min(found.size(), skip == null ? 0 : Math.max(0, skip));
            int to = first == null ? found.size() : Math.min(found.size(), from + Math.max(0, first));
            return new ArrayList<>(found.subList(from, to));
        };
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object ast, Set<List<String>> nodes) {
        if (ast instanceof Map<?, ?> m) {
            Map<String, Object> node = (Map<String, Object>) m;
            if (node.get("nodeId") instanceof String id && node.get("nodeType") instanceof String type) {
                nodes.add(List.of(type, id));
            }
            node.values().forEach(v -> collect(v, nodes));
        } else if (ast instanceof List<?> l) {
            l.forEach(v -> collect(v, nodes));
        }
    }
}
