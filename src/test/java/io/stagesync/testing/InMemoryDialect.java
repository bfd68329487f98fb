package io.stagesync.testing;

import io.stagesync.dialect.BatchOutcome;
import io.stagesync.dialect.ContentState;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.LookupKey;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.PageRequest;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.SourcePage;
import io.stagesync.dialect.StageSchema;
import io.stagesync.dialect.TargetMatches;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stage held in memory behind the dialect seam, for unit tests of the engine without a server: entries by model,
 * cursor pages by position, writes that assign ids {@code t1, t2, …}, and refusals set up by the test.
 */
public final class InMemoryDialect implements Dialect {

    private final String stage;
    private final StageSchema schema;
    private final Map<String, Map<String, SourceEntry>> entries = new HashMap<>();
    private final Set<String> published = new HashSet<>();
    private final Set<String> refusedItems = new HashSet<>();
    private final List<List<EntryWrite>> batches = new ArrayList<>();
    private int nextId = 1;
    private boolean refuseBatchesWith;

    public InMemoryDialect(String stage, StageSchema schema) {
        this.stage = stage;
        this.schema = schema;
    }

    /** Adds an entry as the stage holds it. */
    public InMemoryDialect with(String model, SourceEntry entry) {
        entries.computeIfAbsent(model, m -> new LinkedHashMap<>()).put(entry.id(), entry);
        return this;
    }

    /** Writes of this source entry fail with a per-item error. */
    public InMemoryDialect refuseItem(String sourceId) {
        refusedItems.add(sourceId);
        return this;
    }

    /** A batch holding a refused item is refused as a whole (as a stage does for an input it cannot validate). */
    public InMemoryDialect refuseWholeBatches() {
        refuseBatchesWith = true;
        return this;
    }

    /** The batches written so far, as sent. */
    public List<List<EntryWrite>> batches() {
        return batches;
    }

    public Map<String, SourceEntry> entries(String model) {
        return entries.getOrDefault(model, Map.of());
    }

    @Override
    public String stage() {
        return stage;
    }

    @Override
    public void probe() {
        // always reachable, no token
    }

    @Override
    public StageSchema describe() {
        return schema;
    }

    @Override
    public SourcePage readPage(ModelPlan plan, List<String> locales, PageRequest request) {
        List<SourceEntry> all = new ArrayList<>(entries(plan.name()).values());
        if (request.state() == ContentState.PUBLISHED) {
            all.removeIf(e -> e.publishedAt() == null);
        }
        if (request.watermark() != null) {
            all.removeIf(e -> e.updatedAt() == null || e.updatedAt().compareTo(request.watermark()) <= 0);
        }
        int from = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
        int to = Math.min(all.size(), from + request.first());
        String latest = all.stream().map(SourceEntry::updatedAt).filter(u -> u != null).max(String::compareTo).orElse(null);
        return new SourcePage(List.copyOf(all.subList(from, to)), Integer.toString(to), to < all.size(), all.size(), latest,
                all.stream().filter(e -> e.publishedAt() != null).count(), -1, List.of());
    }

    @Override
    public List<SourceEntry> readByIds(ModelPlan plan, List<String> locales, List<String> ids) {
        return ids.stream().map(entries(plan.name())::get).filter(e -> e != null).toList();
    }

    @Override
    public int maxIdsPerCall() {
        return 100;
    }

    @Override
    public long count(ModelPlan plan, List<String> locales) {
        return entries(plan.name()).size();
    }

    @Override
    public TargetMatches lookup(ModelPlan plan, List<String> locales, List<LookupKey> keys) {
        Set<String> same = new HashSet<>();
        Map<String, String> bySourceId = new HashMap<>();
        Map<String, String> byMatch = new HashMap<>();
        for (SourceEntry e : entries(plan.name()).values()) {
            keys.forEach(k -> {
                if (e.id().equals(k.sourceId())) {
                    same.add(e.id());
                }
                if (plan.sourceIdField() != null && k.storedSourceId() != null && k.storedSourceId().equals(e.values().get(plan.sourceIdField()))) {
                    bySourceId.put(k.storedSourceId(), e.id());
                }
                if (plan.matchField() != null && k.matchValue() != null && k.matchValue().equals(String.valueOf(e.values().get(plan.matchField())))) {
                    byMatch.put(k.matchValue(), e.id());
                }
            });
        }
        return new TargetMatches(same, bySourceId, byMatch);
    }

    @Override
    public BatchOutcome write(ModelPlan plan, List<EntryWrite> writes, Resend resend) {
        batches.add(List.copyOf(writes));
        if (refuseBatchesWith && writes.stream().anyMatch(w -> refusedItems.contains(w.sourceId()))) {
            return BatchOutcome.refused("input refused");
        }
        List<BatchOutcome.Item> items = new ArrayList<>();
        for (EntryWrite w : writes) {
            if (refusedItems.contains(w.sourceId())) {
                items.add(new BatchOutcome.Item(w, null, "value refused for " + w.sourceId()));
                continue;
            }
            String id = w.create() ? "t" + nextId++ : w.targetId();
            Map<String, Object> values = new LinkedHashMap<>(w.values());
            Map<String, List<String>> links = new LinkedHashMap<>(w.links());
            SourceEntry old = entries(plan.name()).get(id);
            if (old != null && !w.create()) {
                Map<String, Object> merged = new LinkedHashMap<>(old.values());
                merged.putAll(values);
                values = merged;
            }
            with(plan.name(), new SourceEntry(id, null, null, values, Map.of(), links, null));
            items.add(new BatchOutcome.Item(w, id, null));
        }
        return new BatchOutcome(null, items);
    }

    @Override
    public Optional<String> publish(ModelPlan plan, List<String> targetIds, boolean publish, List<String> locales) {
        if (publish) {
            published.addAll(targetIds);
        } else {
            targetIds.forEach(published::remove);
        }
        return Optional.empty();
    }

    public Set<String> published() {
        return published;
    }
}
