package io.stagesync.hygraph;

import io.stagesync.dialect.BatchOutcome;
import io.stagesync.dialect.ContentState;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.LookupKey;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.PageRequest;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.SourcePage;
import io.stagesync.dialect.StageRequestException;
import io.stagesync.dialect.StageSchema;
import io.stagesync.dialect.TargetMatches;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Hygraph dialect of one stage: every GraphQL document of the entry sync, built from the introspected schema
 * and sent through the stage's {@link HygraphClient}.
 */
public final class HygraphDialect implements Dialect {

    private final HygraphClient client;
    private final ReadDocumentBuilder documents;
    private final SchemaIntrospector introspector = new SchemaIntrospector();
    private final EntryNormalizer normalizer = new EntryNormalizer();
    private final MutationBatchBuilder batches = new MutationBatchBuilder();
    private final HygraphInputs inputs = new HygraphInputs();
    private volatile Map<String, HygraphModel> names;
    private volatile Map<String, List<io.stagesync.dialect.FieldSchema>> components = Map.of();
    private volatile List<String> locales = List.of("en");

    public HygraphDialect(HygraphClient client, ReadDocumentBuilder documents) {
        this.client = client;
        this.documents = documents;
    }

    @Override
    public String stage() {
        return client.stage();
    }

    @Override
    public void probe() {
        GraphQLResult result = client.execute("{ __typename }", null);
        if (result.status() >= 400 || result.data() == null) {
            throw new StageRequestException(stage(), result.status(), false, "stage '" + stage() + "' answered HTTP "
                    + result.status() + ": " + result.errorMessages(), null);
        }
    }

    @Override
    public List<io.stagesync.dialect.ScheduledChange> pendingSchedules() {
        return ScheduledOperationsReader.pending(client, stage());
    }

    @Override
    public void runStarting() {
        client.resetBreaker();
    }

    @Override
    public StageSchema describe() {
        SchemaIntrospector.Description d = introspector.introspect(client);
        names = d.names();
        components = d.schema().components();
        locales = d.schema().locales();
        return d.schema();
    }

    private HygraphModel names(ModelPlan plan) {
        if (names == null) {
            describe();
        }
        HygraphModel n = names.get(plan.name());
        if (n == null) {
            throw new IllegalStateException("Model " + plan.name() + " is not in the schema of stage " + stage());
        }
        return n;
    }

    @Override
    @SuppressWarnings("unchecked")
    public SourcePage readPage(ModelPlan plan, List<String> locales, PageRequest request) {
        if (request.state() == ContentState.PUBLISHED) {
            return readPublished(plan, locales, request);
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("first", request.first());
        vars.put("after", request.cursor());
        vars.put("where", request.watermark() == null ? null : Map.of("updatedAt_gt", request.watermark()));
        vars.put("recent", request.watermark() == null ? null : Map.of("publishedAt_gt", request.watermark()));
        GraphQLResult result = client.execute(documents.readQuery(plan, names(plan), locales, components), vars);
        Object page = result.data().get("page");
        if (result.hasErrors() || !(page instanceof Map)) {
            throw new IllegalStateException("Reading " + plan.name() + " from stage " + stage() + " failed after cursor "
                    + request.cursor() + ": " + result.errorMessages());
        }
        Map<String, Object> connection = (Map<String, Object>) page;
        Map<String, Object> info = (Map<String, Object>) connection.get("pageInfo");
        List<SourceEntry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Object edge : (List<Object>) connection.get("edges")) {
            Map<String, Object> node = (Map<String, Object>) ((Map<String, Object>) edge).get("node");
            completeLists(plan, locales, node);
            entries.add(normalizer.normalize(plan, locales.get(0), node, components, warnings));
        }
        String latest = null;
        if (result.data().get("latest") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> n) {
            latest = (String) n.get("updatedAt");
        }
        return new SourcePage(entries, (String) info.get("endCursor"), Boolean.TRUE.equals(info.get("hasNextPage")),
                count(connection), latest, count(result.data().get("published")), count(result.data().get("recent")), warnings);
    }

