package io.stagesync.assets;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The {@code presigned-post} strategy: the target hands out S3 POST data, the file streams from the source URL
 * straight into that POST.
 */
public final class PresignedPostMover implements AssetFileMover {

    private final AssetApi api;
    private final SourceFileReader reader;
    private final MultipartPostUploader uploader;
    private final UploadStatusPoller poller;
    private final TransferSlots slots;

    public PresignedPostMover(AssetApi api, SourceFileReader reader, MultipartPostUploader uploader, UploadStatusPoller poller,
                              TransferSlots slots) {
        this.api = api;
        this.reader = reader;
        this.uploader = uploader;
        this.poller = poller;
        this.slots = slots;
    }

    @Override
    public Moved create(String targetStage, AssetApi.SourceAsset asset, String contentHash, Map<String, Object> fields,
                        Consumer<String> onCreated, LongConsumer onBytes) {
        return send(targetStage, () -> {
            AssetApi.Upload upload = api.createForPost(targetStage, asset.fileName(), fields);
            onCreated.accept(upload.assetId());
            return upload;
        }, asset, onBytes);
    }

    @Override
    public Moved reupload(String targetStage, String targetId, AssetApi.SourceAsset asset, String contentHash, LongConsumer onBytes) {
        return send(targetStage, () -> api.reuploadForPost(targetStage, targetId), asset, onBytes);
    }

    /**
     * Opens the source first, so a missing source file fails the asset before the target is touched. The file moves
     * in a transfer slot; the wait for the target to complete the upload happens outside it.
     */
    private Moved send(String targetStage, Supplier<AssetApi.Upload> open, AssetApi.SourceAsset asset, LongConsumer onBytes) {
        Moved sent = slots.run(() -> {
            try (SourceFile file = reader.open(asset.url(), onBytes)) {
                AssetApi.Upload upload = open.get();
                long length = file.length() >= 0 ? file.length() : asset.size();
                String type = asset.mimeType() != null ? asset.mimeType() : file.contentType();
                uploader.upload(upload.postData(), asset.fileName(), type, file.stream(), length);
                long count = file.stream().count();
                FileChecks.requireLength(asset, length, count);
                return new Moved(upload.assetId(), file.stream().sha256(), count);
            }
        });
        AssetApi.TargetAsset done = poller.awaitComplete(targetStage, sent.targetId());
        FileChecks.requireTargetSize(done, sent.size());
        return sent;
    }
}
