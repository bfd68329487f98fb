package io.stagesync.sync;

import io.stagesync.assets.AssetPlanner;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.ContentState;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.PageRequest;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.SourcePage;
import io.stagesync.state.IdMapRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds what a mirror sync deletes, after the sync phases: a target entry (of a model in the run) or asset is kept
 * when the id map maps a source entry that still exists to it, or when the run matched it to one (a plan, which maps
 * nothing); everything else in the target goes. Both stages are listed whole, so the answer does not depend on what
 * an incremental run read.
 */
public final class MirrorPlanner {

    private static final Logger log = LoggerFactory.getLogger("stagesync.mirror-target");
    private static final int ASSET_PAGE = 100;

    private final IdMapRepository idMap;
    private final Supplier<AssetApi> assets;

    public MirrorPlanner(IdMapRepository idMap, Supplier<AssetApi> assets) {
        this.idMap = idMap;
        this.assets = assets;
    }

    public MirrorDeletions plan(SyncRun run) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        Map<String, List<String>> stale = new LinkedHashMap<>();
        for (String model : run.modelNames()) {
            ModelPlan plan = run.model(model);
            Set<String> sourceIds = ids(run.source(), plan, run);
            Set<String> kept = new HashSet<>(run.keptTargets(model));
            List<String> gone = new ArrayList<>();
            idMap.findModel(run.sourceStage(), run.targetStage(), model).forEach((sourceId, m) -> {
                if (sourceIds.contains(sourceId)) {
                    kept.add(m.targetId());
                } else {
                    gone.add(sourceId);
                }
            });
            List<String> delete = ids(run.target(), plan, run).stream()
                    .filter(id -> !kept.contains(id) && !sourceIds.contains(id)).toList();
            entries.put(model, delete);
            stale.put(model, gone);
            log.info("Mirror deletions model={} target={} delete={} staleMappings={}", model, run.targetStage(), delete.size(), gone.size());
        }
        List<String> assetIds = new ArrayList<>();
        List<String> staleAssets = new ArrayList<>();
        if (assetsInScope(run)) {
            Set<String> source = assetIds(run.sourceStage());
            Set<String> kept = new HashSet<>(source);
            idMap.findModel(run.sourceStage(), run.targetStage(), AssetPlanner.MODEL).forEach((sourceId, m) -> {
                if (source.contains(sourceId)) {
                    kept.add(m.targetId());
                } else {
                    staleAssets.add(sourceId);
                }
            });
            assetIds(run.targetStage()).stream().filter(id -> !kept.contains(id)).forEach(assetIds::add);
            log.info("Mirror deletions model=Asset target={} delete={} staleMappings={}", run.targetStage(), assetIds.size(), staleAssets.size());
        }
        return new MirrorDeletions(entries, stale, assetIds, staleAssets);
    }

    /** Whether the mirror deletes assets: only when the run's asset phase ran to its end. */
    static boolean assetsInScope(SyncRun run) {
        return String.valueOf(run.phases().get("assets")).startsWith("done");
    }

    /** Every entry id of a model in a stage, page by page. */
    private static Set<String> ids(Dialect stage, ModelPlan plan, SyncRun run) {
        Set<String> ids = new LinkedHashSet<>();
        String cursor = null;
        SourcePage page;
        do {
            page = stage.readPage(plan, run.plan().locales(), new PageRequest(cursor, null, run.settings().pageSize(), ContentState.DRAFT));
            page.entries().stream().map(SourceEntry::id).forEach(ids::add);
            cursor = page.endCursor();
        } while (page.hasNext() && !page.entries().isEmpty());
        return ids;
    }

    private Set<String> assetIds(String stage) {
        Set<String> ids = new LinkedHashSet<>();
        String after = null;
        AssetApi.AssetPage page;
        do {
            page = assets.get().page(stage, after, ASSET_PAGE);
            page.assets().forEach(a -> ids.add(a.id()));
            after = page.endCursor();
        } while (page.hasNextPage() && !page.assets().isEmpty());
        return ids;
    }
}
