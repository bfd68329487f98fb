package io.stagesync.sync.schema;

import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelSchema;
import io.stagesync.dialect.StageSchema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks that two stages' schemas are compatible and plans the sync: which models, which side of each two-way
 * relation is written, and the model order that lets relations be connected in the same write as their entry.
 */
public final class SyncPlanner {

    private final String sourceIdField;
    private final Map<String, String> matchFields;

    /**
     * @param sourceIdField unique field name that stores the source id in the target ({@code syncSourceId}), or blank
     * @param matchFields   the unique business key per model ({@code stagesync.match.<Model>})
     */
    public SyncPlanner(String sourceIdField, Map<String, String> matchFields) {
        this.sourceIdField = sourceIdField == null || sourceIdField.isBlank() ? null : sourceIdField.trim();
        this.matchFields = Map.copyOf(matchFields);
    }

    public SyncPlan plan(StageSchema source, StageSchema target, List<String> requested) {
        List<String> problems = new ArrayList<>();
        // Asset is the asset phase's model: --models Asset,Hotel selects that phase and the Hotel entries
        List<String> names = requested.isEmpty() ? new ArrayList<>(new TreeSet<>(source.models().keySet()))
                : requested.stream().filter(m -> !"Asset".equals(m)).toList();
        for (String name : names) {
            if (!source.models().containsKey(name)) {
                problems.add("model " + name + " does not exist in source stage '" + source.stage() + "' (models: "
                        + new TreeSet<>(source.models().keySet()) + ")");
            }
        }
        source.locales().stream().filter(l -> !target.locales().contains(l))
                .forEach(l -> problems.add("locale " + l + " is missing in the target"));
        matchFields.forEach((model, field) -> {
            if (names.contains(model) && target.models().containsKey(model) && !target.models().get(model).uniqueFields().contains(field)) {
                problems.add("stagesync.match." + model + "=" + field + " is not a unique field of " + model + " in the target");
            }
        });
        Set<String> selected = new LinkedHashSet<>(names);
        Map<String, ModelPlan> plans = new LinkedHashMap<>();
        for (String name : names) {
            ModelSchema sm = source.models().get(name);
            ModelSchema tm = target.models().get(name);
            if (sm == null) {
                continue;
            }
            if (tm == null) {
                problems.add("model " + name + " is missing in the target");
                continue;
            }
            for (FieldSchema f : sm.fields()) {
                FieldSchema t = tm.field(f.name()).orElse(null);
                if (t == null) {
                    problems.add(name + "." + f.name() + " is missing in the target");
                } else if (!t.copySignature().equals(f.copySignature())) {
                    problems.add(name + "." + f.name() + " is " + f.signature() + " in the source but " + t.signature() + " in the target");
                } else if (f.kind() == FieldSchema.Kind.ENUM) {
                    Set<String> missing = new TreeSet<>(source.enums().getOrDefault(f.typeName(), Set.of()));
                    missing.removeAll(target.enums().getOrDefault(f.typeName(), Set.of()));
                    if (!missing.isEmpty()) {
                        problems.add("enum " + f.typeName() + " (" + name + "." + f.name() + ") lacks " + missing + " in the target");
                    }
                }
            }
            plans.put(name, plan(sm, tm, selected, source, target.ownToOneLinks()));
        }
        source.components().forEach((component, fields) -> {
            List<FieldSchema> theirs = target.components().get(component);
            if (theirs == null) {
                problems.add("component " + component + " is missing in the target");
                return;
            }
            for (FieldSchema f : fields) {
                FieldSchema t = theirs.stream().filter(x -> x.name().equals(f.name())).findFirst().orElse(null);
                if (t == null) {
                    problems.add("component " + component + "." + f.name() + " is missing in the target");
                } else if (!t.signature().equals(f.signature())) {
                    problems.add("component " + component + "." + f.name() + " is " + f.signature() + " in the source but "
                            + t.signature() + " in the target");
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new SchemaIncompatibleException(source.stage(), target.stage(), problems);
        }
        List<String> warnings = new ArrayList<>(source.skippedFields());
        return new SyncPlan(order(plans), source.locales(), warnings);
    }

    private ModelPlan plan(ModelSchema sm, ModelSchema tm, Set<String> selected, StageSchema source, boolean ownToOneLinks) {
        List<FieldSchema> written = new ArrayList<>();
        List<String> reverse = new ArrayList<>();
        for (FieldSchema f : sm.fields()) {
            if (f.kind() == FieldSchema.Kind.RELATION && !(ownToOneLinks && !f.list()) && isReverseSide(sm, f, selected, source)) {
                reverse.add(f.name());
            } else {
                written.add(f);
            }
        }
        String idField = sourceIdField != null && tm.uniqueFields().contains(sourceIdField)
                && sm.field(sourceIdField).filter(f -> f.kind() == FieldSchema.Kind.SCALAR && "String".equals(f.typeName())).isPresent()
                ? sourceIdField : null;
        return new ModelPlan(sm, tm, written, reverse, idField, matchFields.get(sm.name()));
    }

    /**
     * A relation A.f -> B with exactly one field B.g -> A back is taken as the two sides of one two-way
     * relation. Only one side is written: the to-many side (its order is then reproduced exactly), or for
     * two sides of the same arity the side of the model whose name sorts first. A target whose to-one links are
     * fields of their own ({@link StageSchema#ownToOneLinks()}) gets every to-one field written.
     */
    private static boolean isReverseSide(ModelSchema a, FieldSchema f, Set<String> selected, StageSchema source) {
        String b = f.typeName();
        if (b.equals(a.name()) || !selected.contains(b)) {
            return false;
        }
        List<FieldSchema> ab = a.fields().stream().filter(x -> x.kind() == FieldSchema.Kind.RELATION && x.typeName().equals(b)).toList();
        List<FieldSchema> ba = source.models().get(b).fields().stream()
                .filter(x -> x.kind() == FieldSchema.Kind.RELATION && x.typeName().equals(a.name())).toList();
        if (ab.size() != 1 || ba.size() != 1) {
            return false;
        }
        FieldSchema other = ba.get(0);
        if (f.list() != other.list()) {
            return !f.list();
        }
        return a.name().compareTo(b) > 0;
    }

    private static Stream<String> unionMembers(ModelPlan p) {
        return p.values().stream().filter(f -> f.kind() == FieldSchema.Kind.UNION).flatMap(f -> f.members().stream());
    }

    /**
     * Kahn's order over written relations and union members; a cycle is broken by name, preferring a model whose union
     * members are synced (a link waits for the relations phase cheaply, a reference inside a value costs a re-read).
     */
    private static List<ModelPlan> order(Map<String, ModelPlan> plans) {
        List<ModelPlan> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (ordered.size() < plans.size()) {
            ModelPlan next = plans.values().stream().filter(p -> !done.contains(p.name()))
                    .filter(p -> Stream.concat(p.links().stream().map(FieldSchema::typeName), unionMembers(p))
                            .allMatch(t -> done.contains(t) || t.equals(p.name()) || !plans.containsKey(t)))
                    .findFirst()
                    .orElseGet(() -> plans.values().stream().filter(p -> !done.contains(p.name())).sorted(
                            (x, y) -> x.name().compareTo(y.name())).sorted((x, y) -> Boolean.compare(
                            !unionMembers(x).allMatch(t -> done.contains(t) || t.equals(x.name()) || !plans.containsKey(t)),
                            !unionMembers(y).allMatch(t -> done.contains(t) || t.equals(y.name()) || !plans.containsKey(t))))
                            .findFirst().orElseThrow());
            ordered.add(next);
            done.add(next.name());
        }
        return ordered;
    }
}
