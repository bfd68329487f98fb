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
    public void runStarting() {
        client.resetBreaker();
    }

    @Override
    public StageSchema describe() {
        SchemaIntrospector.Description d = introspector.introspect(client);
        names = d.names();
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
        GraphQLResult result = client.execute(documents.readQuery(plan, names(plan), locales), vars);
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
            SourceEntry entry = normalizer.normalize(plan, locales.get(0), node);
            entry.links().forEach((field, ids) -> {
                if (ids.size() >= ReadDocumentBuilder.NESTED_FIRST) {
                    warnings.add(plan.name() + " " + entry.id() + "." + field + ": " + ids.size()
                            + " links read, the stage's nested page limit; further links are not synced");
                }
            });
            entries.add(entry);
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

    private static long count(Object connection) {
        return connection instanceof Map<?, ?> c && c.get("aggregate") instanceof Map<?, ?> a && a.get("count") instanceof Number n
                ? n.longValue() : -1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<SourceEntry> readByIds(ModelPlan plan, List<String> locales, List<String> ids) {
        GraphQLResult r = client.execute(documents.targetReadQuery(plan, names(plan), locales), Map.of("ids", ids));
        if (r.hasErrors()) {
            throw new IllegalStateException("Reading " + plan.name() + " from stage " + stage() + " failed: " + r.errorMessages());
        }
        List<SourceEntry> entries = new ArrayList<>();
        for (Object node : (List<Object>) r.data().get("page")) {
            entries.add(normalizer.normalize(plan, locales.get(0), (Map<String, Object>) node));
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
            return batches.build(plan.name(), writes, writes.stream().map(w -> inputs.data(plan, w)).toList());
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
