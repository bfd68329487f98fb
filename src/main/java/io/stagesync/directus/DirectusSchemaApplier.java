package io.stagesync.directus;

import io.stagesync.config.StageConfig;
import io.stagesync.dialect.BackupStages;
import io.stagesync.dialect.ModelSchema;
import io.stagesync.dialect.SchemaAdmin;
import io.stagesync.dialect.SchemaEdit;
import io.stagesync.dialect.StageRequestException;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Schema apply to a Directus stage through Directus's own endpoints. When a plan is made, the target diffs the
 * source's snapshot ({@code GET /schema/snapshot} on the source, {@code POST /schema/diff} on the target), which
 * answers Directus's diff and the hash of the target's schema; the plan keeps both, with the product's elements
 * ({@code collection}, {@code collection.field}) that each entry of the diff belongs to. At apply the diff is cut down
 * to what the plan's merge allows (nothing of a held-back, kept or conflicting element; deletions only with consent)
 * and sent with that hash to {@code POST /schema/apply}, which Directus makes in one transaction and only while the
 * target's schema still has that hash.
 */
final class DirectusSchemaApplier {

    private static final List<String> PARTS = List.of("collections", "fields", "systemFields", "relations");

    /** The element name of the project's default language among the stage's own settings. */
    static final String DEFAULT_LANGUAGE = "project default_language";

    private final Function<String, DirectusRest> rests;
    private final Function<String, StageConfig> stages;

    /**
     * @param rests  the REST client of a Directus stage
     * @param stages a stage's configuration
     */
    DirectusSchemaApplier(Function<String, DirectusRest> rests, Function<String, StageConfig> stages) {
        this.rests = rests;
        this.stages = stages;
    }

