package io.stagesync.devstage.store;

import io.stagesync.devstage.model.ContentSchema;
import io.stagesync.devstage.model.FieldInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The content of one environment: documents per stage and model in id order, unique-field indexes and a
 * write-through transaction that applies edits in memory, writes them to the database, and undoes them on failure.
 */
public final class EnvironmentStore {
    public static final String DRAFT = "DRAFT";
    public static final String PUBLISHED = "PUBLISHED";
    public static final List<String> STAGES = List.of(DRAFT, PUBLISHED);

    private final String name;
    private final ContentSchema schema;
    private final DocumentRepository repository;
    private final IdGenerator ids = new IdGenerator();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, Map<String, ConcurrentSkipListMap<String, Document>>> stages = new HashMap<>();
    private final Map<String, Map<Object, String>> unique = new ConcurrentHashMap<>();
    private final Map<String, String> modelOfId = new ConcurrentHashMap<>();
    private Map<String, Document> undo;
    private List<Runnable> afterCommit;
    private final Map<String, List<FieldInfo>> uniqueFields = new HashMap<>();

    public EnvironmentStore(String name, ContentSchema schema, DocumentRepository repository) {
        this.name = name;
        this.schema = schema;
        this.repository = repository;
        schema.models().forEach(m -> uniqueFields.put(m.apiId(), m.fields().stream().filter(FieldInfo::unique).toList()));
        for (String stage : STAGES) {
            Map<String, ConcurrentSkipListMap<String, Document>> byModel = new HashMap<>();
            schema.models().forEach(m -> byModel.put(m.apiId(), new ConcurrentSkipListMap<>()));
            stages.put(stage, byModel);
        }
        repository.load(name, (stage, doc) -> {
            if (stages.containsKey(stage) && schema.hasModel(doc.model)) {
                localizeAssetFile(doc);
                index(stage, doc);
                ids.advancePast(doc.id);
            }
        });
    }

    /** An asset stored before assets were localized keeps its file fields in the default locale. */
    private void localizeAssetFile(Document doc) {
        if (ContentSchema.ASSET.equals(doc.model) && doc.values.containsKey("fileName")) {
            Map<String, Object> file = doc.localized.computeIfAbsent(schema.defaultLocale(), k -> new LinkedHashMap<>());
            for (String f : List.of("handle", "fileName", "mimeType", "size", "width", "height", "upload")) {
                if (doc.values.containsKey(f)) {
                    file.put(f, doc.values.remove(f));
                }
            }
        }
    }

    public String name() {
        return name;
    }

    public ContentSchema schema() {
        return schema;
    }

    public String newId() {
        return ids.next();
    }

    public Document get(String stage, String model, String id) {
        return id == null ? null : stages.get(stage).get(model).get(id);
    }

    /** The documents of a model in a stage, in id (creation) order. */
    public NavigableMap<String, Document> all(String stage, String model) {
        return stages.get(stage).get(model);
    }

    /** The model of an id in any stage, or null. */
    public String modelOf(String id) {
        return id == null ? null : modelOfId.get(id);
    }

    public boolean isEmpty() {
        return modelOfId.isEmpty();
    }

    /** The id of the document whose unique field has this value in the stage, or null. */
    public String findUnique(String stage, String model, String field, Object value) {
        Map<Object, String> index = unique.get(key(stage, model, field));
        return index == null || value == null ? null : index.get(normal(value));
    }

    /** Stores a document version in a stage (inside {@link #transaction}). */
    public void put(String stage, Document doc) {
        remember(stage, doc.model, doc.id);
        unindex(stage, get(stage, doc.model, doc.id));
        index(stage, doc);
    }

    /** Removes a document from a stage (inside {@link #transaction}). */
    public void remove(String stage, String model, String id) {
        Document old = get(stage, model, id);
        if (old == null) {
            return;
        }
        remember(stage, model, id);
        unindex(stage, old);
        stages.get(stage).get(model).remove(id);
        if (STAGES.stream().noneMatch(s -> stages.get(s).get(model).containsKey(id))) {
            modelOfId.remove(id);
        }
    }

    /**
     * Runs a write: all edits are written to the database in one transaction before this returns;
     * if the work or the write fails, the in-memory state is restored. Writes of one environment are serialised.
     */
    public <T> T transaction(Supplier<T> work) {
        writeLock.lock();
        boolean outer = undo == null;
        try {
            if (!outer) {
                return work.get();
            }
            undo = new LinkedHashMap<>();
            afterCommit = new ArrayList<>();
            List<Runnable> actions = afterCommit;
            try {
                T result = work.get();
                List<DocumentRepository.Change> changes = new ArrayList<>();
                for (String k : undo.keySet()) {
                    String[] p = k.split("\u0000");
                    changes.add(new DocumentRepository.Change(p[0], p[1], p[2], get(p[0], p[1], p[2])));
                }
                repository.write(name, changes);
                undo = null;
                actions.forEach(Runnable::run);
                return result;
            } catch (RuntimeException | Error e) {
                if (undo != null) {
                    rollback();
                }
                throw e;
            } finally {
                undo = null;
                afterCommit = null;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs an action once the current transaction has been written (file work, background fetches). */
    public void afterCommit(Runnable action) {
        if (afterCommit == null) {
            throw new IllegalStateException("afterCommit needs a running transaction");
        }
        afterCommit.add(action);
    }

    /** True while the current thread is inside a write. */
    public boolean inTransaction() {
        return writeLock.isHeldByCurrentThread();
    }

    private void remember(String stage, String model, String id) {
        if (undo == null) {
            throw new IllegalStateException("Writes to environment " + name + " must run inside a transaction");
        }
        String k = stage + "\u0000" + model + "\u0000" + id;
        if (!undo.containsKey(k)) {
            undo.put(k, get(stage, model, id));
        }
    }

    private void rollback() {
        undo.forEach((k, original) -> {
            String[] p = k.split("\u0000");
            Document current = get(p[0], p[1], p[2]);
            unindex(p[0], current);
            if (current != null) {
                stages.get(p[0]).get(p[1]).remove(p[2]);
            }
            if (original != null) {
                index(p[0], original);
            } else if (STAGES.stream().noneMatch(s -> stages.get(s).get(p[1]).containsKey(p[2]))) {
                modelOfId.remove(p[2]);
            }
        });
    }

    private void index(String stage, Document doc) {
        stages.get(stage).get(doc.model).put(doc.id, doc);
        modelOfId.put(doc.id, doc.model);
        for (FieldInfo f : uniqueFields(doc.model)) {
            Object v = doc.values.get(f.apiId());
            if (v != null) {
                unique.computeIfAbsent(key(stage, doc.model, f.apiId()), k -> new ConcurrentHashMap<>()).put(normal(v), doc.id);
            }
        }
    }

    private void unindex(String stage, Document doc) {
        if (doc == null) {
            return;
        }
        for (FieldInfo f : uniqueFields(doc.model)) {
            Object v = doc.values.get(f.apiId());
            Map<Object, String> index = unique.get(key(stage, doc.model, f.apiId()));
            if (v != null && index != null) {
                index.remove(normal(v), doc.id);
            }
        }
    }

    private Collection<FieldInfo> uniqueFields(String model) {
        return uniqueFields.get(model);
    }

    private static String key(String stage, String model, String field) {
        return stage + "/" + model + "/" + field;
    }

    private static Object normal(Object v) {
        return v instanceof Number n ? n.toString() : v;
    }
}
