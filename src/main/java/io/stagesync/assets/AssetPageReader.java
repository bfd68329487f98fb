package io.stagesync.assets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one page of the source's assets (cursor paging) and counts it in the run's tally.
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

    public AssetApi.AssetPage read(String sourceStage, String after, AssetTally tally) {
        AssetApi.AssetPage page = api.page(sourceStage, after == null || after.isEmpty() ? null : after, pageSize);
        tally.pageRead(page);
        log.info("Asset page read stage={} after={} count={} hasNextPage={}", sourceStage, after, page.assets().size(), page.hasNextPage());
        return page;
    }
}