    /**
     * Directus's diff of the source's schema against the target's and the target's hash ({@code hash}, {@code diff},
     * absent when the schemas are equal), the elements each entry belongs to ({@code owners}), warnings, or
     * {@code refused} with the reason no apply can use it.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> prepare(String from, String to) {
        Map<String, Object> prepared = new LinkedHashMap<>();
        String cms = BackupStages.is(from) ? "a backup" : "a " + stages.apply(from).cms() + " stage";
        if (BackupStages.is(from) || !StageConfig.DIRECTUS.equals(stages.apply(from).cms())) {
            prepared.put("refused", "Stage " + to + " is a Directus stage and takes schema changes from Directus stages only; "
                    + from + " is " + cms + " (nothing was applied)");
            prepared.put("warnings", List.of("Stage " + to + " is a Directus stage: schema apply makes no change there from " + from
                    + ", which is " + cms));
            return prepared;
        }
        Map<String, Object> source = (Map<String, Object>) rests.apply(from).get("/schema/snapshot");
        Map<String, Object> target = (Map<String, Object>) rests.apply(to).get("/schema/snapshot");
        List<String> warnings = new ArrayList<>();
        languages(from, source, prepared);
        fallbackLocale(to, target, prepared);
        untracked(from, warnings);
        untracked(to, warnings);
        Map<String, Object> answer;
        try {
            answer = (Map<String, Object>) rests.apply(to).send("POST", "/schema/diff", source);
        } catch (StageRequestException e) {
            if (e.status() != 400) {
                throw e;
            }
            prepared.put("refused", "Stage " + to + " refused to diff the schema of " + from + " (" + e.getMessage()
                    + "); nothing was applied");
            warnings.add("Stage " + to + " refused to diff the schema of " + from + ": schema apply makes no change there");
            prepared.put("warnings", warnings);
            return prepared;
        }
        if (answer != null) {
            Map<String, Object> diff = (Map<String, Object>) answer.get("diff");
            Owners owners = new Owners(from, source, to, target);
            prepared.put("hash", answer.get("hash"));
            prepared.put("diff", diff);
            prepared.put("owners", owners.of(diff));
            List<String> system = ((List<Map<String, Object>>) diff.getOrDefault("systemFields", List.of())).stream()
                    .map(e -> e.get("collection") + "." + e.get("field")).toList();
            if (!system.isEmpty()) {
                warnings.add("The indexes of Directus's system fields differ and apply makes them as in " + from + ": " + system);
            }
        }
        prepared.put("warnings", warnings);
        return prepared;
    }

    /**
     * Applies the plan's Directus diff, cut down to the entries the merge allows, with the hash the target had then;
     * then the languages' rows and the project settings the plan changes.
     */
    @SuppressWarnings("unchecked")
    SchemaAdmin.Outcome apply(String stage, List<SchemaEdit> changes, SchemaAdmin.Context context, long timeoutMs) {
        Map<String, Object> prepared = context == null ? null : context.prepared();
        if ((prepared == null || prepared.get("refused") != null) && changes.isEmpty()) {
            // nothing the compared schema holds differs (a restore from a backup into an equal schema, say)
            return new SchemaAdmin.Outcome(null, "NOTHING", null);
        }
        if (prepared == null) {
            throw new IllegalArgumentException("Stage " + stage + " is a Directus stage: its schema apply needs a plan with Directus's "
                    + "own diff; make a new one with: stagesync schema diff --from SOURCE --to " + stage + " (nothing was applied)");
        }
        if (prepared.get("refused") != null) {
            throw new IllegalArgumentException(String.valueOf(prepared.get("refused")));
        }
        refuseRenames(stage, changes);
        // the project's settings; those of a collection, field or relation go with Directus's diff
        List<SchemaEdit> settings = changes.stream().filter(c -> c.action().endsWith("-setting") && c.model().equals(DEFAULT_LANGUAGE))
                .toList();
        List<SchemaEdit> locales = changes.stream().filter(c -> c.action().endsWith("-locale")).toList();
        Map<String, Object> languages = (Map<String, Object>) prepared.get("languages");
        if (languages == null && settings.stream().anyMatch(c -> !c.action().startsWith("remove"))) {
            // without a languages collection a stage's one locale is its default language, which the setting changes
            locales = List.of();
        }
        if (!locales.isEmpty() && languages == null) {
            throw new IllegalArgumentException("Stage " + stage + " is a Directus stage, whose locales are the rows of its languages "
                    + "collection, and the source has no languages collection to copy " + locales.stream().map(SchemaEdit::model).toList()
                    + " from; nothing was applied");
        }
        Map<String, Object> diff = (Map<String, Object>) prepared.get("diff");
        Map<String, Object> allowed = diff == null ? Map.of() : allowed(diff, (Map<String, Object>) prepared.getOrDefault("owners", Map.of()), context);
        int entries = allowed.values().stream().mapToInt(l -> ((List<?>) l).size()).sum();
        if (entries == 0 && locales.isEmpty() && settings.isEmpty()) {
            return changes.isEmpty() ? new SchemaAdmin.Outcome(null, "NOTHING", null) : new SchemaAdmin.Outcome(null, "FAILED",
                    "Directus's diff holds nothing the plan allows to apply for " + changes.stream()
                            .map(c -> c.field() == null ? c.model() : c.model() + "." + c.field()).toList());
        }
        String hash = (String) prepared.get("hash");
        String after = (locales.isEmpty() ? "" : "the rows of the languages " + locales.stream().map(SchemaEdit::model).toList())
                + (locales.isEmpty() || settings.isEmpty() ? "" : " and ")
                + (settings.isEmpty() ? "" : "the settings " + settings.stream().map(SchemaEdit::model).toList());
        if (entries > 0) {
            try {
                rests.apply(stage).send("POST", "/schema/apply", Map.of("hash", hash, "diff", allowed), Duration.ofMillis(Math.max(1000, timeoutMs)));
            } catch (StageRequestException e) {
                if (e.getCause() instanceof HttpTimeoutException) {
                    return new SchemaAdmin.Outcome(hash, "TIMEOUT", "Directus did not answer the schema apply within "
                            + Math.max(1000, timeoutMs) / 1000 + " s; it applies a diff in one transaction, so either all " + entries
                            + " entries of Directus's diff submitted are made, now or later, or none is" + (after.isEmpty() ? ""
                            : "; " + after + " were not written") + ". A later schema diff shows which; a rerun makes a new plan and "
                            + "applies what is missing");
                }
                if (e.status() == 400 && String.valueOf(e.getMessage()).contains("hash does not match")) {
                    throw new IllegalArgumentException("Stage " + stage + " changed since the plan was made (its Directus schema hash is "
                            + "no longer " + hash + ": settings outside the compared schema changed); make a new plan with: stagesync "
                            + "schema diff --from SOURCE --to " + stage + " (nothing was applied)");
                }
                return new SchemaAdmin.Outcome(hash, "FAILED", e.getMessage());
            }
        }
        try {
            copyLanguages(stage, locales, languages);
            copySettings(stage, settings);
        } catch (RuntimeException e) {
            return new SchemaAdmin.Outcome(hash, "FAILED", (entries > 0 ? "the schema was applied, but " : "") + after
                    + " were not (all of them, or some): " + e.getMessage());
        }
        return new SchemaAdmin.Outcome(hash, "SUCCESS", null);
    }

