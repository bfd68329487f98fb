package io.stagesync.assets;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The {@code presigned-post} strategy: the target hands out S3 POST data, the file streams from the source URL
 * straight into that POST. A target asset created for a source file that turns out to be missing is removed again
 * by {@link AssetWriter}.
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
        AssetApi.Upload upload = api.createForPost(targetStage, asset.fileName(), fields);
        onCreated.accept(upload.assetId());
        return send(targetStage, upload, asset, onBytes);
    }

    @Override
    public Moved reupload(String targetStage, String targetId, AssetApi.SourceAsset asset, String contentHash, LongConsumer onBytes) {
        return send(targetStage, api.reuploadForPost(targetStage, targetId), asset, onBytes);
    }

    /**
     * Moves the file in a transfer slot: the source is opened once a slot is free and streamed into the POST; the
     * target's upload (created or reopened) is asked for before, and the wait for the target to complete it happens
     * after, both outside the slot. A source that is missing for good fails with {@link SourceFileUnavailableException}.
     */
    private Moved send(String targetStage, AssetApi.Upload upload, AssetApi.SourceAsset asset, LongConsumer onBytes) {
        Moved sent = slots.run(() -> {
            try (SourceFile file = reader.open(asset.url(), onBytes)) {
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
