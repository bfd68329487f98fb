package io.stagesync.devstage.graphql;

import graphql.schema.DataFetcher;
import io.stagesync.devstage.model.ModelInfo;
import io.stagesync.devstage.store.Document;
import io.stagesync.devstage.store.EnvironmentStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Scheduled publishing of one environment: releases ({@code createScheduledRelease}, or an implicit one per
 * {@code releaseAt}) holding scheduled publish and unpublish operations ({@code schedulePublish<Model>},
 * {@code scheduleUnpublish<Model>}), read through {@code scheduledReleases} and {@code scheduledOperations}.
 * Releases and operations are objects with Hygraph's field names, kept in memory; they stay {@code PENDING}
 * (devstage does not run them at their time).
 */
final class ScheduleService {
    static final String PENDING = "PENDING";
    private final ContentRuntime rt;
    private final Map<String, Map<String, Object>> releases = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> operations = new LinkedHashMap<>();

    ScheduleService(ContentRuntime rt) {
        this.rt = rt;
    }

    DataFetcher<Object> createRelease() {
        return env -> {
            Map<String, Object> data = env.getArgument("data");
            synchronized (this) {
                Map<String, Object> r = release(data, false);
                return new LinkedHashMap<>(r);
            }
        };
    }

    DataFetcher<Object> updateRelease() {
        return env -> {
            synchronized (this) {
                Map<String, Object> r = requireRelease(env.getArgument("where"));
                Map<String, Object> data = env.getArgument("data");
                for (String f : List.of("title", "description", "releaseAt", "isActive", "errorMessage")) {
                    if (data.containsKey(f)) {
                        r.put(f, "releaseAt".equals(f) && data.get(f) != null ? ContentScalars.dateTime((String) data.get(f)) : data.get(f));
                    }
                }
                r.put("updatedAt", ContentScalars.now());
                return new LinkedHashMap<>(r);
            }
        };
    }

    DataFetcher<Object> deleteRelease() {
        return env -> {
            synchronized (this) {
                Map<String, Object> r = requireRelease(env.getArgument("where"));
                releases.remove((String) r.get("id"));
                operations.values().removeIf(o -> r.get("id").equals(o.get("releaseId")));
                return r;
            }
        };
    }

    /** {@code schedulePublish<Model>} ({@code publish}) or {@code scheduleUnpublish<Model>}: one pending operation. */
    DataFetcher<Object> schedule(ModelInfo m, boolean publish) {
        String name = (publish ? "schedulePublish" : "scheduleUnpublish") + m.apiId();
        return env -> {
            String releaseAt = env.getArgument("releaseAt");
            String releaseId = env.getArgument("releaseId");
            if ((releaseAt == null) == (releaseId == null)) {
                throw new ContentException(name + " needs exactly one of 'releaseAt' (a time) or 'releaseId' (a scheduled release)");
            }
            Document d = rt.requireUnique(EnvironmentStore.DRAFT, m, env.getArgument("where"), name);
            synchronized (this) {
                Map<String, Object> release;
                if (releaseId != null) {
                    release = requireRelease(Map.of("id", releaseId));
                    if (!PENDING.equals(release.get("status"))) {
                        throw new ContentException(name + ": release " + releaseId + " is " + release.get("status") + ", not PENDING");
                    }
                } else {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("releaseAt", releaseAt);
                    release = release(data, true);
                }
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("operation", publish ? "publish" : "unpublish");
                payload.put("model", m.apiId());
                payload.put("where", Map.of("id", d.id));
                env.getArguments().forEach((k, v) -> {
                    if (List.of("to", "from", "locales", "publishBase", "withDefaultLocale", "unpublishBase").contains(k)) {
                        payload.put(k, v);
                    }
                });
                String now = ContentScalars.now();
                Map<String, Object> op = new LinkedHashMap<>();
                op.put("id", rt.store.newId());
                op.put("createdAt", now);
                op.put("updatedAt", now);
                op.put("description", null);
                op.put("errorMessage", null);
                op.put("status", PENDING);
                op.put("rawPayload", payload);
                op.put("releaseId", release.get("id"));
                op.put("model", m.apiId());
                op.put("documentId", d.id);
                operations.put((String) op.get("id"), op);
            }
            return rt.view(d, EnvironmentStore.DRAFT, List.of(rt.schema.defaultLocale()));
        };
    }

