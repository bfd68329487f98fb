package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The strategy of stages that take a file in the request that creates or replaces an asset
 * ({@link AssetApi#takesFiles}): the file streams from the source URL straight into that request, the source id is
 * offered as the new asset's id, and the target's stored bytes are read back once to check their SHA-256.
 */
public final class StreamedUploadMover implements AssetFileMover {

    private final AssetApi api;
    private final SourceFileReader reader;
    private final TransferSlots slots;

    public StreamedUploadMover(AssetApi api, SourceFileReader reader, TransferSlots slots) {
        this.api = api;
        this.reader = reader;
        this.slots = slots;
    }

    @Override
    public Moved create(String targetStage, AssetApi.SourceAsset asset, String contentHash, Map<String, Object> fields,
                        Consumer<String> onCreated, LongConsumer onBytes) {
        Sent sent = send(targetStage, asset.id(), false, asset, fields, onBytes);
        onCreated.accept(sent.stored().id());
        return check(targetStage, sent);
    }

    @Override
    public Moved reupload(String targetStage, String targetId, AssetApi.SourceAsset asset, String contentHash, LongConsumer onBytes) {
        return check(targetStage, send(targetStage, targetId, true, asset, asset.fields() == null ? Map.of() : asset.fields(), onBytes));
    }

    /** Stages that take files in the create request keep no localizations of assets (Directus files have none). */
    @Override
    public Moved uploadLocalization(String targetStage, String targetId, String locale, boolean create, AssetApi.SourceAsset file,
                                    String contentHash, LongConsumer onBytes) {
        throw new AssetApi.NoAssetLocalizationsException(targetStage);
    }

    private record Sent(AssetApi.TargetAsset stored, String sha256, long size) {
    }

    private Sent send(String targetStage, String id, boolean replace, AssetApi.SourceAsset asset, Map<String, Object> fields,
                      LongConsumer onBytes) {
        return slots.run(() -> {
            try (SourceFile file = reader.open(asset.url(), onBytes)) {
                long length = file.length() >= 0 ? file.length() : asset.size();
                String type = asset.mimeType() != null ? asset.mimeType() : file.contentType();
                AssetApi.TargetAsset stored = api.putFile(targetStage, id, replace, new AssetApi.NewAsset(asset.fileName(), fields),
                        type, file.stream(), length);
                long count = file.stream().count();
                FileChecks.requireLength(asset, length, count);
                FileChecks.requireTargetSize(stored, count);
                return new Sent(stored, file.stream().sha256(), count);
            }
        });
    }

    /** Reads the stored file back: its SHA-256 must be the one sent, else the asset is sent again (a transient failure). */
    private Moved check(String targetStage, Sent sent) {
        String stored = slots.run(() -> {
            try (SourceFile file = reader.open(sent.stored().url(), null)) {
                return file.stream().drain();
            } catch (IOException e) {
                throw new AssetTransientException("reading back the stored file failed stage=" + targetStage + " id=" + sent.stored().id(), e);
            }
        });
        if (!stored.equals(sent.sha256())) {
            throw new AssetTransientException("checksum mismatch: stage " + targetStage + " stored other bytes than were sent id="
                    + sent.stored().id() + " sent=" + sent.sha256() + " stored=" + stored);
        }
        return new Moved(sent.stored().id(), sent.sha256(), sent.size());
    }
}
