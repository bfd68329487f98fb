package io.stagesync.schema;

import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.SchemaEdit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The changes that bring a target stage's schema to its source's, as a merge: with a base (both schemas as they
 * were after the last sync or apply of the pair) what changed only in the target is kept, what changed on both
 * sides differently is a conflict, and a field deleted and created again is told from an unchanged one by its id.
 * Without a base every target-only element is a deletion that is held back. Deletions wait for allowDeletes, a
 * field that becomes required on entries without a value waits for a migration value, and rename candidates (one
 * field gone, one new, same type and settings) are offered and applied as renames when asked.
 */
public final class SchemaDiffer {

    /** What the user allows and adds: deletions, renames ({@code Model.old} → {@code new}), migration values ({@code Model.field}). */
    public record Options(boolean allowDeletes, Map<String, String> renames, Map<String, String> migrationValues) {
        public static final Options NONE = new Options(false, Map.of(), Map.of());
    }

    /** The ordered changes, the rename candidates ({@code Model.old=new}) and notes for the user. */
    public record Result(List<SchemaChange> changes, List<String> renameCandidates, List<String> warnings) {
    }

    /** Counts of target entries, for the content impact of each change. */
    public interface Impact {
        long entries(String model);

        long withValue(String model, String field);

        long withoutValue(String model, String field);
    }

    /** Dependency order: what a change needs is made before it (a component before the fields that hold it), and removed after. */
    private static final List<String> ORDER = List.of("add-locale", "add-stage", "add-enum", "add-enum-values", "add-model",
            "add-component", "add-remote-source", "add-field", "add-link", "rename-field", "change-field", "change-remote-source",
            "change-stage", "add-setting", "change-setting", "remove-field", "remove-component", "remove-model", "remove-enum-values", "remove-enum",
            "remove-remote-source", "remove-stage", "remove-setting", "remove-locale");

    /** The settings of a field change whose parent is a component (see {@link SchemaEdit#settings()}). */
    public static final Map<String, Object> COMPONENT_PARENT = Map.of("parent", "component");

    private final SchemaSnapshot source;
    private final SchemaSnapshot target;
    private final SchemaSnapshot baseSource;
    private final SchemaSnapshot baseTarget;
    private final Options options;
    private final Impact impact;
    private final List<SchemaChange> changes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private SchemaDiffer(SchemaSnapshot source, SchemaSnapshot target, SchemaSnapshot baseSource, SchemaSnapshot baseTarget,
                         Options options, Impact impact) {
        this.source = source;
        this.target = target;
        this.baseSource = baseSource;
        this.baseTarget = baseTarget;
        this.options = options;
        this.impact = impact;
    }

    /**
     * @param base the pair's base ({@code [source, target]} as stored after the last sync or apply), or null
     * @throws IllegalArgumentException for a rename or migration value that names no such change (one clear line)
     */
    public static Result diff(SchemaSnapshot source, SchemaSnapshot target, SchemaSnapshot[] base, Options options, Impact impact) {
        SchemaDiffer differ = new SchemaDiffer(source, target, base == null ? null : base[0], base == null ? null : base[1],
                options, impact);
        return differ.compute();
    }

    private Result compute() {
        if (baseSource == null) {
            warnings.add("No base for this stage pair (none stored by a sync or apply yet): every element found only in the "
                    + "target is treated as a deletion and held back, since it may be work done in the target.");
        }
        for (String locale : union(source.locales(), target.locales(), baseLocales())) {
            element(locale, null, source.locales().contains(locale) ? "present" : null,
                    target.locales().contains(locale) ? "present" : null,
                    baseSource == null ? null : baseSource.locales().contains(locale) ? "present" : null,
                    baseTarget == null ? null : baseTarget.locales().contains(locale) ? "present" : null, "locale");
        }
        enums();
        parents(SchemaSnapshot::models, "model");
        parents(SchemaSnapshot::components, "component");
        settings(SchemaSnapshot::remoteSources, "remote source", "remote-source");
        settings(SchemaSnapshot::stages, "stage", "stage");
        if (source.settings().isEmpty() == target.settings().isEmpty()) {
            settings(SchemaSnapshot::settings, "setting", "setting");
        } else {
            warnings.add("Only one of the two stages has settings of its own (the other's CMS keeps none, or they could not "
                    + "be read): they are not compared, and apply changes none of them.");
        }
        List<String> candidates = renames();
        checkMigrationValues();
        changes.sort(Comparator.comparingInt(c -> ORDER.indexOf(sortKey(c))));
        return new Result(List.copyOf(changes), candidates, List.copyOf(warnings));
    }