    /**
     * The stage's own settings that the neutral schema does not compare, for a three-way merge like the rest: the
     * project's default language ({@code directus_settings.default_language}), and the settings of every collection,
     * field and relation of the schema snapshot outside the compared schema (interfaces, notes, display and validation
     * options, defaults, lengths, sort, on-delete rules...), each with the neutral element it comes and goes with.
     */
    @SuppressWarnings("unchecked")
    SchemaAdmin.Extras extras(String stage) {
        Map<String, Object> snapshot = (Map<String, Object>) rests.apply(stage).get("/schema/snapshot");
        Owners owners = new Owners(stage, snapshot, stage, snapshot);
        Map<String, Map<String, Object>> settings = new TreeMap<>();
        for (String part : List.of("collections", "fields", "relations")) {
            for (Map<String, Object> entry : (List<Map<String, Object>>) snapshot.getOrDefault(part, List.of())) {
                if (String.valueOf(entry.get("collection")).startsWith("directus_")) {
                    continue;
                }
                Map<String, Object> value = new TreeMap<>(settingsOf(part, entry));
                String of = owners.element(part, (String) entry.get("collection"), (String) entry.get("field"));
                if (of == null && entry.get("field") != null) {
                    // a field or relation of a collection outside the compared schema comes and goes with the collection
                    of = setting("collections", Map.of("collection", entry.get("collection")));
                }
                if (of != null) {
                    value.put(SchemaAdmin.OF, of);
                }
                settings.put(setting(part, entry), value);
            }
        }
        Object project = rests.apply(stage).get("/settings?fields=default_language");
        if (project instanceof Map<?, ?> m && m.get("default_language") != null) {
            settings.put(DEFAULT_LANGUAGE, Map.of("value", m.get("default_language").toString()));
        }
        return new SchemaAdmin.Extras(Map.of(), Map.of(), Map.of(), Map.of(), settings);
    }

    /** The project's default language: set as the source has it, or emptied (a removal, only with consent). */
    private void copySettings(String stage, List<SchemaEdit> settings) {
        for (SchemaEdit edit : settings) {
            Map<String, Object> value = new HashMap<>();
            value.put("default_language", edit.action().startsWith("remove") ? null : edit.settings().get("value"));
            rests.apply(stage).send("PATCH", "/settings", value);
        }
    }