    /** The published entries' ids and publish times (no field values). */
    @SuppressWarnings("unchecked")
    private SourcePage readPublished(ModelPlan plan, List<String> locales, PageRequest request) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("after", request.cursor());
        GraphQLResult r = client.execute(documents.publishedQuery(plan, names(plan), locales), vars);
        if (r.hasErrors() || !(r.data().get("page") instanceof Map)) {
            throw new IllegalStateException("Listing published " + plan.name() + " of stage " + stage() + " failed: " + r.errorMessages());
        }
        Map<String, Object> page = (Map<String, Object>) r.data().get("page");
        List<SourceEntry> entries = new ArrayList<>();
        for (Object edge : (List<Object>) page.get("edges")) {
            Map<String, Object> node = (Map<String, Object>) ((Map<String, Object>) edge).get("node");
            String at = node.get("publishedAt") == null ? "published" : node.get("publishedAt").toString();
            entries.add(new SourceEntry((String) node.get("id"), null, null, Map.of(), Map.of(), Map.of(), at));
        }
        Map<String, Object> info = (Map<String, Object>) page.get("pageInfo");
        return new SourcePage(entries, (String) info.get("endCursor"), Boolean.TRUE.equals(info.get("hasNextPage")), -1, null,
                -1, -1, List.of());
    }

    /**
     * Reads the rest of every top-level list that filled a nested page (links, unions, components), page by page,
     * into the node (and its published version), so long lists are written whole and in order.
     */
    @SuppressWarnings("unchecked")
    private void completeLists(ModelPlan plan, List<String> locales, Map<String, Object> node) {
        List<Map<String, Object>> versions = new ArrayList<>(List.of(node));
        List<String> stages = new ArrayList<>(List.of("DRAFT"));
        if (node.get("documentInStages") instanceof List<?> published && !published.isEmpty()
                && published.get(0) instanceof Map<?, ?> p && p.containsKey("id")) {
            versions.add((Map<String, Object>) p);
            stages.add("PUBLISHED");
        }
        for (io.stagesync.dialect.FieldSchema f : plan.written()) {
            // the paged kinds: links, unions and components (scalar and enum lists come whole)
            if (!f.list() || f.localized() || !(f.isLink() || f.kind() == io.stagesync.dialect.FieldSchema.Kind.UNION
                    || f.kind() == io.stagesync.dialect.FieldSchema.Kind.COMPONENT)) {
                continue;
            }
            for (int v = 0; v < versions.size(); v++) {
                Object raw = versions.get(v).get(f.name());
                if (!(raw instanceof List<?> list) || list.size() < ReadDocumentBuilder.NESTED_FIRST) {
                    continue;
                }
                List<Object> all = new ArrayList<>(list);
                String query = documents.moreQuery(plan, names(plan), locales, components, f, stages.get(v));
                List<Object> more;
                do {
                    Map<String, Object> vars = new HashMap<>();
                    vars.put("id", node.get("id"));
                    vars.put("skip", all.size());
                    GraphQLResult r = client.execute(query, vars);
                    if (r.hasErrors() || !(r.data().get("e") instanceof List<?> e) || e.isEmpty()) {
                        throw new IllegalStateException("Reading the rest of " + plan.name() + " " + node.get("id") + "." + f.name()
                                + " from stage " + stage() + " failed after " + all.size() + " items: " + r.errorMessages());
                    }
                    more = (List<Object>) ((Map<String, Object>) e.get(0)).get("f");
                    all.addAll(more);
                } while (more.size() >= ReadDocumentBuilder.NESTED_FIRST);
                versions.get(v).put(f.name(), all);
            }
        }
        for (io.stagesync.dialect.FieldSchema f : plan.written()) {
            if (f.kind() == io.stagesync.dialect.FieldSchema.Kind.COMPONENT) {
                for (int v = 0; v < versions.size(); v++) {
                    completeInComponents(versions.get(v).get(f.name()), stages.get(v), locales, plan.name() + " " + node.get("id") + "." + f.name());
                }
            }
        }
    }

    /**
     * Reads the rest of every list inside the given components (and the components below them) that filled a nested
     * page, through {@code entities} by the component's id, page by page, into the read value.
     */
    @SuppressWarnings("unchecked")
    private void completeInComponents(Object value, String stage, List<String> locales, String path) {
        for (Object item : value instanceof List<?> l ? l : value == null ? List.of() : List.of(value)) {
            if (!(item instanceof Map<?, ?> m)) {
                continue;
            }
            Map<String, Object> raw = (Map<String, Object>) m;
            String type = (String) raw.get(ValueNormalizer.TYPENAME);
            for (io.stagesync.dialect.FieldSchema g : components.getOrDefault(type, List.of())) {
                String key = type + FieldSelections.SEPARATOR + g.name();
                boolean paged = g.list() && !g.localized() && (g.isLink() || g.kind() == io.stagesync.dialect.FieldSchema.Kind.UNION
                        || g.kind() == io.stagesync.dialect.FieldSchema.Kind.COMPONENT);
                if (paged && raw.get(key) instanceof List<?> list && list.size() >= ReadDocumentBuilder.NESTED_FIRST
                        && raw.get(type + FieldSelections.SEPARATOR + "id") instanceof String id) {
                    List<Object> all = new ArrayList<>(list);
                    String query = documents.componentMoreQuery(type, g, locales, components, stage);
                    List<Object> more;
                    do {
                        GraphQLResult r = client.execute(query, Map.of("id", id, "skip", all.size()));
                        if (r.hasErrors() || !(r.data().get("e") instanceof List<?> e) || e.isEmpty()) {
                            throw new IllegalStateException("Reading the rest of " + path + "." + g.name() + " (a " + type
                                    + " component) from stage " + stage() + " failed after " + all.size() + " items: " + r.errorMessages());
                        }
                        more = (List<Object>) ((Map<String, Object>) e.get(0)).get("f");
                        all.addAll(more);
                    } while (more.size() >= ReadDocumentBuilder.NESTED_FIRST);
                    raw.put(key, all);
                }
                if (g.kind() == io.stagesync.dialect.FieldSchema.Kind.COMPONENT) {
                    completeInComponents(raw.get(key), stage, locales, path + "." + g.name());
                }
            }
        }
    }

    private static long count(Object connection) {
        return connection instanceof Map<?, ?> c && c.get("aggregate") instanceof Map<?, ?> a && a.get("count") instanceof Number n
                ? n.longValue() : -1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<SourceEntry> readByIds(ModelPlan plan, List<String> locales, List<String> ids) {
        GraphQLResult r = client.execute(documents.targetReadQuery(plan, names(plan), locales, components), Map.of("ids", ids));
        if (r.hasErrors()) {
            throw new IllegalStateException("Reading " + plan.name() + " from stage " + stage() + " failed: " + r.errorMessages());
        }
        List<SourceEntry> entries = new ArrayList<>();
        for (Object node : (List<Object>) r.data().get("page")) {
            completeLists(plan, locales, (Map<String, Object>) node);
            entries.add(normalizer.normalize(plan, locales.get(0), (Map<String, Object>) node, components, new ArrayList<>()));
        }
        return entries;
    }

    @Override
    public int maxIdsPerCall() {
        return ReadDocumentBuilder.NESTED_FIRST;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long count(ModelPlan plan, List<String> locales) {
        GraphQLResult r = client.execute(documents.countQuery(plan, names(plan), locales), Map.of());
        Object page = r.data().get("page");
        if (r.hasErrors() || !(page instanceof Map)) {
            throw new IllegalStateException("Counting " + plan.name() + " in stage " + stage() + " failed: " + r.errorMessages());
        }
        return ((Number) ((Map<String, Object>) ((Map<String, Object>) page).get("aggregate")).get("count")).longValue();
    }

    @Override
    public TargetMatches lookup(ModelPlan plan, List<String> locales, List<LookupKey> keys) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("ids", keys.stream().map(LookupKey::sourceId).toList());
        if (plan.sourceIdField() != null) {
            vars.put("keys", keys.stream().map(LookupKey::storedSourceId).filter(Objects::nonNull).toList());
        }
        if (plan.matchField() != null) {
            vars.put("matches", keys.stream().map(LookupKey::matchValue).filter(Objects::nonNull).toList());
        }
        GraphQLResult r = client.execute(documents.lookupQuery(plan, names(plan), locales), vars);
        if (r.hasErrors()) {
            throw new IllegalStateException("Looking up " + plan.name() + " in stage " + stage() + " failed: " + r.errorMessages());
        }
        Set<String> sameIds = new HashSet<>(index(r.data().get("byId"), "id").keySet());
        return new TargetMatches(sameIds,
                plan.sourceIdField() == null ? Map.of() : index(r.data().get("byKey"), plan.sourceIdField()),
                plan.matchField() == null ? Map.of() : index(r.data().get("byMatch"), plan.matchField()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> index(Object list, String keyField) {
        Map<String, String> index = new HashMap<>();
        for (Object o : list instanceof List<?> l ? l : new ArrayList<>()) {
            Map<String, Object> node = (Map<String, Object>) o;
            if (node.get(keyField) != null) {
                index.put(String.valueOf(node.get(keyField)), (String) node.get("id"));
            }
        }
        return index;
    }

    @Override
    public BatchOutcome write(ModelPlan plan, List<EntryWrite> writes, Resend resend) {
        WriteCall call = new WriteCall(plan, writes, resend);
        GraphQLResult r = client.execute(call);
        List<EntryWrite> sent = call.writes;
        boolean wholeRefused = r.status() >= 400 || (r.hasErrors() && r.errors().stream().allMatch(e -> GraphQLResult.pathHead(e) == null));
        if (wholeRefused) {
            return BatchOutcome.refused(r.errorMessages());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        r.errors().forEach(e -> errors.merge(String.valueOf(GraphQLResult.pathHead(e)), String.valueOf(e.get("message")), (a, b) -> a + "; " + b));
        List<BatchOutcome.Item> items = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Object node = r.data().get("m" + i);
            if (errors.containsKey("m" + i) || !(node instanceof Map<?, ?> m) || m.get("id") == null) {
                items.add(new BatchOutcome.Item(sent.get(i), null, errors.getOrDefault("m" + i, "no id returned for the write")));
            } else {
                items.add(new BatchOutcome.Item(sent.get(i), (String) m.get("id"), null));
            }
        }
        return new BatchOutcome(null, items);
    }

    @Override
    public Optional<String> publish(ModelPlan plan, List<String> targetIds, boolean publish, List<String> locales) {
        String query = documents.publishMutation(names(plan), publish, locales, maxIdsPerCall());
        if (query == null) {
            return Optional.of("the stage has no bulk " + (publish ? "publish" : "unpublish") + " mutation for " + plan.name());
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("ids", targetIds);
        GraphQLResult r = client.execute(query, vars);
        return r.hasErrors() ? Optional.of(r.errorMessages()) : Optional.empty();
    }

    @Override
    public Optional<String> delete(ModelPlan plan, List<String> targetIds) {
        String query = documents.deleteMutation(names(plan), maxIdsPerCall());
        if (query == null) {
            return Optional.of("the stage has no bulk delete mutation for " + plan.name());
        }
        GraphQLResult r = client.execute(query, Map.of("ids", targetIds));
        return r.hasErrors() ? Optional.of(r.errorMessages()) : Optional.empty();
    }

    @Override
    public boolean deletes() {
        return true;
    }

    /**
     * The target's top-level component ids ({@code [{__typename, id}]}) by entry and field, for the updates of a
     * batch, so an update replaces a component list instead of adding to it; long lists are read page by page.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, List<Map<String, Object>>>> existingComponents(ModelPlan plan, List<EntryWrite> writes) {
        List<io.stagesync.dialect.FieldSchema> fields = plan.values().stream()
                .filter(f -> f.kind() == io.stagesync.dialect.FieldSchema.Kind.COMPONENT && f.list()).toList();
        List<String> ids = writes.stream().filter(w -> !w.create() && w.targetId() != null).map(EntryWrite::targetId).toList();
        Map<String, Map<String, List<Map<String, Object>>>> result = new HashMap<>();
        if (fields.isEmpty() || ids.isEmpty()) {
            return result;
        }
        GraphQLResult r = client.execute(documents.componentIdsQuery(plan, names(plan), fields, false), Map.of("ids", ids));
        if (r.hasErrors() || !(r.data().get("page") instanceof List<?> page)) {
            throw new IllegalStateException("Reading the components of " + plan.name() + " in stage " + stage() + " failed: " + r.errorMessages());
        }
        for (Object o : page) {
            Map<String, Object> node = (Map<String, Object>) o;
            Map<String, List<Map<String, Object>>> byField = new HashMap<>();
            for (io.stagesync.dialect.FieldSchema f : fields) {
                List<Map<String, Object>> all = new ArrayList<>((List<Map<String, Object>>) node.get(f.name()));
                List<Map<String, Object>> more = all;
                while (more.size() >= ReadDocumentBuilder.NESTED_FIRST) {
                    Map<String, Object> vars = new HashMap<>();
                    vars.put("ids", List.of(node.get("id")));
                    vars.put("skip", all.size());
                    GraphQLResult m = client.execute(documents.componentIdsQuery(plan, names(plan), List.of(f), true), vars);
                    if (m.hasErrors() || !(m.data().get("page") instanceof List<?> p) || p.isEmpty()) {
                        throw new IllegalStateException("Reading the components of " + plan.name() + " " + node.get("id") + "." + f.name()
                                + " in stage " + stage() + " failed: " + m.errorMessages());
                    }
                    more = (List<Map<String, Object>>) ((Map<String, Object>) p.get(0)).get(f.name());
                    all.addAll(more);
                }
                byField.put(f.name(), all);
            }
            result.put((String) node.get("id"), byField);
        }
        return result;
    }

    /** One batch request; after an ambiguous failure it asks what to send instead and rebuilds its document. */
    private final class WriteCall implements GraphQLCall {
        private final ModelPlan plan;
        private final Resend resend;
        private List<EntryWrite> writes;
        private MutationBatchBuilder.Batch batch;

        WriteCall(ModelPlan plan, List<EntryWrite> writes, Resend resend) {
            this.plan = plan;
            this.resend = resend;
            this.writes = writes;
            this.batch = build();
        }

        private MutationBatchBuilder.Batch build() {
            Map<String, Map<String, List<Map<String, Object>>>> existing = existingComponents(plan, writes);
            ValueInputs values = new ValueInputs(components, locales);
            return batches.build(plan.name(), writes, writes.stream()
                    .map(w -> inputs.data(plan, w, values, w.create() ? Map.of() : existing.getOrDefault(w.targetId(), Map.of()))).toList());
        }

        @Override
        public String query() {
            return batch.query();
        }

        @Override
        public Map<String, Object> variables() {
            return batch.variables();
        }

        @Override
        public GraphQLCall afterAmbiguousFailure() {
            List<EntryWrite> next = resend.before(writes);
            if (next != writes) {
                writes = next;
                batch = build();
            }
            return this;
        }
    }
}
