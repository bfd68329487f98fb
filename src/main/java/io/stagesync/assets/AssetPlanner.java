package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import io.stagesync.state.IdMapRepository;
import org.apache.camel.spi.IdempotentRepository;

import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what one source asset needs in the target: nothing (already synced with this content), an update of the
 * asset the id map or a cloned environment's same id points at, or a create.
 */
public final class AssetPlanner {

    public static final String MODEL = "Asset";

    private static final Logger log = LoggerFactory.getLogger("stagesync.sync-assets");

    private final IdMapRepository idMap;
    private final IdempotentRepository seen;
    private final AssetHasher hasher;

    public AssetPlanner(IdMapRepository idMap, IdempotentRepository seen, AssetHasher hasher) {
        this.idMap = idMap;
        this.seen = seen;
        this.hasher = hasher;
    }

    /** {@code inTarget}: the ids of the asset's page that the target has, looked up for the whole page. */
    public AssetPlan plan(AssetApi.SourceAsset asset, String sourceStage, String targetStage, Set<String> inTarget) {
        return plan(asset, sourceStage, targetStage, inTarget, Set.of());
    }

    /**
     * {@code mappedGone}: the source ids of the page whose mapped target asset is gone ({@code --full} checks it): their
     * id map row and idempotency key are dropped, so the asset is created again instead of being skipped from memory.
     */
    public AssetPlan plan(AssetApi.SourceAsset asset, String sourceStage, String targetStage, Set<String> inTarget,
                          Set<String> mappedGone) {
        String hash = hasher.contentHash(asset);
        String messageId = hasher.messageId(sourceStage, targetStage, asset.id(), hash);
        if (mappedGone.contains(asset.id())) {
            seen.remove(messageId);
            idMap.delete(sourceStage, targetStage, MODEL, asset.id());
            log.info("Mapped target asset is gone, creating it again sourceId={} target={}", asset.id(), targetStage);
        }
        Optional<IdMapRepository.Mapping> mapped = idMap.find(sourceStage, targetStage, MODEL, asset.id());
        AssetFileRecord record = mapped.flatMap(m -> AssetFileRecord.parse(m.contentHash())).orElse(null);
        if (mapped.isPresent() && seen.contains(messageId)) {
            return new AssetPlan(AssetPlan.UNCHANGED, asset, sourceStage, targetStage, mapped.get().targetId(), record, hash, messageId);
        }
        if (mapped.isPresent()) {
            return new AssetPlan(AssetPlan.UPDATE, asset, sourceStage, targetStage, mapped.get().targetId(), record, hash, messageId);
        }
        // a cloned environment keeps the ids of its assets
        if (inTarget.contains(asset.id())) {
            return new AssetPlan(AssetPlan.UPDATE, asset, sourceStage, targetStage, asset.id(), null, hash, messageId);
        }
        return new AssetPlan(AssetPlan.CREATE, asset, sourceStage, targetStage, null, null, hash, messageId);
    }
}
