package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import org.slf4j.Logger;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Reads one page of the source's assets (cursor paging), counts it in the run's tally, and looks up in one request
 * which of its ids the target has.
 */
public final class AssetPageReader {

    private static final Logger log = LoggerFactory.getLogger("stagesync.sync-assets");

    private final AssetApi api;
    private final int pageSize;

    public AssetPageReader(AssetApi api, int pageSize) {
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("stagesync.assets.page-size must be 1..100 (Hygraph's maximum), got: " + pageSize);
        }
        this.api = api;
        this.pageSize = pageSize;
    }

    /** A page of source assets and which of their ids the target already has (a cloned environment keeps ids). */
    public record AssetBatch(List<AssetApi.SourceAsset> assets, String endCursor, boolean hasNextPage, Set<String> inTarget) {
    }

    public AssetBatch read(String sourceStage, String targetStage, String after, AssetTally tally) {
        AssetApi.AssetPage page = api.page(sourceStage, after == null || after.isEmpty() ? null : after, pageSize);
        tally.pageRead(page);
        Set<String> inTarget = api.existing(targetStage, page.assets().stream().map(AssetApi.SourceAsset::id).toList());
        log.info("Asset page read stage={} after={} count={} sameIdInTarget={} hasNextPage={}", sourceStage, after,
                page.assets().size(), inTarget.size(), page.hasNextPage());
        boolean more = page.hasNextPage() && !tally.cancelled();
        if (page.hasNextPage() && !more) {
            log.info("Asset sync cancelled stage={} after={}", sourceStage, page.endCursor());
        }
        return new AssetBatch(page.assets(), page.endCursor(), more, inTarget);
    }
}