    /**
     * The diff without what belongs to elements not applied, and without removals unless consented to. Each step of an
     * entry is judged on its own: one that creates or removes the entry's element by its elements and its settings,
     * one of the compared schema (type, special, uniqueness, relation structure) by its elements, any other by its
     * settings (Directus applies an entry's steps one by one onto the target's current state).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> allowed(Map<String, Object> diff, Map<String, Object> owners, SchemaAdmin.Context context) {
        Map<String, Object> allowed = new LinkedHashMap<>();
        for (String part : PARTS) {
            List<Object> kept = new ArrayList<>();
            for (Map<String, Object> entry : (List<Map<String, Object>>) diff.getOrDefault(part, List.of())) {
                List<String> of = (List<String>) owners.getOrDefault(key(part, entry), List.of());
                boolean elements = of.stream().noneMatch(context.notApplied()::contains);
                boolean settings = part.equals("systemFields") || !context.notApplied().contains(setting(part, entry));
                if (!context.allowDeletes() && removes(entry)) {
                    continue;
                }
                List<Map<String, Object>> steps = new ArrayList<>();
                for (Map<String, Object> step : (List<Map<String, Object>>) entry.getOrDefault("diff", List.of())) {
                    List<Object> path = (List<Object>) step.get("path");
                    if (path == null ? elements && settings : compared(part, path) ? elements : settings) {
                        steps.add(step);
                    }
                }
                if (!steps.isEmpty()) {
                    Map<String, Object> cut = new LinkedHashMap<>(entry);
                    cut.put("diff", steps);
                    kept.add(cut);
                }
            }
            allowed.put(part, kept);
        }
        return allowed;
    }

    /** Snapshot properties of the compared schema (or identity), by part: {@code key} or {@code key.subkey}. */
    private static final Map<String, Set<String>> COMPARED = Map.of(
            "collections", Set.of("collection", "schema"),
            "fields", Set.of("collection", "field", "type", "meta.special", "meta.collection", "meta.field", "schema.name",
                    "schema.table", "schema.data_type", "schema.is_unique", "schema.is_primary_key", "schema.has_auto_increment",
                    "schema.foreign_key_table", "schema.foreign_key_column"),
            "relations", Set.of("collection", "field", "related_collection", "meta.many_collection", "meta.many_field",
                    "meta.one_collection", "meta.one_field", "meta.junction_field", "meta.one_allowed_collections",
                    "meta.one_collection_field", "schema.table", "schema.column", "schema.foreign_key_table",
                    "schema.foreign_key_column", "schema.constraint_name"));

    /** Whether a step at {@code path} of an entry of {@code part} changes the compared schema. */
    private static boolean compared(String part, List<Object> path) {
        Set<String> keys = COMPARED.getOrDefault(part, Set.of());
        return path.isEmpty() || keys.contains(String.valueOf(path.get(0)))
                || path.size() > 1 && keys.contains(path.get(0) + "." + path.get(1));
    }

    /** The settings of a snapshot entry outside the compared schema: its properties, and those of its meta and schema. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> settingsOf(String part, Map<String, Object> entry) {
        Map<String, Object> settings = new TreeMap<>();
        entry.forEach((key, value) -> {
            if (compared(part, List.of(key))) {
                return;
            }
            if (value instanceof Map<?, ?> inner) {
                Map<String, Object> kept = new TreeMap<>();
                ((Map<String, Object>) inner).forEach((k, v) -> {
                    if (!compared(part, List.of(key, k))) {
                        kept.put(k, v);
                    }
                });
                settings.put(key, kept);
            } else {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /** The name of a snapshot entry's settings: {@code collection c}, {@code field c.f} or {@code relation c.f}. */
    private static String setting(String part, Map<String, Object> entry) {
        String kind = part.equals("collections") ? "collection" : part.equals("relations") ? "relation" : "field";
        return kind + " " + entry.get("collection") + (entry.get("field") == null ? "" : "." + entry.get("field"));
    }