    private Set<String> baseLocales() {
        Set<String> all = new LinkedHashSet<>();
        if (baseSource != null) {
            all.addAll(baseSource.locales());
            all.addAll(baseTarget.locales());
        }
        return all;
    }

    private static String sortKey(SchemaChange c) {
        String action = c.edit().action();
        return action.equals("add-field") && c.edit().definition() != null && c.edit().definition().isLink() ? "add-link" : action;
    }

    private void enums() {
        Set<String> names = union(source.enums().keySet(), target.enums().keySet(), baseKeys(SchemaSnapshot::enums));
        for (String name : names) {
            List<String> s = source.enums().get(name);
            List<String> t = target.enums().get(name);
            if (s != null && t != null) {
                Set<String> values = union(s, t, Set.of());
                for (String v : values) {
                    element(name, v, s.contains(v) ? "present" : null, t.contains(v) ? "present" : null,
                            baseValue(baseSource, name, v), baseValue(baseTarget, name, v), "enum-value");
                }
                continue;
            }
            element(name, null, s == null ? null : String.join(",", s), t == null ? null : String.join(",", t),
                    baseSource == null ? null : join(baseSource.enums().get(name)),
                    baseTarget == null ? null : join(baseTarget.enums().get(name)), "enum");
        }
    }

    private static String baseValue(SchemaSnapshot base, String name, String value) {
        if (base == null) {
            return null;
        }
        List<String> values = base.enums().get(name);
        return values != null && values.contains(value) ? "present" : null;
    }

    private static String join(List<String> values) {
        return values == null ? null : String.join(",", values);
    }

    /** Models or components ({@code kind}) with their fields. */
    private void parents(java.util.function.Function<SchemaSnapshot, Map<String, SchemaSnapshot.Model>> part, String kind) {
        Set<String> names = union(part.apply(source).keySet(), part.apply(target).keySet(), baseKeys(part));
        for (String name : names) {
            SchemaSnapshot.Model s = part.apply(source).get(name);
            SchemaSnapshot.Model t = part.apply(target).get(name);
            if (s == null || t == null) {
                String modelChange = element(name, null, s == null ? null : "present", t == null ? null : "present",
                        baseSource == null ? null : part.apply(baseSource).containsKey(name) ? "present" : null,
                        baseTarget == null ? null : part.apply(baseTarget).containsKey(name) ? "present" : null, kind);
                if (s != null && modelChange != null && modelChange.equals(SchemaChange.APPLY)) {
                    s.fields().forEach((field, f) -> addField(name, field, f, false));
                }
                continue;
            }
            Set<String> fields = union(s.fields().keySet(), t.fields().keySet(), Set.of());
            for (String field : fields) {
                fieldElement(name, field, s.fields().get(field), t.fields().get(field));
            }
        }
    }

