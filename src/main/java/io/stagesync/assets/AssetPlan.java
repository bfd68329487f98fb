package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

/**
 * What to do with one source asset in the target.
 *
 * @param action      CREATE (missing in the target), UPDATE (exists; metadata and bytes are compared) or
 *                    UNCHANGED (already synced with this content)
 * @param targetId    the target asset's id for UPDATE, else null
 * @param record      what the id map remembers of the last sync, or null
 * @param contentHash the source content hash
 * @param messageId   the idempotency key of (source, target, asset id, content hash)
 */
public record AssetPlan(String action, AssetApi.SourceAsset asset, String sourceStage, String targetStage,
                        String targetId, AssetFileRecord record, String contentHash, String messageId) {

    public static final String CREATE = "CREATE";
    public static final String UPDATE = "UPDATE";
    public static final String UNCHANGED = "UNCHANGED";
}
