package io.stagesync.devstage.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;
import io.stagesync.devstage.store.EnvironmentStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The mutation fields of a model; each runs as one write-through transaction, so aliases succeed or fail alone. */
final class MutationFetchers {
    private static final String DRAFT = EnvironmentStore.DRAFT;
    private final ContentRuntime rt;
    private final EntryWriter writer;
    private final Publisher publisher;

    MutationFetchers(ContentRuntime rt) {
        this.rt = rt;
        this.writer = new EntryWriter(rt);
        this.publisher = new Publisher(rt, writer.relations());
    }

    DataFetcher<Object> create(ModelInfo m) {
        return env -> draftView(env, rt.store.transaction(() -> writer.create(m, env.getArgument("data"))));
    }

    DataFetcher<Object> update(ModelInfo m) {
        return env -> draftView(env, rt.store.transaction(() -> writer.update(m, env.getArgument("where"), env.getArgument("data"))));
    }

    DataFetcher<Object> upsert(ModelInfo m) {
        return env -> draftView(env, rt.store.transaction(() -> writer.upsert(m, env.getArgument("where"), env.getArgument("upsert"))));
    }

    DataFetcher<Object> delete(ModelInfo m) {
        return env -> draftView(env, rt.store.transaction(() -> writer.delete(m, env.getArgument("where"))));
    }

    DataFetcher<Object> publish(ModelInfo m) {
        return env -> {
            Publisher.checkStages(env.getArgument("to"), "to");
            Document p = rt.store.transaction(() -> {
                Document draft = rt.requireUnique(DRAFT, m, env.getArgument("where"), "publish" + m.apiId());
                return publishOne(m, env, draft);
            });
            return view(env, p, EnvironmentStore.PUBLISHED);
        };
    }

    DataFetcher<Object> unpublish(ModelInfo m) {
        return env -> {
            Publisher.checkStages(env.getArgument("from"), "from");
            Document d = rt.store.transaction(() -> {
                Document draft = rt.findUnique(DRAFT, m, env.getArgument("where"));
                Document target = draft != null ? draft
                        : rt.requireUnique(EnvironmentStore.PUBLISHED, m, env.getArgument("where"), "unpublish" + m.apiId());
                publisher.unpublish(m, target.id, env.getArgument("locales"));
                return draft;
            });
            return draftView(env, d);
        };
    }

    /** updateMany/deleteMany/publishMany/unpublishMany: {@code connection} selects the paged or the deprecated form. */
    DataFetcher<Object> many(ModelInfo m, String kind, boolean connection) {
        return env -> {
            String stage = switch (kind) {
                case "publish" -> env.getArgument("from") instanceof String s ? s : DRAFT;
                case "unpublish" -> env.getArgument("stage") instanceof String s ? s : DRAFT;
                default -> DRAFT;
            };
            if (kind.equals("publish")) {
                Publisher.checkStages(env.getArgument("to"), "to");
            }
            if (kind.equals("unpublish")) {
                Publisher.checkStages(env.getArgument("from"), "from");
            }
            List<EntryView> selected = rt.select(stage, m, env.getArgument("where"), null, List.of(rt.schema.defaultLocale()));
            Pager.Page page = connection ? Pager.page(selected, env, rt.maxPageSize.getAsInt(), true)
                    : new Pager.Page(selected, false, false, selected.size());
            String resultStage = kind.equals("publish") ? EnvironmentStore.PUBLISHED : DRAFT;
            Function<Document, Document> action = switch (kind) {
                case "publish" -> d -> publishOne(m, env, rt.store.get(DRAFT, m.apiId(), d.id));
                case "unpublish" -> d -> {
                    publisher.unpublish(m, d.id, env.getArgument("locales"));
                    return rt.store.get(DRAFT, m.apiId(), d.id);
                };
                case "delete" -> d -> writer.delete(m, Map.of("id", d.id));
                default -> d -> updateMany(m, d, env.getArgument("data"));
            };
            List<EntryView> results = rt.store.transaction(() -> {
                List<EntryView> out = new ArrayList<>();
                for (EntryView v : page.items()) {
                    Document draft = rt.store.get(DRAFT, m.apiId(), v.doc().id);
                    if (kind.equals("publish") && draft == null) {
                        continue;
                    }
                    Document result = action.apply(v.doc());
                    EntryView rv = result == null ? null : view(env, result, resultStage);
                    if (rv != null) {
                        out.add(rv);
                    }
                }
                return out;
            });
            if (!connection) {
                return Map.of("count", (long) results.size());
            }
            return Pager.connection(new Pager.Page(results, page.hasNext(), page.hasPrevious(), results.size()));
        };
    }

    private Document publishOne(ModelInfo m, DataFetchingEnvironment env, Document draft) {
        Boolean base = env.getArgument("publishBase");
        Boolean withDefault = env.getArgument("withDefaultLocale");
        return publisher.publish(m, draft, env.getArgument("locales"), base == null || base, withDefault == null || withDefault);
    }

    @SuppressWarnings("unchecked")
    private Document updateMany(ModelInfo m, Document d, Map<String, Object> data) {
        Document c = rt.store.get(DRAFT, m.apiId(), d.id).copy();
        c.updatedAt = ContentScalars.now();
        if (m.isAsset() && data.get("fileName") != null) {
            c.localized.get(rt.schema.defaultLocale()).put("fileName", data.get("fileName"));
        }
        writer.applyScalars(m, c, data, rt.schema.defaultLocale());
        if (data.get("localizations") instanceof Map<?, ?> loc && loc.get("update") instanceof List<?> items) {
            for (Object o : items) {
                Map<String, Object> item = (Map<String, Object>) o;
                String locale = (String) item.get("locale");
                if (c.localized.containsKey(locale)) {
                    writer.applyScalars(m, c, (Map<String, Object>) item.get("data"), locale);
                }
            }
        }
        writer.validate(m, c);
        rt.store.put(DRAFT, c);
        return c;
    }

    private EntryView draftView(DataFetchingEnvironment env, Document d) {
        return view(env, d, DRAFT);
    }

    private EntryView view(DataFetchingEnvironment env, Document d, String stage) {
        if (d == null) {
            return null;
        }
        List<String> locales = new ArrayList<>(RequestArgs.headerOrDefault(env, rt));
        if (!locales.contains(rt.schema.defaultLocale())) {
            locales.add(rt.schema.defaultLocale());
        }
        EntryView v = rt.view(d, stage, locales);
        if (v == null && !d.localized.isEmpty()) {
            String any = d.localized.keySet().iterator().next();
            v = new EntryView(d, stage, any, List.of(any));
        }
        return v;
    }
}