    private void fieldElement(String model, String name, SchemaSnapshot.Field s, SchemaSnapshot.Field t) {
        SchemaSnapshot.Field bs = baseField(baseSource, model, name);
        SchemaSnapshot.Field bt = baseField(baseTarget, model, name);
        if (s != null && t != null && (withoutMembers(bs, s) || withoutMembers(bt, t))) {
            // a base stored before members were recorded cannot tell which side changed them: the source's are applied,
            // as without a base
            bs = null;
            bt = t;
        }
        boolean sameNow = s != null && t != null && s.signature().equals(t.signature());
        if (baseSource != null) {
            boolean sourceRecreated = recreated(s, bs);
            boolean targetRecreated = recreated(t, bt);
            if (targetRecreated) {
                warnings.add(model + "." + name + " was deleted and created again in the target since the base: its earlier "
                        + "values are gone there.");
            }
            if (sourceRecreated && sameNow && !targetRecreated) {
                SchemaEdit edit = edit("remove-field", model, name, null, s);
                changes.add(new SchemaChange(edit, impact.withValue(model, name), SchemaChange.HELD_BACK,
                        "deleted and created again in the source since the base; the target keeps its field and values"));
                return;
            }
        }
        if (sameNow || s == null && t == null) {
            return;
        }
        if (s != null && t != null && !s.sameType(t)) {
            // a change of type is a deletion and a creation, as in the stage itself
            String status = status(model + "." + name, sig(s), sig(t), sig(bs), sig(bt), true);
            if (status == null) {
                return;
            }
            addRemove(model, name, t, status, "the type changes from " + t.signature() + " to " + s.signature());
            if (clean(status).equals(SchemaChange.APPLY) || clean(status).equals(SchemaChange.HELD_BACK)) {
                addField(model, name, s, !options.allowDeletes() || !clean(status).equals(SchemaChange.APPLY));
            }
            return;
        }
        String status = status(model + "." + name, sig(s), sig(t), sig(bs), sig(bt), s == null);
        if (status == null) {
            return;
        }
        if (s == null) {
            addRemove(model, name, t, status, null);
        } else if (t == null) {
            if (status.equals(SchemaChange.APPLY)) {
                addField(model, name, s, false);
            } else {
                changes.add(new SchemaChange(edit("add-field", model, name, null, s), 0, clean(status), note(status)));
            }
        } else {
            SchemaEdit edit = edit("change-field", model, name, null, s);
            long lacking = s.required() && !t.required() ? impact.withoutValue(model, name) : 0;
            SchemaChange change = new SchemaChange(edit, lacking, clean(status), note(status));
            changes.add(status.equals(SchemaChange.APPLY) ? requireValue(change) : change);
        }
    }

    private void addField(String model, String name, SchemaSnapshot.Field f, boolean heldBack) {
        if (isReverseSide(source, model, name, f)) {
            return;
        }
        boolean modelExists = target.parent(model) != null;
        long lacking = f.required() && modelExists ? impact.entries(model) : 0;
        SchemaChange change = new SchemaChange(edit("add-field", model, name, null, f), lacking,
                heldBack ? SchemaChange.HELD_BACK : SchemaChange.APPLY, heldBack ? "waits for the deletion of the old field" : null);
        changes.add(heldBack ? change : requireValue(change));
    }

    private void addRemove(String model, String name, SchemaSnapshot.Field t, String status, String why) {
        if (isReverseSide(target, model, name, t) && partnerAlsoRemoved(model, name, t)) {
            return;
        }
        long values = impact.withValue(model, name);
        String finalStatus = clean(status);
        String note = why == null ? note(status) : why + (note(status) == null ? "" : "; " + note(status));
        if (status.equals(SchemaChange.APPLY) && !options.allowDeletes()) {
            finalStatus = SchemaChange.HELD_BACK;
            note = (why == null ? "" : why + "; ") + "a deletion: " + values + " entries lose their value (apply with --allow-deletes)";
        }
        changes.add(new SchemaChange(edit("remove-field", model, name, null, t), values, finalStatus, note));
    }

    private boolean partnerAlsoRemoved(String model, String name, SchemaSnapshot.Field t) {
        String[] partner = partner(target, model, name, t);
        return partner != null && !source.models().containsKey(partner[0])
                || partner != null && source.models().get(partner[0]).fields().get(partner[1]) == null;
    }

    /** A change that makes a field required on entries without a value needs a migration value, or waits. */
    private SchemaChange requireValue(SchemaChange change) {
        SchemaEdit e = change.edit();
        if (change.impact() == 0 || e.definition() == null || !e.required()) {
            return change;
        }
        String key = e.model() + "." + e.field();
        String value = options.migrationValues().get(key);
        if (value == null) {
            return change.with(SchemaChange.HELD_BACK, change.impact() + " entries have no value for the required field "
                    + key + " (give --migration-value " + key + "=VALUE)");
        }
        return new SchemaChange(new SchemaEdit(e.action(), e.model(), e.field(), e.newName(), e.definition(), e.required(),
                e.unique(), e.reverse(), e.values(), value, e.settings()), change.impact(), SchemaChange.APPLY,
                "entries without a value get the migration value");
    }