    DataFetcher<Object> releases(boolean single) {
        return env -> {
            synchronized (this) {
                List<Object> found = select(releases, env.getArgument("where"));
                return single ? found.stream().findFirst().orElse(null) : page(found, env);
            }
        };
    }

    DataFetcher<Object> operations(boolean single) {
        return env -> {
            synchronized (this) {
                List<Object> found = select(operations, env.getArgument("where"));
                return single ? found.stream().findFirst().orElse(null) : page(found, env);
            }
        };
    }

    /** {@code ScheduledRelease.operations(where, ...)}. */
    DataFetcher<Object> operationsOf() {
        return env -> {
            Map<String, Object> release = env.getSource();
            synchronized (this) {
                List<Object> found = select(operations, env.getArgument("where"));
                found.removeIf(o -> !release.get("id").equals(((Map<?, ?>) o).get("releaseId")));
                return page(found, env);
            }
        };
    }

    /** {@code ScheduledOperation.release}. */
    DataFetcher<Object> releaseOf() {
        return env -> {
            synchronized (this) {
                Map<String, Object> r = releases.get((String) ((Map<?, ?>) env.getSource()).get("releaseId"));
                return r == null ? null : new LinkedHashMap<>(r);
            }
        };
    }

    /** {@code ScheduledOperation.affectedDocuments}: the document in DRAFT, left out when it is gone. */
    DataFetcher<Object> affectedDocuments() {
        return env -> {
            Map<?, ?> op = env.getSource();
            Document d = rt.store.get(EnvironmentStore.DRAFT, (String) op.get("model"), (String) op.get("documentId"));
            EntryView v = rt.view(d, EnvironmentStore.DRAFT, rt.schema.locales());
            return v == null ? List.of() : List.of(v);
        };
    }

    private Map<String, Object> release(Map<String, Object> data, boolean implicit) {
        String now = ContentScalars.now();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", rt.store.newId());
        r.put("createdAt", now);
        r.put("updatedAt", now);
        r.put("title", data.get("title"));
        r.put("description", data.get("description"));
        r.put("errorMessage", data.get("errorMessage"));
        r.put("isActive", data.get("isActive") == null || Boolean.TRUE.equals(data.get("isActive")));
        r.put("isImplicit", implicit);
        r.put("releaseAt", data.get("releaseAt") == null ? null : ContentScalars.dateTime((String) data.get("releaseAt")));
        r.put("status", PENDING);
        releases.put((String) r.get("id"), r);
        return r;
    }

    private Map<String, Object> requireRelease(Map<String, Object> where) {
        Map<String, Object> r = where == null ? null : releases.get((String) where.get("id"));
        if (r == null) {
            throw new ContentException("No ScheduledRelease matches " + ContentRuntime.describe(where == null ? Map.of() : where));
        }
        return r;
    }

    /** Copies of the objects matching a where input: {@code id}, {@code id_in}, {@code status}, {@code status_in}, {@code status_not}. */
    @SuppressWarnings("unchecked")
    private static List<Object> select(Map<String, Map<String, Object>> all, Map<String, Object> where) {
        Predicate<Map<String, Object>> match = o -> true;
        if (where != null) {
            for (Map.Entry<String, Object> e : where.entrySet()) {
                Object v = e.getValue();
                Predicate<Map<String, Object>> p = switch (e.getKey()) {
                    case "id", "status", "isActive" -> o -> v.equals(o.get(e.getKey()));
                    case "id_in", "status_in" -> o -> ((List<Object>) v).contains(o.get(e.getKey().replace("_in", "")));
                    case "status_not" -> o -> !v.equals(o.get("status"));
                    default -> throw new ContentException("Filter '" + e.getKey() + "' is not supported here");
                };
                match = v == null ? match : match.and(p);
            }
        }
        List<Object> found = new ArrayList<>();
        for (Map<String, Object> o : all.values()) {
            if (match.test(o)) {
                found.add(new LinkedHashMap<>(o));
            }
        }
        return found;
    }

    private List<Object> page(List<Object> items, graphql.schema.DataFetchingEnvironment env) {
        Integer skip = env.getArgument("skip");
        Integer first = env.getArgument("first");
        int max = rt.maxPageSize.getAsInt();
        if (first != null && first > max) {
            throw new ContentException("'first' is " + first + "; the largest page is " + max);
        }
        int from = Math.min(items.size(), skip == null ? 0 : Math.max(0, skip));
        int to = Math.min(items.size(), from + (first == null ? 10 : first));
        return new ArrayList<>(items.subList(from, to));
    }
}
