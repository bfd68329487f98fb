package io.stagesync.directus;

import io.stagesync.dialect.BatchOutcome;
import io.stagesync.dialect.ContentState;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.LookupKey;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.PageRequest;
import io.stagesync.dialect.Reference;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.SourcePage;
import io.stagesync.dialect.StageRequestException;
import io.stagesync.dialect.StageSchema;
import io.stagesync.dialect.TargetMatches;
import io.stagesync.directus.GraphQLTransport.Answer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Directus dialect of one stage. Items go through Directus's GraphQL API ({@code /graphql}), the schema comes
 * from the REST schema snapshot. Pages are read by keyset: a filter on the primary key after the cursor, sorted by it,
 * with no offset, so items created during a read shift no page. The watermark is the later of the update and create
 * stamps. Items keep their ids: a create sends the source id as the primary key. Draft and published are the values
 * {@code draft} and {@code published} of the configured status field.
 */
public final class DirectusDialect implements Dialect {

    static final String DRAFT = "draft";
    static final String PUBLISHED = "published";

    private final String stage;
    private final GraphQLTransport graphql;
    private final DirectusRest rest;
    private final String statusField;
    private final DirectusSchemaReader reader = new DirectusSchemaReader();
    private volatile Map<String, DirectusModel> models;
    private volatile String defaultLocale;

    public DirectusDialect(String stage, GraphQLTransport graphql, DirectusRest rest, String statusField) {
        this.stage = stage;
        this.graphql = graphql;
        this.rest = rest;
        this.statusField = statusField;
    }

    @Override
    public String stage() {
        return stage;
    }

    @Override
    public void probe() {
        rest.get("/users/me?fields=id");
    }

    @Override
    @SuppressWarnings("unchecked")
    public StageSchema describe() {
        Map<String, Object> snapshot = (Map<String, Object>) rest.get("/schema/snapshot");
        DirectusSchemaReader.Read first = reader.read(stage, snapshot, statusField, List.of());
        List<String> locales = locales(first.models());
        DirectusSchemaReader.Read read = reader.read(stage, snapshot, statusField, locales);
        models = read.models();
        defaultLocale = locales.isEmpty() ? null : locales.get(0);
        return read.schema();
    }

    /**
     * The codes of the languages collection of the translations fields, the project's default language first; without
     * translations fields, the project's default language alone (every value is in it), or none when it has none.
     */
    @SuppressWarnings("unchecked")
    private List<String> locales(Map<String, DirectusModel> byCollection) {
        DirectusModel.Translations t = byCollection.values().stream().map(DirectusModel::translations)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (t == null) {
            String only = defaultLanguage();
            return only == null ? List.of() : List.of(only);
        }
        Answer a = query("{ l: " + t.languageCollection() + "(limit: -1, sort: [\"" + t.languageKey() + "\"]) { "
                + t.languageKey() + " } }", Map.of(), "Listing the languages");
        List<String> codes = new ArrayList<>();
        for (Object row : (List<Object>) a.data().get("l")) {
            codes.add(String.valueOf(((Map<String, Object>) row).get(t.languageKey())));
        }
        String preferred = defaultLanguage();
        if (preferred != null && codes.remove(preferred)) {
            codes.add(0, preferred);
        }
        return codes;
    }

    private String defaultLanguage() {
        Object settings = rest.get("/settings?fields=default_language");
        return settings instanceof Map<?, ?> s && s.get("default_language") != null ? s.get("default_language").toString() : null;
    }

    DirectusModel model(String name) {
        if (models == null) {
            describe();
        }
        DirectusModel m = models.get(name);
        if (m == null) {
            throw new IllegalStateException("Collection " + name + " is not in the schema of stage " + stage);
        }
        return m;
    }