    private void checkMigrationValues() {
        for (String key : options.migrationValues().keySet()) {
            boolean used = changes.stream().anyMatch(c -> key.equals(c.element()) && c.edit().required());
            if (!used) {
                throw new IllegalArgumentException("--migration-value " + key + ": no change makes " + key + " required; "
                        + "fields that need one: " + changes.stream().filter(c -> c.edit().required() && c.impact() > 0)
                        .map(SchemaChange::element).toList());
            }
        }
    }

    /** Pairs a removed and an added field of one model with the same type and settings; applies the requested renames. */
    private List<String> renames() {
        List<String> candidates = new ArrayList<>();
        Map<String, SchemaChange[]> pairs = new LinkedHashMap<>();
        for (SchemaChange removed : changes) {
            if (!removed.edit().action().equals("remove-field") || removed.status().equals(SchemaChange.KEPT)) {
                continue;
            }
            for (SchemaChange added : changes) {
                SchemaEdit a = added.edit();
                SchemaEdit r = removed.edit();
                if (a.action().equals("add-field") && a.model().equals(r.model()) && sameSettings(a, r)) {
                    String key = r.model() + "." + r.field() + "=" + a.field();
                    candidates.add(key);
                    pairs.put(key, new SchemaChange[] {removed, added});
                }
            }
        }
        options.renames().forEach((old, newName) -> {
            String key = old + "=" + newName;
            SchemaChange[] pair = pairs.get(key);
            if (pair == null) {
                throw new IllegalArgumentException("--rename " + key + ": not a rename candidate (a field gone from the "
                        + "target and one new in the source, same type and settings); candidates: "
                        + (candidates.isEmpty() ? "none" : candidates));
            }
            changes.remove(pair[0]);
            changes.remove(pair[1]);
            SchemaEdit r = pair[0].edit();
            changes.add(new SchemaChange(new SchemaEdit("rename-field", r.model(), r.field(), newName, pair[1].edit().definition(),
                    r.required(), r.unique(), null, null, null, r.settings()), pair[0].impact(), SchemaChange.APPLY,
                    "renamed: its " + pair[0].impact() + " values are kept"));
        });
        for (String key : candidates) {
            if (!options.renames().containsKey(key.substring(0, key.indexOf('=')))) {
                warnings.add("Rename candidate: " + key + " (give --rename " + key + " to keep its content)");
            }
        }
        return candidates;
    }

    private static boolean sameSettings(SchemaEdit a, SchemaEdit r) {
        FieldSchema x = a.definition();
        FieldSchema y = r.definition();
        return x != null && y != null && x.kind() == y.kind() && x.typeName().equals(y.typeName()) && x.list() == y.list()
                && x.localized() == y.localized() && a.unique() == r.unique() && a.required() == r.required() && !x.isLink()
                && x.members().equals(y.members());
    }

    /**
     * Elements described by their settings: remote sources ({@code remote-source}), custom stages ({@code stage}) and
     * the stage's own settings ({@code setting}).
     */
    private void settings(java.util.function.Function<SchemaSnapshot, Map<String, Map<String, Object>>> part, String what, String kind) {
        Set<String> prefixes = union(part.apply(source).keySet(), part.apply(target).keySet(), baseKeys(part));
        for (String prefix : prefixes) {
            Map<String, Object> s = part.apply(source).get(prefix);
            Map<String, Object> t = part.apply(target).get(prefix);
            if (Objects.equals(s, t) || kind.equals("setting") && (s == null || t == null)
                    && comesWith((String) (s == null ? t : s).get(io.stagesync.dialect.SchemaAdmin.OF))) {
                continue;
            }
            String status = kind.equals("setting") && baseSource != null && part.apply(baseSource).isEmpty()
                    && part.apply(baseTarget).isEmpty()
                    // a base stored before a stage's own settings were recorded cannot tell which side changed them: the
                    // source's are applied, as without a base
                    ? (s == null && !options.allowDeletes() ? SchemaChange.HELD_BACK + ":nobase" : SchemaChange.APPLY)
                    : status(what + " " + prefix, str(s), str(t),
                    baseSource == null ? null : str(part.apply(baseSource).get(prefix)),
                    baseTarget == null ? null : str(part.apply(baseTarget).get(prefix)), s == null);
            if (status == null) {
                continue;
            }
            String action = (s == null ? "remove-" : t == null ? "add-" : "change-") + kind;
            SchemaEdit edit = new SchemaEdit(action, prefix, null, null, null, false, false, null, null, null, s == null ? t : s);
            changes.add(deletion(new SchemaChange(edit, 0, clean(status), note(status)), s == null));
        }
    }

