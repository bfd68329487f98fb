package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;
import io.stagesync.state.IdMapRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the publish state of a page's assets once their files are in the target: an asset published in the source is
 * published in the target, one that is only a draft in the source is unpublished there. Assets have no localizations
 * in the dialect seam, so the publish state is one per asset. An asset whose published version in the source is older
 * than its draft is published in the target only when it is not published there yet (the target has one version of
 * the file to publish: the draft's).
 */
public final class AssetPublisher {

    private static final Logger log = LoggerFactory.getLogger("stagesync.sync-assets");

    private final AssetApi api;
    private final IdMapRepository idMap;

    public AssetPublisher(AssetApi api, IdMapRepository idMap) {
        this.api = api;
        this.idMap = idMap;
    }

    /** What a page needs: target ids to publish and to unpublish, each with its source id (for the report). */
    public record Changes(Map<String, String> publish, Map<String, String> unpublish) {
        public boolean isEmpty() {
            return publish.isEmpty() && unpublish.isEmpty();
        }
    }

    /** Copies the publish state of a page's assets: {@link #changes}, then {@link #apply}. */
    public Changes copy(AssetPageReader.AssetBatch batch, String sourceStage, String targetStage, AssetTally tally, Boolean plan) {
        return apply(changes(batch, sourceStage, targetStage, tally), targetStage, tally, plan);
    }

    /**
     * Compares the publish state of the page's synced assets in both stages (one look-up per stage); assets that
     * failed in this run, or whose upload is not finished, are left out.
     */
    public Changes changes(AssetPageReader.AssetBatch batch, String sourceStage, String targetStage, AssetTally tally) {
        List<String> ids = batch.assets().stream().map(AssetApi.SourceAsset::id).filter(id -> !tally.failed(id)).toList();
        Map<String, String> targetOf = new LinkedHashMap<>();
        Map<String, IdMapRepository.Mapping> mapped = idMap.findAll(sourceStage, targetStage, AssetPlanner.MODEL, ids);
        for (String id : ids) {
            IdMapRepository.Mapping m = mapped.get(id);
            if (m != null) {
                if (AssetFileRecord.parse(m.contentHash()).map(r -> !r.pending()).orElse(true)) {
                    targetOf.put(id, m.targetId());
                }
            } else if (batch.inTarget().contains(id)) {
                targetOf.put(id, id);
            }
        }
        Map<String, String> publish = new LinkedHashMap<>();
        Map<String, String> unpublish = new LinkedHashMap<>();
        if (targetOf.isEmpty()) {
            return new Changes(publish, unpublish);
        }
        Map<String, AssetApi.Versions> source = api.versions(sourceStage, List.copyOf(targetOf.keySet()));
        Map<String, AssetApi.Versions> target = api.versions(targetStage, List.copyOf(targetOf.values()));
        targetOf.forEach((sourceId, targetId) -> {
            AssetApi.Versions s = source.get(sourceId);
            AssetApi.Versions t = target.get(targetId);
            if (s == null || t == null) {
                return;
            }
            if (s.published() && (!t.published() || s.publishedCurrent() && !t.publishedCurrent())) {
                publish.put(targetId, sourceId);
            } else if (!s.published() && t.published()) {
                unpublish.put(targetId, sourceId);
            }
        });
        return new Changes(publish, unpublish);
    }

    /** Publishes and unpublishes what {@link #changes} found, one call each; nothing is written in a plan. */
    public Changes apply(Changes changes, String targetStage, AssetTally tally, Boolean plan) {
        if (!Boolean.TRUE.equals(plan) && !changes.isEmpty()) {
            api.publish(targetStage, List.copyOf(changes.publish().keySet()), true);
            api.publish(targetStage, List.copyOf(changes.unpublish().keySet()), false);
            log.info("Asset publish state copied target={} published={} unpublished={}", targetStage, changes.publish().size(),
                    changes.unpublish().size());
        }
        tally.publishState(changes.publish().size(), changes.unpublish().size());
        return changes;
    }

    /**
     * Records the page's assets (those not failed otherwise) as not having their publish state checked or copied,
     * with the reason; the next run copies it.
     */
    public void failed(AssetPageReader.AssetBatch batch, String reason, AssetTally tally) {
        batch.assets().stream().map(AssetApi.SourceAsset::id).filter(id -> !tally.failed(id))
                .forEach(id -> tally.publishFailed(id, "publish state not copied: " + reason));
    }
}