    /**
     * Locales are the rows of the languages collection: an added one is the source's row, created in the target; a
     * removed one (only with consent) is deleted.
     */
    @SuppressWarnings("unchecked")
    private void copyLanguages(String stage, List<SchemaEdit> locales, Map<String, Object> languages) {
        String fallback = languages == null ? null : (String) languages.get("targetDefault");
        if (locales.isEmpty() && fallback == null) {
            return;
        }
        String collection = (String) languages.get("collection");
        String key = (String) languages.get("key");
        if (fallback != null && locales.stream().noneMatch(l -> l.model().equals(fallback))) {
            // the target had no languages collection: its one locale was its default language, which needs its row now
            ((List<Map<String, Object>>) languages.get("rows")).stream().filter(r -> fallback.equals(String.valueOf(r.get(key))))
                    .findFirst().ifPresent(row -> rests.apply(stage).send("POST", "/items/" + collection, row));
        }
        for (SchemaEdit edit : locales) {
            if (edit.action().equals("remove-locale")) {
                rests.apply(stage).send("DELETE", "/items/" + collection + "/" + DirectusRest.param(edit.model()), null);
                continue;
            }
            Map<String, Object> row = ((List<Map<String, Object>>) languages.get("rows")).stream()
                    .filter(r -> edit.model().equals(String.valueOf(r.get(key)))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the source's " + collection + " has no row " + edit.model()));
            rests.apply(stage).send("POST", "/items/" + collection, row);
        }
    }

    /** Directus has no rename of a field: refused before anything is written. */
    private static void refuseRenames(String stage, List<SchemaEdit> changes) {
        List<String> renames = changes.stream().filter(c -> c.action().equals("rename-field"))
                .map(c -> c.model() + "." + c.field()).toList();
        if (!renames.isEmpty()) {
            throw new IllegalArgumentException("Stage " + stage + " is a Directus stage and Directus cannot rename a field: "
                    + renames + " (apply without --rename; the field is then removed, with --allow-deletes, and added); nothing was applied");
        }
    }

    /** Whether a diff entry removes its collection, field or relation (a change to a part of it is not a removal). */
    @SuppressWarnings("unchecked")
    private static boolean removes(Map<String, Object> entry) {
        List<Map<String, Object>> steps = (List<Map<String, Object>>) entry.getOrDefault("diff", List.of());
        return !steps.isEmpty() && "D".equals(steps.get(0).get("kind")) && steps.get(0).get("path") == null;
    }

    private static String key(String part, Map<String, Object> entry) {
        return part + ":" + entry.get("collection") + (entry.get("field") == null ? "" : "." + entry.get("field"));
    }

    /** The source's languages collection, its key and rows (the locales), for locales the target lacks. */
    private void languages(String from, Map<String, Object> source, Map<String, Object> prepared) {
        new DirectusSchemaReader().read(from, source, null, List.of()).models().values().stream().map(DirectusModel::translations)
                .filter(java.util.Objects::nonNull).findFirst().ifPresent(t -> {
                    Map<String, Object> languages = new LinkedHashMap<>();
                    languages.put("collection", t.languageCollection());
                    languages.put("key", t.languageKey());
                    languages.put("rows", rests.apply(from).get("/items/" + t.languageCollection() + "?limit=-1"));
                    prepared.put("languages", languages);
                });
    }

    /**
     * When the target has no languages collection yet, its one locale is its project's default language (so the diff
     * adds no locale for it): that language's row is created with the collection, after the schema.
     */
    @SuppressWarnings("unchecked")
    private void fallbackLocale(String to, Map<String, Object> target, Map<String, Object> prepared) {
        Map<String, Object> languages = (Map<String, Object>) prepared.get("languages");
        if (languages == null || ((List<Map<String, Object>>) target.getOrDefault("collections", List.of())).stream()
                .anyMatch(c -> languages.get("collection").equals(c.get("collection")))) {
            return;
        }
        Object settings = rests.apply(to).get("/settings?fields=default_language");
        if (settings instanceof Map<?, ?> m && m.get("default_language") != null) {
            languages.put("targetDefault", m.get("default_language").toString());
        }
    }

    /** Fields and collections without Directus settings ({@code meta}): the schema snapshot leaves them out. */
    @SuppressWarnings("unchecked")
    private void untracked(String stage, List<String> warnings) {
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) rests.apply(stage).get("/collections?limit=-1")) {
            if (c.get("meta") == null && c.get("schema") != null && !String.valueOf(c.get("collection")).startsWith("directus_")) {
                missing.add(c.get("collection") + " (collection)");
            }
        }
        for (Map<String, Object> f : (List<Map<String, Object>>) rests.apply(stage).get("/fields?limit=-1")) {
            if (f.get("meta") == null && !String.valueOf(f.get("collection")).startsWith("directus_")) {
                missing.add(f.get("collection") + "." + f.get("field"));
            }
        }
        if (!missing.isEmpty()) {
            warnings.add("Stage " + stage + " has fields or collections without Directus settings (meta), which Directus's schema "
                    + "snapshot leaves out, so schema diff and apply do not see them: " + String.join(", ", missing)
                    + " (give them settings in the data model, or create fields with meta)");
        }
    }

    /**
     * The product's elements each diff entry belongs to, most specific first: a field of a collection is
     * {@code collection.field}, then {@code collection}; the junction collection of a many-to-many or many-to-any
     * field (its fields and relations too) belongs to that field; a translations junction to the translated fields;
     * the alias side of a relation to the relation's field. Only elements of the neutral schema of either stage count.
     */
    private static final class Owners {
        private final Set<String> elements = new LinkedHashSet<>();
        private final Map<String, List<String>> junctions = new HashMap<>();   // junction collection -> owners
        private final Map<String, String> translated = new HashMap<>();         // "junction.value" -> "model.value"
        private final Map<String, List<String>> aliases = new HashMap<>();      // "collection.alias" -> owners

        @SuppressWarnings("unchecked")
        Owners(String from, Map<String, Object> source, String to, Map<String, Object> target) {
            DirectusSchemaReader reader = new DirectusSchemaReader();
            for (DirectusSchemaReader.Read read : List.of(reader.read(from, source, null, List.of()), reader.read(to, target, null, List.of()))) {
                for (ModelSchema m : read.schema().models().values()) {
                    elements.add(m.name());
                    m.fields().forEach(f -> elements.add(m.name() + "." + f.name()));
                }
                for (DirectusModel m : read.models().values()) {
                    m.manyToMany().forEach((field, j) -> junctions.put(j.junction(), List.of(m.collection() + "." + field, m.collection())));
                    m.manyToAny().forEach((field, j) -> junctions.put(j.junction(), List.of(m.collection() + "." + field, m.collection())));
                    if (m.translations() != null) {
                        List<String> values = new ArrayList<>();
                        m.translations().fields().forEach(v -> {
                            values.add(m.collection() + "." + v);
                            translated.put(m.translations().collection() + "." + v, m.collection() + "." + v);
                        });
                        values.add(m.collection());
                        junctions.put(m.translations().collection(), values);
                    }
                }
            }
            for (Map<String, Object> snapshot : List.of(source, target)) {
                for (Map<String, Object> r : (List<Map<String, Object>>) snapshot.getOrDefault("relations", List.of())) {
                    Object meta = r.get("meta");
                    if (meta instanceof Map<?, ?> m && m.get("one_field") != null && r.get("related_collection") != null) {
                        aliases.put(r.get("related_collection") + "." + m.get("one_field"),
                                of((String) r.get("collection"), (String) r.get("field")));
                    }
                }
            }
        }

        /** Entry key → its elements, for every entry of the diff. */
        @SuppressWarnings("unchecked")
        Map<String, Object> of(Map<String, Object> diff) {
            Map<String, Object> owners = new LinkedHashMap<>();
            for (String part : PARTS) {
                for (Map<String, Object> entry : (List<Map<String, Object>>) diff.getOrDefault(part, List.of())) {
                    String field = (String) entry.get("field");
                    String collection = (String) entry.get("collection");
                    List<String> of = field != null && aliases.containsKey(collection + "." + field) && !part.equals("relations")
                            ? aliases.get(collection + "." + field) : of(collection, field);
                    owners.put(key(part, entry), of);
                }
            }
            return owners;
        }

        /** The element of the neutral schema that an entry of {@code part} comes and goes with, or null. */
        String element(String part, String collection, String field) {
            List<String> of = field != null && aliases.containsKey(collection + "." + field) && !part.equals("relations")
                    ? aliases.get(collection + "." + field) : of(collection, field);
            return of.isEmpty() ? null : of.get(0);
        }

        /** The elements of {@code collection} (its field {@code field}, when given). */
        private List<String> of(String collection, String field) {
            List<String> of = new ArrayList<>();
            if (field != null && translated.containsKey(collection + "." + field)) {
                of.add(translated.get(collection + "." + field));
            }
            if (junctions.containsKey(collection)) {
                of.addAll(junctions.get(collection));
                return of;
            }
            if (field != null && elements.contains(collection + "." + field)) {
                of.add(collection + "." + field);
            }
            if (elements.contains(collection)) {
                of.add(collection);
            }
            return of;
        }
    }
}
