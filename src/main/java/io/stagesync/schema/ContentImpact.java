package io.stagesync.schema;

import io.stagesync.dialect.ContentState;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.ModelSchema;
import io.stagesync.dialect.PageRequest;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.SourcePage;
import io.stagesync.dialect.StageSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts the target's entries a schema change concerns through the target's dialect: the model's entry count, and
 * for a field the entries holding a value, read once per field with only that field selected (draft content).
 */
final class ContentImpact implements SchemaDiffer.Impact {
    private static final int PAGE = 100;

    private final Dialect dialect;
    private final StageSchema schema;
    private final Map<String, List<SourceEntry>> entries = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();

    ContentImpact(Dialect dialect, StageSchema schema) {
        this.dialect = dialect;
        this.schema = schema;
    }

    @Override
    public long entries(String model) {
        if (schema.components().containsKey(model)) {
            return holding(model);
        }
        ModelSchema m = schema.models().get(model);
        return m == null ? 0 : counts.computeIfAbsent(model, name -> dialect.count(plan(m, List.of()), schema.locales()));
    }

    /**
     * For a field of a component: the entries holding that component in a field of their own (an upper bound of the
     * values concerned; nested instances are not counted apart). For a model's field: the entries with a value.
     */
    @Override
    public long withValue(String model, String field) {
        if (schema.components().containsKey(model)) {
            return holding(model);
        }
        return read(model, field).stream().filter(e -> has(e, field)).count();
    }

    /** The entries that hold a component directly (in a component or modular field of their model). */
    private long holding(String component) {
        long total = 0;
        for (ModelSchema m : schema.models().values()) {
            for (FieldSchema f : m.fields()) {
                if (f.kind() == FieldSchema.Kind.COMPONENT && f.members().contains(component)) {
                    total += withValue(m.name(), f.name());
                }
            }
        }
        return total;
    }

    @Override
    public long withoutValue(String model, String field) {
        if (schema.components().containsKey(model)) {
            return holding(model);
        }
        return read(model, field).stream().filter(e -> !has(e, field)).count();
    }

    private static ModelPlan plan(ModelSchema m, List<FieldSchema> fields) {
        return new ModelPlan(m, m, fields, List.of(), null, null);
    }

    private static boolean has(SourceEntry e, String field) {
        if (e.links() != null && e.links().containsKey(field)) {
            return !e.links().get(field).isEmpty();
        }
        Object v = e.values() == null ? null : e.values().get(field);
        if (v != null) {
            return true;
        }
        return e.localizations() != null && e.localizations().values().stream().map(l -> l.get(field)).anyMatch(Objects::nonNull);
    }

    private List<SourceEntry> read(String model, String field) {
        return entries.computeIfAbsent(model + "." + field, key -> {
            ModelSchema m = schema.models().get(model);
            if (m == null || m.field(field).isEmpty()) {
                return List.of();
            }
            ModelPlan plan = plan(m, List.of(m.field(field).get()));
            List<SourceEntry> all = new ArrayList<>();
            String cursor = null;
            SourcePage page;
            do {
                page = dialect.readPage(plan, schema.locales(), new PageRequest(cursor, null, PAGE, ContentState.DRAFT));
                all.addAll(page.entries());
                cursor = page.endCursor();
            } while (page.hasNext() && cursor != null);
            return all;
        });
    }
}
