package io.stagesync.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.dialect.BatchOutcome;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.state.MigrationRecords;
import io.stagesync.sync.EntryHasher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ends a migrate page: in a dry run it only lists the diffs; else it saves the before-images of the changed entries
 * (PENDING), writes them back in batches, publishes again what was published (per locale; a draft that differed from
 * the published version is written on top afterwards), and records per entry and version what was applied.
 */
public final class MigrationWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MigrationRecords records;
    private final EntryHasher hasher = new EntryHasher();

    public MigrationWriter(MigrationRecords records) {
        this.records = records;
    }

    public void write(MigrateRun run, List<MigrationWork> works) {
        Map<String, List<MigrationRecords.Applied>> unchanged = new LinkedHashMap<>();
        List<MigrationWork> changed = new ArrayList<>();
        for (MigrationWork w : works) {
            switch (w.outcome()) {
                case DONE -> run.notModified.add(w.id());
                case FAILED -> run.fail(w.id(), w.reason());
                case NOT_MODIFIED -> {
                    run.notModified.add(w.id());
                    unchanged.put(w.id(), applied(w, false));
                }
                case LANDED -> {
                    run.updated.add(w.id());
                    unchanged.put(w.id(), applied(w, true));
                }
                case CHANGED -> changed.add(w);
            }
        }
        if (run.dryRun()) {
            changed.forEach(w -> {
                run.updated.add(w.id());
                run.diffs.add(Map.of("id", w.id(), "changes", diff(run.plan(), w)));
            });
            return;
        }
        records.recordApplied(run.runId(), run.stage(), run.model(), unchanged);
        report(run, unchanged);
        for (int from = 0; from < changed.size(); from += run.batchSize()) {
            writeBatch(run, changed.subList(from, Math.min(changed.size(), from + run.batchSize())));
        }
    }

    /** Writes before-images back (a rollback); returns the ids restored, failures go to {@code failed}. */
    public List<String> restore(MigrateRun run, List<SourceEntry> current, Map<String, Image> images,
                                Map<String, String> failed) {
        List<String> restored = new ArrayList<>();
        List<Version> versions = new ArrayList<>();
        for (SourceEntry now : current) {
            Image image = images.get(now.id());
            SourceEntry draft = EntryJson.fromJson(run.plan(), now, image.draft());
            SourceEntry published = image.published() == null ? null : EntryJson.fromJson(run.plan(), now, image.published());
            versions.add(published == null ? new Version(now.id(), now, draft, null, image.publishedLocales())
                    : new Version(now.id(), now, published, draft, image.publishedLocales()));
        }
        for (int from = 0; from < versions.size(); from += run.batchSize()) {
            List<Version> batch = versions.subList(from, Math.min(versions.size(), from + run.batchSize()));
            Map<String, String> errors = send(run, batch);
            failed.putAll(errors);
            batch.stream().map(Version::id).filter(id -> !errors.containsKey(id)).forEach(restored::add);
        }
        return restored;
    }

    /** A before-image as stored: the draft's JSON, the published version's (null when it was the same or none) and the published locales. */
    public record Image(Map<String, Object> draft, Map<String, Object> published, List<String> publishedLocales) {
    }

    /** One entry to write: its current state, the version to write (and publish) first, and the draft on top (or null). */
    private record Version(String id, SourceEntry current, SourceEntry first, SourceEntry draftOnTop, List<String> publishedLocales) {
    }

    private void writeBatch(MigrateRun run, List<MigrationWork> batch) {
        List<MigrationRecords.Entry> pending = new ArrayList<>();
        List<Version> versions = new ArrayList<>();
        for (MigrationWork w : batch) {
            pending.add(new MigrationRecords.Entry(w.id(), "PENDING", labels(w), image(run, w.before()), w.beforeHash(), w.afterHash(), null));
            boolean differs = hasher.draftDiffers(w.before());
            List<String> locales = publishedLocales(run, w.before());
            versions.add(differs ? new Version(w.id(), w.before(), w.after().published(), w.after(), locales)
                    : new Version(w.id(), w.before(), w.after(), null, locales));
        }
        // the before-images are safe before anything is sent: a kill after the write still leaves them to roll back
        records.savePending(run.runId(), run.stage(), run.model(), pending);
        Map<String, String> errors = send(run, versions);
        Map<String, List<MigrationRecords.Applied>> done = new LinkedHashMap<>();
        for (MigrationWork w : batch) {
            String error = errors.get(w.id());
            if (error == null) {
                done.put(w.id(), applied(w, true));
                run.updated.add(w.id());
            } else {
                records.markFailed(run.runId(), w.id(), error);
                run.fail(w.id(), error);
            }
        }
        records.recordApplied(run.runId(), run.stage(), run.model(), done);
        report(run, done);
        run.progress().progress("migrate:" + run.model(), run.done(), run.total());
    }

    /** Writes each version first, publishes those that were published (per locale set), then the drafts on top. */
    private Map<String, String> send(MigrateRun run, List<Version> versions) {
        Map<String, String> errors = new LinkedHashMap<>();
        ModelPlan plan = run.plan();
        Dialect dialect = run.dialect();
        write(dialect, plan, versions.stream().map(v -> update(plan, v.current(), v.first())).toList(), errors);
        Map<List<String>, List<String>> byLocales = new LinkedHashMap<>();
        versions.stream().filter(v -> !v.publishedLocales().isEmpty() && !errors.containsKey(v.id()))
                .forEach(v -> byLocales.computeIfAbsent(v.publishedLocales(), l -> new ArrayList<>()).add(v.id()));
        byLocales.forEach((locales, ids) -> {
            for (int from = 0; from < ids.size(); from += dialect.maxIdsPerCall()) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + dialect.maxIdsPerCall()));
                Optional<String> refused = dialect.publish(plan, chunk, true, locales);
                refused.ifPresent(r -> chunk.forEach(id -> errors.put(id, "written but not published again: " + r)));
            }
        });
        List<EntryWrite> drafts = versions.stream().filter(v -> v.draftOnTop() != null && !errors.containsKey(v.id()))
                .map(v -> update(plan, v.first(), v.draftOnTop())).toList();
        write(dialect, plan, drafts, errors);
        return errors;
    }

    private static void write(Dialect dialect, ModelPlan plan, List<EntryWrite> writes, Map<String, String> errors) {
        if (writes.isEmpty()) {
            return;
        }
        BatchOutcome outcome = dialect.write(plan, writes, Dialect.Resend.AS_IS);
        if (outcome.refused() != null) {
            if (writes.size() == 1) {
                errors.put(writes.get(0).sourceId(), "the stage refused the write: " + outcome.refused());
                return;
            }
            int half = writes.size() / 2;
            write(dialect, plan, writes.subList(0, half), errors);
            write(dialect, plan, writes.subList(half, writes.size()), errors);
            return;
        }
        for (BatchOutcome.Item item : outcome.items()) {
            if (!item.ok()) {
                errors.put(item.write().sourceId(), "the stage refused the write: " + item.error());
            }
        }
    }

    /** An update of the entry to {@code target}: every value field, and the link fields that differ from {@code current}. */
    static EntryWrite update(ModelPlan plan, SourceEntry current, SourceEntry target) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSchema f : plan.values()) {
            values.put(f.name(), target.values().get(f.name()));
        }
        Map<String, List<String>> links = new LinkedHashMap<>();
        for (FieldSchema f : plan.links()) {
            List<String> ids = target.links().getOrDefault(f.name(), List.of());
            if (!ids.equals(current.links().getOrDefault(f.name(), List.of()))) {
                links.put(f.name(), ids);
            }
        }
        return new EntryWrite(false, plan.name(), target.id(), target.id(), null, values, links, target, Map.of(), null);
    }

    /** The locales of the entry's published version (the default one first), empty when it is not published. */
    static List<String> publishedLocales(MigrateRun run, SourceEntry e) {
        if (e.published() == null && e.publishedAt() == null) {
            return List.of();
        }
        LinkedHashSet<String> locales = new LinkedHashSet<>();
        locales.add(run.locales().isEmpty() ? "en" : run.locales().get(0));
        SourceEntry published = e.published() == null ? e : e.published();
        run.locales().stream().filter(published.localizations()::containsKey).forEach(locales::add);
        return List.copyOf(locales);
    }

    /** What the run's report lists per entry: the versions recorded and whether they changed it. */
    private static void report(MigrateRun run, Map<String, List<MigrationRecords.Applied>> recorded) {
        recorded.forEach((id, versions) -> run.applied.add(Map.of("id", id,
                "versions", versions.stream().map(MigrationRecords.Applied::version).toList(),
                "changed", !versions.isEmpty() && versions.get(0).changed())));
    }

    private static List<MigrationRecords.Applied> applied(MigrationWork w, boolean changed) {
        return w.steps().stream().map(s -> new MigrationRecords.Applied(s.version().toString(), s.label(), s.hash(), changed)).toList();
    }

    private static String labels(MigrationWork w) {
        return String.join(",", w.steps().stream().map(s -> s.version().toString()).toList());
    }

    private String image(MigrateRun run, SourceEntry before) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("draft", EntryJson.toJson(run.plan(), before));
        image.put("published", hasher.draftDiffers(before) ? EntryJson.toJson(run.plan(), before.published()) : null);
        image.put("publishedLocales", publishedLocales(run, before));
        try {
            return JSON.writeValueAsString(image);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot keep the before-image of entry " + before.id(), e);
        }
    }

    /** Reads a stored before-image. */
    @SuppressWarnings("unchecked")
    public static Image readImage(String json) {
        try {
            Map<String, Object> map = JSON.readValue(json, Map.class);
            return new Image((Map<String, Object>) map.get("draft"), (Map<String, Object>) map.get("published"),
                    (List<String>) map.getOrDefault("publishedLocales", List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored before-image is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<Map<String, Object>> diff(ModelPlan plan, MigrationWork w) {
        List<Map<String, Object>> changes = new ArrayList<>(JsonDiff.diff(EntryJson.toJson(plan, w.before()), EntryJson.toJson(plan, w.after())));
        if (w.before().published() != null && w.after().published() != null && w.before().published() != w.after().published()) {
            JsonDiff.diff(EntryJson.toJson(plan, w.before().published()), EntryJson.toJson(plan, w.after().published()))
                    .forEach(c -> {
                        Map<String, Object> p = new LinkedHashMap<>(c);
                        p.put("path", "published." + c.get("path"));
                        changes.add(p);
                    });
        }
        return changes;
    }
}