    /**
     * Whether a setting's element ({@code Model}, {@code Model.field} or another setting) is added or removed, so the
     * setting comes and goes with it.
     */
    private boolean comesWith(String element) {
        return comesWith(source, target, element);
    }

    /** Whether {@code element} is in one of two schemas only (null: no element). */
    static boolean comesWith(SchemaSnapshot one, SchemaSnapshot other, String element) {
        return element != null && present(one, element) != present(other, element);
    }

    private static boolean present(SchemaSnapshot schema, String element) {
        if (schema.settings().containsKey(element)) {
            return true;
        }
        int dot = element.indexOf('.');
        SchemaSnapshot.Model parent = schema.parent(dot < 0 ? element : element.substring(0, dot));
        return parent != null && (dot < 0 || parent.fields().containsKey(element.substring(dot + 1)));
    }

    /**
     * One element (locale, enumeration, enumeration value, model): adds the change its states call for.
     * Returns the status, or null when nothing changes.
     */
    private String element(String name, String value, String s, String t, String bs, String bt, String kind) {
        if (Objects.equals(s, t)) {
            return null;
        }
        String status = status(kind + " " + name + (value == null ? "" : "." + value), s, t, bs, bt, s == null);
        if (status == null) {
            return null;
        }
        boolean removal = s == null;
        String action = switch (kind) {
            case "locale" -> removal ? "remove-locale" : "add-locale";
            case "enum" -> removal ? "remove-enum" : "add-enum";
            case "enum-value" -> removal ? "remove-enum-values" : "add-enum-values";
            case "component" -> removal ? "remove-component" : "add-component";
            default -> removal ? "remove-model" : "add-model";
        };
        List<String> values = switch (kind) {
            case "enum" -> List.of((removal ? t : s).split(","));
            case "enum-value" -> List.of(value);
            default -> null;
        };
        SchemaSnapshot.Model parent = kind.equals("model") || kind.equals("component") ? source.parent(name) : null;
        Map<String, Object> settings = !removal && parent != null && parent.plural() != null ? Map.of("plural", parent.plural()) : null;
        long count = (kind.equals("model") || kind.equals("component")) && removal ? impact.entries(name) : 0;
        SchemaEdit edit = new SchemaEdit(action, name, null, null, null, false, false, null, values, null, settings);
        changes.add(deletion(new SchemaChange(edit, count, clean(status), note(status)), removal));
        return status;
    }

    private SchemaChange deletion(SchemaChange change, boolean removal) {
        if (removal && change.status().equals(SchemaChange.APPLY) && !options.allowDeletes()) {
            return change.with(SchemaChange.HELD_BACK, "a deletion" + (change.impact() > 0 ? ": " + change.impact()
                    + " entries are lost" : "") + " (apply with --allow-deletes)");
        }
        return change;
    }

    /**
     * The status of a difference between source {@code s} and target {@code t}: with a base, a change made only in the
     * target is kept, one made on both sides differently is a conflict; without, a target-only element waits.
     */
    private String status(String what, String s, String t, String bs, String bt, boolean targetOnly) {
        if (baseSource == null) {
            return targetOnly && !options.allowDeletes() ? SchemaChange.HELD_BACK + ":nobase" : SchemaChange.APPLY;
        }
        boolean sourceChanged = !Objects.equals(s, bs);
        boolean targetChanged = !Objects.equals(t, bt);
        if (targetChanged && !sourceChanged) {
            return SchemaChange.KEPT;
        }
        if (targetChanged) {
            return SchemaChange.CONFLICT;
        }
        return sourceChanged ? SchemaChange.APPLY : null;
    }

    /** The status without its reason ({@code held-back:nobase} → {@code held-back}). */
    private static String clean(String status) {
        return status.startsWith(SchemaChange.HELD_BACK) ? SchemaChange.HELD_BACK : status;
    }

    private String note(String status) {
        return switch (status) {
            case SchemaChange.KEPT -> "changed only in the target since the base: kept";
            case SchemaChange.CONFLICT -> "changed in both stages since the base, differently: resolve it in one of them";
            case SchemaChange.HELD_BACK + ":nobase" -> "only in the target and no base to tell new work from a deletion: held back";
            default -> null;
        };
    }

