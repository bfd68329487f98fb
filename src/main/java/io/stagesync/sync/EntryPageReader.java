package io.stagesync.sync;

import io.stagesync.graphql.GraphQLResult;
import io.stagesync.sync.schema.ModelPlan;
import io.stagesync.sync.state.CheckpointStore;
import io.stagesync.sync.state.SyncCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a model's source entries page by page with the connection cursor, from the watermark of the last
 * successful run (or everything with {@code --full}), resuming an interrupted run at its checkpoint.
 */
public final class EntryPageReader {

    private static final Logger log = LoggerFactory.getLogger(EntryPageReader.class);
    public static final String PHASE = "entries";

    private final CheckpointStore checkpoints;
    private final ReadDocumentBuilder documents;
    private final EntryNormalizer normalizer = new EntryNormalizer();

    public EntryPageReader(CheckpointStore checkpoints, ReadDocumentBuilder documents) {
        this.checkpoints = checkpoints;
        this.documents = documents;
    }

    /** The checkpoint a model's pass starts from. */
    public SyncCheckpoint start(SyncRun run, String model) {
        SyncCheckpoint resumed = run.resumeFrom(model);
        if (resumed != null && !run.planOnly()) {
            log.info("Resuming model={} runId={} pages={} cursor={} done={}", model, run.runId(), resumed.pages(),
                    resumed.cursor(), resumed.done());
            return resumed;
        }
        boolean incremental = !run.full() && !run.planOnly() && run.model(model).model().whereFields().contains("updatedAt_gte");
        String watermark = incremental ? checkpoints.watermark(run.sourceStage(), run.targetStage(), model).orElse(null) : null;
        log.info("Starting model={} runId={} watermark={}", model, run.runId(), watermark);
        run.progress().phaseStarted(PHASE + ":" + model, -1);
        return SyncCheckpoint.start(run.sourceStage(), run.targetStage(), PHASE, model, watermark);
    }

    /** Reads the page after the checkpoint's cursor. */
    @SuppressWarnings("unchecked")
    public EntryPage read(SyncRun run, SyncCheckpoint cp) {
        ModelPlan plan = run.model(cp.model());
        Map<String, Object> vars = new HashMap<>();
        vars.put("first", run.settings().pageSize());
        vars.put("after", cp.cursor());
        vars.put("where", cp.watermark() == null ? null : Map.of("updatedAt_gte", cp.watermark()));
        GraphQLResult result = run.source().execute(documents.readQuery(plan, run.plan().locales()), vars);
        Object page = result.data().get("page");
        if (result.hasErrors() || !(page instanceof Map)) {
            throw new IllegalStateException("Reading " + cp.model() + " from stage " + run.sourceStage() + " failed after cursor "
                    + cp.cursor() + ": " + result.errorMessages());
        }
        Map<String, Object> connection = (Map<String, Object>) page;
        Map<String, Object> info = (Map<String, Object>) connection.get("pageInfo");
        List<SourceEntry> entries = new ArrayList<>();
        for (Object edge : (List<Object>) connection.get("edges")) {
            Map<String, Object> node = (Map<String, Object>) ((Map<String, Object>) edge).get("node");
            entries.add(normalizer.normalize(plan, run.plan().defaultLocale(), node));
        }
        Object aggregate = connection.get("aggregate");
        long total = aggregate instanceof Map<?, ?> a && a.get("count") instanceof Number n ? n.longValue() : -1;
        run.counters(cp.model()).read.addAndGet(entries.size());
        log.debug("Read page model={} count={} after={}", cp.model(), entries.size(), cp.cursor());
        String latest = null;
        if (result.data().get("latest") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> n) {
            latest = (String) n.get("updatedAt");
        }
        return new EntryPage(cp.model(), entries, (String) info.get("endCursor"),
                Boolean.TRUE.equals(info.get("hasNextPage")), total, latest);
    }
}
