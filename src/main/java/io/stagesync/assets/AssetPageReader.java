package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;
import io.stagesync.state.IdMapRepository;

import org.slf4j.Logger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Reads one page of the source's assets (cursor paging), counts it in the run's tally, and looks up in one request
 * which of its ids the target has. With {@code --full} it also checks, in one more request per page, that the target
 * assets the id map points at still exist, so a mapped asset deleted in the target is created again.
 */
public final class AssetPageReader {

    private static final Logger log = LoggerFactory.getLogger("stagesync.sync-assets");

    private final AssetApi api;
    private final IdMapRepository idMap;
    private final int pageSize;

    public AssetPageReader(AssetApi api, IdMapRepository idMap, int pageSize) {
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("stagesync.assets.page-size must be 1..100 (Hygraph's maximum), got: " + pageSize);
        }
        this.api = api;
        this.idMap = idMap;
        this.pageSize = pageSize;
    }

    /**
     * A page of source assets, which of their ids the target already has (a cloned environment keeps ids), and (with
     * {@code --full}) the source ids whose mapped target asset is gone.
     */
    public record AssetBatch(List<AssetApi.SourceAsset> assets, String endCursor, boolean hasNextPage, Set<String> inTarget,
                             Set<String> mappedGone) {
    }

    public AssetBatch read(String sourceStage, String targetStage, String after, AssetTally tally) {
        return read(sourceStage, targetStage, after, tally, false);
    }

    /** {@code full}: check that every mapped target asset of the page still exists (one look-up by ids per page). */
    public AssetBatch read(String sourceStage, String targetStage, String after, AssetTally tally, Boolean full) {
        AssetApi.AssetPage page = api.page(sourceStage, after == null || after.isEmpty() ? null : after, pageSize);
        List<String> ids = page.assets().stream().map(AssetApi.SourceAsset::id).toList();
        Set<String> inTarget = api.existing(targetStage, ids);
        Set<String> gone = Boolean.TRUE.equals(full) ? mappedGone(sourceStage, targetStage, ids) : Set.of();
        // counted once the page's look-ups succeeded: a page read again after a failure is not counted twice
        tally.pageRead(page);
        log.info("Asset page read stage={} after={} count={} sameIdInTarget={} mappedGone={} hasNextPage={}", sourceStage, after,
                page.assets().size(), inTarget.size(), gone.size(), page.hasNextPage());
        boolean more = page.hasNextPage() && !tally.cancelled();
        if (page.hasNextPage() && !more) {
            log.info("Asset sync cancelled stage={} after={}", sourceStage, page.endCursor());
        }
        return new AssetBatch(page.assets(), page.endCursor(), more, inTarget, gone);
    }

    private Set<String> mappedGone(String sourceStage, String targetStage, List<String> sourceIds) {
        Map<String, IdMapRepository.Mapping> mapped = idMap.findAll(sourceStage, targetStage, AssetPlanner.MODEL, sourceIds);
        if (mapped.isEmpty()) {
            return Set.of();
        }
        Set<String> present = api.existing(targetStage, mapped.values().stream().map(IdMapRepository.Mapping::targetId).distinct().toList());
        Set<String> gone = new HashSet<>();
        mapped.forEach((sourceId, m) -> {
            if (!present.contains(m.targetId())) {
                gone.add(sourceId);
            }
        });
        return gone;
    }
}
