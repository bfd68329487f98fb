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
