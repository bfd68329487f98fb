package io.stagesync.devstage.graphql;

import graphql.schema.DataFetcher;
import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;

import java.util.List;
import java.util.Map;

/** The query fields: {@code node}, {@code <model>}, {@code <models>} and {@code <models>Connection}. */
final class QueryFetchers {
    private final ContentRuntime runtime;

    QueryFetchers(ContentRuntime runtime) {
        this.runtime = runtime;
    }

    DataFetcher<Object> node() {
        return env -> {
            String id = env.getArgument("id");
            String model = runtime.store.modelOf(id);
            if (model == null) {
                return null;
            }
            String stage = RequestArgs.stage(env);
            Document d = runtime.store.get(stage, model, id);
            return runtime.view(d, stage, RequestArgs.locales(env, runtime));
        };
    }

    /**
     * {@code entities(where: [{ id, typename, stage, locale }])}: each entry (or component, found inside the entries
     * of that stage) in the order asked for; ones that do not exist are left out.
     */
    @SuppressWarnings("unchecked")
    DataFetcher<Object> entities() {
        return env -> {
            List<EntryView> result = new java.util.ArrayList<>();
            List<String> requested = RequestArgs.locales(env, runtime);
            for (Object o : (List<Object>) env.getArgument("where")) {
                Map<String, Object> w = (Map<String, Object>) o;
                String stage = (String) w.get("stage");
                String typename = (String) w.get("typename");
                List<String> locales = w.get("locale") != null ? List.of((String) w.get("locale")) : requested;
                ModelInfo type = runtime.model(typename);
                if (type.isComponent()) {
                    Document c = findComponent(stage, (String) w.get("id"));
                    if (c != null && c.model.equals(typename)) {
                        result.add(new EntryView(c, stage, locales.get(0), locales));
                    }
                    continue;
                }
                EntryView v = runtime.view(runtime.store.get(stage, typename, (String) w.get("id")), stage, locales);
                if (v != null) {
                    result.add(v);
                }
            }
            return result;
        };
    }

    private Document findComponent(String stage, String id) {
        for (ModelInfo m : runtime.schema.models()) {
            for (Document d : runtime.store.all(stage, m.apiId()).values()) {
                Document found = findComponent(m, d, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private Document findComponent(ModelInfo m, Document d, String id) {
        for (var f : m.fields()) {
            if (f.type() != io.stagesync.devstage.model.FieldType.COMPONENT) {
                continue;
            }
            for (Object stored : ComponentEditor.items(d.values.get(f.apiId()))) {
                Document c = ComponentEditor.document(stored);
                Document found = c.id.equals(id) ? c : findComponent(runtime.model(c.model), c, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    DataFetcher<Object> single(ModelInfo m) {
        return env -> {
            String stage = RequestArgs.stage(env);
            Map<String, Object> where = env.getArgument("where");
            return runtime.view(runtime.findUnique(stage, m, where), stage, RequestArgs.locales(env, runtime));
        };
    }

    DataFetcher<Object> list(ModelInfo m) {
        return env -> page(m, env).items();
    }

    DataFetcher<Object> connection(ModelInfo m) {
        return env -> Pager.connection(page(m, env));
    }

    private Pager.Page page(ModelInfo m, graphql.schema.DataFetchingEnvironment env) {
        String stage = RequestArgs.stage(env);
        List<String> locales = RequestArgs.locales(env, runtime);
        String orderBy = env.getArgument("orderBy");
        List<EntryView> all = runtime.select(stage, m, env.getArgument("where"), orderBy, locales);
        return Pager.page(all, env, runtime.maxPageSize.getAsInt(), orderBy == null || orderBy.equals("id_ASC"));
    }
}