    /**
     * One page by keyset. Directus filters offer no {@code _gt} on uuid or ID keys, so the keyset is the creation stamp
     * (which never changes) with the key as tie-breaker: items created after the cursor's stamp, or at that stamp and
     * not read yet, sorted by stamp and key, with no offset; items created during a read land after it. The cursor is
     * {@code <stamp>|<keys read at that stamp>}. A collection without a creation stamp is read by offset (cursor
     * {@code offset:<n>}).
     */
    @Override
    @SuppressWarnings("unchecked")
    public SourcePage readPage(ModelPlan plan, List<String> locales, PageRequest request) {
        DirectusModel m = model(plan.name());
        List<Object> and = new ArrayList<>();
        Cursor after = Cursor.parse(request.cursor());
        String created = m.dateCreated();
        if (created != null && after.stamp() != null) {
            and.add(Map.of("_or", List.of(Map.of(created, Map.of("_gt", after.stamp())),
                    Map.of("_and", List.of(Map.of(created, Map.of("_eq", after.stamp())),
                            Map.of(m.primaryKey(), Map.of("_nin", after.keys())))))));
        }
        Map<String, Object> changed = changedAfter(m, request.watermark());
        if (changed != null) {
            and.add(changed);
        }
        if (request.state() == ContentState.PUBLISHED && m.status() != null) {
            and.add(Map.of(m.status(), Map.of("_eq", PUBLISHED)));
        }
        Map<String, Object> published = m.status() == null ? Map.of() : Map.of(m.status(), Map.of("_eq", PUBLISHED));
        String c = m.collection();
        String sort = created == null ? "[\"" + m.primaryKey() + "\"]" : "[\"" + created + "\", \"" + m.primaryKey() + "\"]";
        String query = "query($f: " + c + "_filter, $p: " + c + "_filter, $n: Int, $o: Int) {"
                + " items: " + c + "(filter: $f, sort: " + sort + ", limit: $n, offset: $o) { " + selection(m) + " }"
                + " total: " + c + "_aggregated { count { " + m.primaryKey() + " } }"
                + " published: " + c + "_aggregated(filter: $p) { count { " + m.primaryKey() + " } }"
                + latestSelection(m) + " }";
        Map<String, Object> vars = new HashMap<>();
        vars.put("f", and.isEmpty() ? null : Map.of("_and", and));
        vars.put("p", published);
        vars.put("n", request.first() + 1);
        vars.put("o", created == null ? after.offset() : 0);
        Answer a = query(query, vars, "Reading " + c + " after cursor " + request.cursor());
        List<Object> rows = (List<Object>) a.data().get("items");
        boolean hasNext = rows.size() > request.first();
        List<SourceEntry> entries = new ArrayList<>();
        String stamp = after.stamp();
        List<String> keys = new ArrayList<>(after.keys());
        for (Object o : hasNext ? rows.subList(0, request.first()) : rows) {
            Map<String, Object> row = (Map<String, Object>) o;
            SourceEntry e = entry(m, locales, row);
            entries.add(e);
            if (created != null && row.get(created) != null) {
                String at = row.get(created).toString();
                if (!at.equals(stamp)) {
                    stamp = at;
                    keys.clear();
                }
                keys.add(e.id());
            }
        }
        String end = created == null ? "offset:" + (after.offset() + entries.size()) : stamp == null ? null : stamp + "|" + String.join(",", keys);
        return new SourcePage(entries, end, hasNext, aggregateCount(a.data().get("total"), m),
                latest(a.data(), m), m.status() == null ? -1 : aggregateCount(a.data().get("published"), m), -1, List.of());
    }

    /** Where a read stands: the creation stamp reached and the keys read at it, or an offset. */
    record Cursor(String stamp, List<String> keys, int offset) {
        static Cursor parse(String cursor) {
            if (cursor == null || cursor.isEmpty()) {
                return new Cursor(null, List.of(), 0);
            }
            if (cursor.startsWith("offset:")) {
                return new Cursor(null, List.of(), Integer.parseInt(cursor.substring("offset:".length())));
            }
            int bar = cursor.indexOf('|');
            String keys = cursor.substring(bar + 1);
            return new Cursor(cursor.substring(0, bar), keys.isEmpty() ? List.of() : List.of(keys.split(",")), 0);
        }
    }

