package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Moves an asset's file from the source into a target stage by one upload strategy and waits until the target has it.
 */
public interface AssetFileMover {

    /** The file as the target now has it. */
    record Moved(String targetId, String sha256, long size) {
    }

    /**
     * Creates the target asset with the source's file. {@code onCreated} hears the new id as soon as the target
     * assigned it, before the file is complete, so a retry re-uploads instead of creating a second asset.
     */
    Moved create(String targetStage, AssetApi.SourceAsset asset, String contentHash, Map<String, Object> fields,
                 Consumer<String> onCreated, LongConsumer onBytes);

    /** Replaces the file of an existing target asset with the source's. */
    Moved reupload(String targetStage, String targetId, AssetApi.SourceAsset asset, String contentHash, LongConsumer onBytes);

    /**
     * Creates ({@code create}) or replaces the file of one localization of a target asset with the source's
     * ({@code file}: that localization's file, see {@link AssetApi.SourceAsset#file}), with its localized fields.
     */
    Moved uploadLocalization(String targetStage, String targetId, String locale, boolean create, AssetApi.SourceAsset file,
                             String contentHash, LongConsumer onBytes);
}