    private SchemaEdit edit(String action, String model, String name, String newName, SchemaSnapshot.Field f) {
        SchemaEdit.Reverse reverse = null;
        if (f.isLink()) {
            String[] partner = partner(action.startsWith("remove") ? target : source, model, name, f);
            reverse = partner == null ? new SchemaEdit.Reverse(name + model, true)
                    : new SchemaEdit.Reverse(partner[1], (action.startsWith("remove") ? target : source)
                    .models().get(partner[0]).fields().get(partner[1]).list());
            if (f.kind().equals("RELATION") && partner == null) {
                reverse = null;
            }
        }
        return new SchemaEdit(action, model, name, newName, f.toFieldSchema(name), f.required(), f.unique(), reverse,
                null, null, componentParent(model));
    }

    /** The settings of a change to a field of a component: {@code {parent: component}}; null for a model's field. */
    private Map<String, Object> componentParent(String parent) {
        return source.components().containsKey(parent) || target.components().containsKey(parent) ? COMPONENT_PARENT : null;
    }

    /**
     * The other side of a two-way relation: a relation {@code A.f → B} with exactly one relation {@code B.g → A} back
     * (the description does not say more). Returns {@code [B, g]} or null.
     */
    private static String[] partner(SchemaSnapshot schema, String model, String name, SchemaSnapshot.Field f) {
        if (!f.kind().equals("RELATION") || f.type().equals(model) || !schema.models().containsKey(f.type())
                || !schema.models().containsKey(model)) {
            return null;
        }
        long forth = schema.models().get(model).fields().values().stream()
                .filter(x -> x.kind().equals("RELATION") && x.type().equals(f.type())).count();
        List<Map.Entry<String, SchemaSnapshot.Field>> back = schema.models().get(f.type()).fields().entrySet().stream()
                .filter(e -> e.getValue().kind().equals("RELATION") && e.getValue().type().equals(model)).toList();
        return forth == 1 && back.size() == 1 ? new String[] {f.type(), back.get(0).getKey()} : null;
    }

    /** Of the two sides of a two-way relation, the one created and deleted through its partner. */
    private static boolean isReverseSide(SchemaSnapshot schema, String model, String name, SchemaSnapshot.Field f) {
        String[] partner = partner(schema, model, name, f);
        if (partner == null) {
            return false;
        }
        SchemaSnapshot.Field other = schema.models().get(partner[0]).fields().get(partner[1]);
        if (f.list() != other.list()) {
            return f.list();
        }
        return model.compareTo(partner[0]) > 0 || model.equals(partner[0]) && name.compareTo(partner[1]) > 0;
    }

    /** A base field of a union or component field stored without its members (before they were recorded). */
    private static boolean withoutMembers(SchemaSnapshot.Field base, SchemaSnapshot.Field now) {
        return base != null && base.members().isEmpty() && !now.members().isEmpty() && base.kind().equals(now.kind());
    }

    private static boolean recreated(SchemaSnapshot.Field now, SchemaSnapshot.Field base) {
        return now != null && base != null && now.id() != null && base.id() != null && !now.id().equals(base.id());
    }

    private static SchemaSnapshot.Field baseField(SchemaSnapshot base, String model, String name) {
        SchemaSnapshot.Model m = base == null ? null : base.parent(model);
        return m == null ? null : m.fields().get(name);
    }

    private static String sig(SchemaSnapshot.Field f) {
        return f == null ? null : f.signature();
    }

    /** Settings as canonical JSON (keys sorted at every depth), or null. */
    private static String str(Map<String, Object> m) {
        try {
            return m == null ? null : SchemaSnapshot.MAPPER.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> Set<String> baseKeys(java.util.function.Function<SchemaSnapshot, Map<String, T>> part) {
        Set<String> keys = new TreeSet<>();
        if (baseSource != null) {
            keys.addAll(part.apply(baseSource).keySet());
            keys.addAll(part.apply(baseTarget).keySet());
        }
        return keys;
    }

    private static Set<String> union(java.util.Collection<String> a, java.util.Collection<String> b, java.util.Collection<String> c) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }
}