    private static Map<String, Object> changedAfter(DirectusModel m, String watermark) {
        if (watermark == null) {
            return null;
        }
        List<Object> or = new ArrayList<>();
        for (String f : stampFields(m)) {
            or.add(Map.of(f, Map.of("_gt", watermark)));
        }
        return or.isEmpty() ? null : Map.of("_or", or);
    }

    private static List<String> stampFields(DirectusModel m) {
        List<String> s = new ArrayList<>();
        if (m.dateUpdated() != null) {
            s.add(m.dateUpdated());
        }
        if (m.dateCreated() != null) {
            s.add(m.dateCreated());
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static long aggregateCount(Object aggregated, DirectusModel m) {
        Object row = aggregated instanceof List<?> l && !l.isEmpty() ? l.get(0) : aggregated;
        if (row instanceof Map<?, ?> r && r.get("count") instanceof Map<?, ?> c && c.get(m.primaryKey()) instanceof Number n) {
            return n.longValue();
        }
        return -1;
    }

    /** The newest stamp of each stamp field: the item sorted first by it, descending, among those that have it. */
    private static String latestSelection(DirectusModel m) {
        StringBuilder s = new StringBuilder();
        for (String f : stampFields(m)) {
            s.append(" latest_").append(f).append(": ").append(m.collection()).append("(filter: { ").append(f)
                    .append(": { _nnull: true } }, sort: [\"-").append(f).append("\"], limit: 1) { ").append(f).append(" }");
        }
        return s.toString();
    }

    private static String latest(Map<String, Object> data, DirectusModel m) {
        String latest = null;
        for (String f : stampFields(m)) {
            if (data.get("latest_" + f) instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> row && row.get(f) != null) {
                String v = row.get(f).toString();
                if (latest == null || v.compareTo(latest) > 0) {
                    latest = v;
                }
            }
        }
        return latest;
    }

    /** The fields read of an item: key, stamps, status, values, link keys and translations. */
    private static String selection(DirectusModel m) {
        StringBuilder s = new StringBuilder(m.primaryKey());
        stampFields(m).forEach(f -> s.append(' ').append(f));
        if (m.status() != null) {
            s.append(' ').append(m.status());
        }
        m.scalars().forEach(f -> s.append(' ').append(f));
        m.manyToOne().forEach((f, r) -> s.append(' ').append(f).append(" { ").append(r.primaryKey()).append(" }"));
        m.manyToMany().forEach((f, j) -> s.append(' ').append(f).append("(limit: -1) { ").append(j.toRelated()).append(" { ").append(j.relatedKey()).append(" } }"));
        m.manyToAny().forEach((f, j) -> {
            s.append(' ').append(f).append("(limit: -1, sort: [").append(j.sort() == null ? "" : "\"" + j.sort() + "\", ")
                    .append('"').append(j.junctionKey()).append("\"]) { ").append(j.collectionField()).append(' ').append(j.item()).append(" {");
            j.members().forEach((member, key) -> s.append(" ... on ").append(member).append(" { ").append(key).append(" }"));
            s.append(" } }");
        });
        DirectusModel.Translations t = m.translations();
        if (t != null) {
            s.append(' ').append(t.field()).append("(limit: -1) { ").append(t.language()).append(" { ").append(t.languageKey()).append(" }");
            t.fields().forEach(f -> s.append(' ').append(f));
            s.append(" }");
        }
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    private SourceEntry entry(DirectusModel m, List<String> locales, Map<String, Object> row) {
        String id = String.valueOf(row.get(m.primaryKey()));
        Map<String, Object> values = new LinkedHashMap<>();
        m.scalars().forEach(f -> values.put(f, row.get(f)));
        Map<String, List<String>> links = new LinkedHashMap<>();
        m.manyToOne().forEach((f, r) -> links.put(f, row.get(f) instanceof Map<?, ?> o && o.get(r.primaryKey()) != null
                ? List.of(String.valueOf(o.get(r.primaryKey()))) : List.of()));
        m.manyToMany().forEach((f, j) -> {
            List<String> ids = new ArrayList<>();
            if (row.get(f) instanceof List<?> list) {
                for (Object junction : list) {
                    if (junction instanceof Map<?, ?> jr && jr.get(j.toRelated()) instanceof Map<?, ?> target && target.get(j.relatedKey()) != null) {
                        ids.add(String.valueOf(target.get(j.relatedKey())));
                    }
                }
            }
            links.put(f, ids);
        });
        m.manyToAny().forEach((f, j) -> values.put(f, anyItems(j, row.get(f))));
        Map<String, Map<String, Object>> localizations = new LinkedHashMap<>();
        DirectusModel.Translations t = m.translations();
        if (t != null) {
            String defaultLocale = locales.isEmpty() ? null : locales.get(0);
            t.fields().forEach(f -> values.put(f, null));
            if (row.get(t.field()) instanceof List<?> list) {
                for (Object o : list) {
                    Map<String, Object> tr = (Map<String, Object>) o;
                    String locale = tr.get(t.language()) instanceof Map<?, ?> lang ? String.valueOf(lang.get(t.languageKey())) : null;
                    if (locale == null || !locales.contains(locale)) {
                        continue;
                    }
                    Map<String, Object> fields = new LinkedHashMap<>();
                    t.fields().forEach(f -> fields.put(f, tr.get(f)));
                    if (locale.equals(defaultLocale)) {
                        values.putAll(fields);
                    } else {
                        localizations.put(locale, fields);
                    }
                }
            }
        }
        String created = m.dateCreated() == null ? null : (String) row.get(m.dateCreated());
        String updated = m.dateUpdated() == null || row.get(m.dateUpdated()) == null ? created : (String) row.get(m.dateUpdated());
        boolean published = m.status() == null || PUBLISHED.equals(row.get(m.status()));
        String publishedAt = published ? (updated == null ? PUBLISHED : updated) : null;
        // a Directus item has one version: when published, its published version is the item itself
        return new SourceEntry(id, created, updated, values, localizations, links, publishedAt,
                published ? new SourceEntry(id, created, updated, values, localizations, links, publishedAt) : null);
    }

    /** The items of a many-to-any field as references, in the junction's order; rows of other collections left out. */
    private static List<Reference> anyItems(DirectusModel.AnyJunction j, Object rows) {
        List<Reference> refs = new ArrayList<>();
        if (rows instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> row && row.get(j.collectionField()) instanceof String member && j.members().containsKey(member)
                        && row.get(j.item()) instanceof Map<?, ?> item && item.get(j.members().get(member)) != null) {
                    refs.add(new Reference(member, String.valueOf(item.get(j.members().get(member)))));
                }
            }
        }
        return refs;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<SourceEntry> readByIds(ModelPlan plan, List<String> locales, List<String> ids) {
        DirectusModel m = model(plan.name());
        Answer a = query("query($f: " + m.collection() + "_filter) { items: " + m.collection() + "(filter: $f, limit: -1) { "
                + selection(m) + " } }", Map.of("f", Map.of(m.primaryKey(), Map.of("_in", ids))), "Reading " + m.collection() + " by id");
        List<SourceEntry> entries = new ArrayList<>();
        for (Object row : (List<Object>) a.data().get("items")) {
            entries.add(entry(m, locales, (Map<String, Object>) row));
        }
        return entries;
    }

    @Override
    public int maxIdsPerCall() {
        return 100;
    }

    @Override
    public long count(ModelPlan plan, List<String> locales) {
        DirectusModel m = model(plan.name());
        Answer a = query("{ total: " + m.collection() + "_aggregated { count { " + m.primaryKey() + " } } }", Map.of(),
                "Counting " + m.collection());
        return aggregateCount(a.data().get("total"), m);
    }

    @Override
    @SuppressWarnings("unchecked")
    public TargetMatches lookup(ModelPlan plan, List<String> locales, List<LookupKey> keys) {
        DirectusModel m = model(plan.name());
        String c = m.collection();
        StringBuilder q = new StringBuilder("query($ids: " + c + "_filter");
        Map<String, Object> vars = new HashMap<>();
        vars.put("ids", Map.of(m.primaryKey(), Map.of("_in", keys.stream().map(LookupKey::sourceId).toList())));
        List<String> stored = keys.stream().map(LookupKey::storedSourceId).filter(java.util.Objects::nonNull).toList();
        List<String> matches = keys.stream().map(LookupKey::matchValue).filter(java.util.Objects::nonNull).toList();
        if (plan.sourceIdField() != null && !stored.isEmpty()) {
            q.append(", $s: ").append(c).append("_filter");
            vars.put("s", Map.of(plan.sourceIdField(), Map.of("_in", stored)));
        }
        if (plan.matchField() != null && !matches.isEmpty()) {
            q.append(", $k: ").append(c).append("_filter");
            vars.put("k", Map.of(plan.matchField(), Map.of("_in", matches)));
        }
        q.append(") { ids: ").append(c).append("(filter: $ids, limit: -1) { ").append(m.primaryKey()).append(" }");
        if (vars.containsKey("s")) {
            q.append(" stored: ").append(c).append("(filter: $s, limit: -1) { ").append(m.primaryKey()).append(' ')
                    .append(plan.sourceIdField()).append(" }");
        }
        if (vars.containsKey("k")) {
            q.append(" matched: ").append(c).append("(filter: $k, limit: -1) { ").append(m.primaryKey()).append(' ')
                    .append(plan.matchField()).append(" }");
        }
        q.append(" }");
        Answer a = query(q.toString(), vars, "Looking up " + c);
        Set<String> same = new HashSet<>();
        for (Object row : (List<Object>) a.data().get("ids")) {
            same.add(String.valueOf(((Map<String, Object>) row).get(m.primaryKey())));
        }
        return new TargetMatches(same, byField(a.data().get("stored"), m, plan.sourceIdField()), byField(a.data().get("matched"), m, plan.matchField()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> byField(Object rows, DirectusModel m, String field) {
        Map<String, String> result = new HashMap<>();
        if (rows instanceof List<?> list) {
            for (Object row : list) {
                Map<String, Object> r = (Map<String, Object>) row;
                if (r.get(field) != null) {
                    result.put(String.valueOf(r.get(field)), String.valueOf(r.get(m.primaryKey())));
                }
            }
        }
        return result;
    }

    @Override
    public BatchOutcome write(ModelPlan plan, List<EntryWrite> writes, Resend resend) {
        DirectusModel m = model(plan.name());
        BatchOutcome first = send(m, plan, writes);
        if (first.refused() != null) {
            return first;
        }
        // a create whose id the stage already has (an earlier run or a repeated request applied it) becomes an update
        List<EntryWrite> again = new ArrayList<>();
        for (BatchOutcome.Item item : first.items()) {
            if (!item.ok() && item.write().create()) {
                again.add(item.write());
            }
        }
        if (again.isEmpty()) {
            return first;
        }
        Set<String> existing = lookup(plan, List.of(), again.stream().map(w -> new LookupKey(w.sourceId(), null, null)).toList()).sameIds();
        List<EntryWrite> updates = again.stream().filter(w -> existing.contains(w.sourceId())).map(w -> w.asUpdate(w.sourceId())).toList();
        if (updates.isEmpty()) {
            return first;
        }
        Map<String, BatchOutcome.Item> retried = new HashMap<>();
        for (BatchOutcome.Item item : send(m, plan, updates).items()) {
            retried.put(item.write().sourceId(), item);
        }
        List<BatchOutcome.Item> items = new ArrayList<>();
        for (BatchOutcome.Item item : first.items()) {
            BatchOutcome.Item r = item.ok() ? null : retried.get(item.write().sourceId());
            items.add(r == null ? item : new BatchOutcome.Item(item.write(), r.targetId(), r.error()));
        }
        return new BatchOutcome(null, items);
    }

    /** One document of aliased creates and updates; each alias answers for its own write. */
    @SuppressWarnings("unchecked")
    private BatchOutcome send(DirectusModel m, ModelPlan plan, List<EntryWrite> writes) {
        String c = m.collection();
        StringBuilder header = new StringBuilder();
        StringBuilder body = new StringBuilder();
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            EntryWrite w = writes.get(i);
            Map<String, Object> data = input(m, w);
            header.append(header.length() == 0 ? "" : ", ");
            if (w.create()) {
                data.put(m.primaryKey(), w.sourceId());
                header.append("$d").append(i).append(": create_").append(c).append("_input!");
                body.append(" m").append(i).append(": create_").append(c).append("_item(data: $d").append(i).append(") { ")
                        .append(m.primaryKey()).append(" }");
                // a create's nested file must be a whole new file: links to existing files follow in an update
                Map<String, Object> files = new LinkedHashMap<>();
                fileLinks(m).forEach(f -> {
                    if (data.containsKey(f)) {
                        files.put(f, data.remove(f));
                    }
                });
                if (!files.isEmpty()) {
                    header.append(", $f").append(i).append(": update_").append(c).append("_input!, $k").append(i).append(": ID!");
                    vars.put("f" + i, files);
                    vars.put("k" + i, w.sourceId());
                    body.append(" f").append(i).append(": update_").append(c).append("_item(id: $k").append(i).append(", data: $f")
                            .append(i).append(") { ").append(m.primaryKey()).append(" }");
                }
            } else {
                header.append("$d").append(i).append(": update_").append(c).append("_input!, $i").append(i).append(": ID!");
                vars.put("i" + i, w.targetId());
                body.append(" m").append(i).append(": update_").append(c).append("_item(id: $i").append(i).append(", data: $d")
                        .append(i).append(") { ").append(m.primaryKey()).append(" }");
            }
            vars.put("d" + i, data);
        }
        Answer a = graphql.execute("mutation(" + header + ") {" + body + " }", vars);
        if (a.status() >= 400 && a.data().isEmpty()) {
            return BatchOutcome.refused("HTTP " + a.status() + ": " + a.errorMessages());
        }
        Map<String, String> errors = new HashMap<>();
        for (Map<String, Object> e : a.errors()) {
            Object path = e.get("path");
            String alias = path instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : null;
            if (alias == null) {
                return BatchOutcome.refused(a.errorMessages());
            }
            errors.merge(alias.startsWith("f") ? "m" + alias.substring(1) : alias, String.valueOf(e.get("message")), (x, y) -> x + "; " + y);
        }
        List<BatchOutcome.Item> items = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            Object row = a.data().get("m" + i);
            String id = row instanceof Map<?, ?> r && r.get(m.primaryKey()) != null ? String.valueOf(r.get(m.primaryKey())) : null;
            String error = errors.get("m" + i);
            items.add(new BatchOutcome.Item(writes.get(i), error == null ? id : null,
                    error == null && id == null ? "no id in the answer" : error));
        }
        return new BatchOutcome(null, items);
    }

    /** The fields that link files: many-to-one and many-to-many to the files collection. */
    private static List<String> fileLinks(DirectusModel m) {
        List<String> files = new ArrayList<>();
        m.manyToOne().forEach((f, r) -> {
            if (DirectusSchemaReader.FILES.equals(r.collection())) {
                files.add(f);
            }
        });
        m.manyToMany().forEach((f, j) -> {
            if (DirectusSchemaReader.FILES.equals(j.related())) {
                files.add(f);
            }
        });
        return files;
    }

    /** The Directus input of one write: values, links as nested keys, translations as one row per locale. */
    private Map<String, Object> input(DirectusModel m, EntryWrite w) {
        Map<String, Object> data = new LinkedHashMap<>();
        DirectusModel.Translations t = m.translations();
        Set<String> translated = t == null ? Set.of() : new HashSet<>(t.fields());
        w.values().forEach((k, v) -> {
            if (!translated.contains(k) && m.scalars().contains(k)) {
                data.put(k, v);
            } else if (m.manyToAny().containsKey(k)) {
                data.put(k, anyRows(m.manyToAny().get(k), v));
            }
        });
        w.links().forEach((field, ids) -> {
            DirectusModel.Related r = m.manyToOne().get(field);
            DirectusModel.Junction j = m.manyToMany().get(field);
            if (r != null) {
                data.put(field, ids.isEmpty() ? null : Map.of(r.primaryKey(), ids.get(0)));
            } else if (j != null) {
                List<Object> rows = new ArrayList<>();
                ids.forEach(id -> rows.add(Map.of(j.toRelated(), Map.of(j.relatedKey(), id))));
                data.put(field, rows);
            }
        });
        if (t != null && w.entry() != null) {
            List<Object> rows = new ArrayList<>();
            Map<String, Object> own = new LinkedHashMap<>();
            t.fields().forEach(f -> own.put(f, w.values().get(f)));
            rows.add(translation(t, defaultLocale, own));
            w.entry().localizations().forEach((locale, fields) -> rows.add(translation(t, locale, fields)));
            rows.removeIf(java.util.Objects::isNull);
            data.put(t.field(), rows);
        }
        return data;
    }

    /** The junction rows of a many-to-any value: collection and item key of each reference, numbered when sorted. */
    private static List<Object> anyRows(DirectusModel.AnyJunction j, Object value) {
        List<Object> rows = new ArrayList<>();
        if (value instanceof List<?> refs) {
            for (Object o : refs) {
                if (o instanceof Reference ref) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put(j.collectionField(), ref.model());
                    row.put(j.item(), ref.id());
                    if (j.sort() != null) {
                        row.put(j.sort(), rows.size() + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> translation(DirectusModel.Translations t, String locale, Map<String, Object> fields) {
        if (locale == null || fields.values().stream().allMatch(java.util.Objects::isNull)) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(t.language(), Map.of(t.languageKey(), locale));
        t.fields().forEach(f -> row.put(f, fields.get(f)));
        return row;
    }

    @Override
    public Optional<String> publish(ModelPlan plan, List<String> targetIds, boolean publish, List<String> locales) {
        DirectusModel m = model(plan.name());
        if (m.status() == null || targetIds.isEmpty()) {
            return Optional.empty();
        }
        Answer a = graphql.execute("mutation($ids: [ID]!, $d: update_" + m.collection() + "_input!) { update_" + m.collection()
                + "_items(ids: $ids, data: $d) { " + m.primaryKey() + " } }", Map.of("ids", targetIds,
                "d", Map.of(m.status(), publish ? PUBLISHED : DRAFT)));
        return a.errors().isEmpty() && a.status() < 400 ? Optional.empty() : Optional.of(a.errorMessages());
    }

    /**
     * Deletes items by primary key ({@code delete_<collection>_items(ids:)}, a delete by key, so an id the stage no
     * longer has is no error). Junction rows (many-to-many, many-to-any, translations) and links to the items follow
     * their relations' {@code on_delete}.
     */
    @Override
    public Optional<String> delete(ModelPlan plan, List<String> targetIds) {
        DirectusModel m = model(plan.name());
        if (targetIds.isEmpty()) {
            return Optional.empty();
        }
        Answer a = graphql.execute("mutation($ids: [ID]!) { delete_" + m.collection() + "_items(ids: $ids) { ids } }",
                Map.of("ids", targetIds));
        return a.errors().isEmpty() && a.status() < 400 ? Optional.empty() : Optional.of("HTTP " + a.status() + ": " + a.errorMessages());
    }

    @Override
    public boolean deletes() {
        return true;
    }

    private Answer query(String query, Map<String, Object> vars, String what) {
        Answer a = graphql.execute(query, vars);
        if (!a.errors().isEmpty() || a.status() >= 400) {
            throw new StageRequestException(stage, a.status(), false, what + " on stage " + stage + " failed: HTTP " + a.status()
                    + " " + a.errorMessages(), null);
        }
        return a;
    }
}
