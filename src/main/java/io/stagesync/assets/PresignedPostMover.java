package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The {@code presigned-post} strategy: the target hands out S3 POST data, the file streams from the source URL
 * straight into that POST. A target asset created for a source file that turns out to be missing is removed again
 * by {@link AssetWriter}.
 */
public final class PresignedPostMover implements AssetFileMover {

    /** Aliased createAsset mutations per request at most, as the entries phase batches its writes. */
    static final int CREATES_PER_REQUEST = 25;

    private final AssetApi api;
    private final SourceFileReader reader;
    private final MultipartPostUploader uploader;
    private final UploadStatusPoller poller;
    private final TransferSlots slots;
    /** createAsset calls made at the same time go out as one request of aliased mutations. */
    private final MergedCalls<AssetApi.NewAsset, AssetApi.Upload> creates = new MergedCalls<>(CREATES_PER_REQUEST, this::createAll);

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
        AssetApi.Upload upload = createUpload(targetStage, new AssetApi.NewAsset(asset.fileName(), fields));
        onCreated.accept(upload.assetId());
        return send(targetStage, upload, asset, onBytes);
    }

    @Override
    public Moved reupload(String targetStage, String targetId, AssetApi.SourceAsset asset, String contentHash, LongConsumer onBytes) {
        return send(targetStage, api.reuploadForPost(targetStage, targetId), asset, onBytes);
    }

    @Override
    public Moved uploadLocalization(String targetStage, String targetId, String locale, boolean create, AssetApi.SourceAsset file,
                                    String contentHash, LongConsumer onBytes) {
        AssetApi.Upload upload = api.uploadLocalization(targetStage, targetId, locale, create, file.fileName(), null, file.fields());
        return send(targetStage, upload, file, onBytes, locale);
    }

    /** Creates one target asset for a pre-signed POST, in one request with the others created at the same time. */
    AssetApi.Upload createUpload(String targetStage, AssetApi.NewAsset asset) {
        return creates.call(targetStage, asset);
    }

    /**
     * Creates merged assets in one request. A request refused as a whole (say, one asset's custom field fails
     * validation, which stops the whole document before anything runs) is sent again asset by asset, so only the
     * asset at fault fails. So is a request that failed transiently (a 5xx, a dropped connection): one failed request
     * must not cost every merged asset an attempt of its retries, which would fail them together; each single call's
     * transient failure is then that asset's own, retried by the asset route (the one retry layer of assets).
     */
    List<MergedCalls.Answer<AssetApi.Upload>> createAll(String stage, List<AssetApi.NewAsset> assets) {
        if (assets.size() > 1) {
            try {
                return api.createAllForPost(stage, assets).stream().map(c -> c.error() == null ? MergedCalls.Answer.of(c.upload())
                        : MergedCalls.Answer.<AssetApi.Upload>failed(new AssetFailedException(c.error()))).toList();
            } catch (AssetFailedException | AssetTransientException wholeRequestFailed) {
                // fall through: one by one
            }
        }
        return assets.stream().map(asset -> {
            try {
                return MergedCalls.Answer.of(api.createForPost(stage, asset.fileName(), asset.fields()));
            } catch (AssetFailedException | AssetTransientException e) {
                return MergedCalls.Answer.<AssetApi.Upload>failed(e);
            }
        }).toList();
    }

    /**
     * Moves the file in a transfer slot: the source is opened once a slot is free and streamed into the POST; the
     * target's upload (created or reopened) is asked for before, and the wait for the target to complete it happens
     * after, both outside the slot. A source that is missing for good fails with {@link SourceFileUnavailableException}.
     */
    private Moved send(String targetStage, AssetApi.Upload upload, AssetApi.SourceAsset asset, LongConsumer onBytes) {
        return send(targetStage, upload, asset, onBytes, null);
    }

    private Moved send(String targetStage, AssetApi.Upload upload, AssetApi.SourceAsset asset, LongConsumer onBytes, String locale) {
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
        AssetApi.TargetAsset done = poller.awaitComplete(targetStage, sent.targetId(), locale);
        FileChecks.requireTargetSize(done, sent.size());
        return sent;
    }
}
