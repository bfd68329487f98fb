package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The {@code upload-url} strategy: the file streams into the transfer bucket under a content-addressed key (kept
 * for reruns), and the target fetches it through a pre-signed GET URL.
 */
public final class UploadUrlMover implements AssetFileMover {

    private final AssetApi api;
    private final SourceFileReader reader;
    private final S3TransferStore store;
    private final UploadStatusPoller poller;
    private final Duration urlTtl;
    private final TransferSlots slots;

    public UploadUrlMover(AssetApi api, SourceFileReader reader, S3TransferStore store, UploadStatusPoller poller, Duration urlTtl,
                          TransferSlots slots) {
        this.api = api;
        this.reader = reader;
        this.store = store;
        this.poller = poller;
        this.urlTtl = urlTtl;
        this.slots = slots;
    }

    @Override
    public Moved create(String targetStage, AssetApi.SourceAsset asset, String contentHash, Map<String, Object> fields,
                        Consumer<String> onCreated, LongConsumer onBytes) {
        S3TransferStore.StoredFile stored = stage(asset, contentHash, onBytes);
        String id = api.createFromUrl(targetStage, asset.fileName(), store.presignedGetUrl(stored.key(), urlTtl), fields);
        onCreated.accept(id);
        return complete(targetStage, id, stored);
    }

    @Override
    public Moved reupload(String targetStage, String targetId, AssetApi.SourceAsset asset, String contentHash, LongConsumer onBytes) {
        S3TransferStore.StoredFile stored = stage(asset, contentHash, onBytes);
        api.reuploadFromUrl(targetStage, targetId, store.presignedGetUrl(stored.key(), urlTtl));
        return complete(targetStage, targetId, stored);
    }

    @Override
    public Moved uploadLocalization(String targetStage, String targetId, String locale, boolean create, AssetApi.SourceAsset file,
                                    String contentHash, LongConsumer onBytes) {
        S3TransferStore.StoredFile stored = stage(file, contentHash, onBytes);
        api.uploadLocalization(targetStage, targetId, locale, create, file.fileName(), store.presignedGetUrl(stored.key(), urlTtl), file.fields());
        return complete(targetStage, targetId, stored, locale);
    }

    private Moved complete(String targetStage, String id, S3TransferStore.StoredFile stored) {
        return complete(targetStage, id, stored, null);
    }

    private Moved complete(String targetStage, String id, S3TransferStore.StoredFile stored, String locale) {
        AssetApi.TargetAsset done = poller.awaitComplete(targetStage, id, locale);
        FileChecks.requireTargetSize(done, stored.size());
        return new Moved(id, stored.sha256(), stored.size());
    }

    /** The file in the transfer bucket: found from an earlier run, or streamed in now (in a transfer slot). */
    private S3TransferStore.StoredFile stage(AssetApi.SourceAsset asset, String contentHash, LongConsumer onBytes) {
        String key = store.keyFor(contentHash);
        return store.find(key).orElseGet(() -> slots.run(() -> {
            try (SourceFile file = reader.open(asset.url(), onBytes)) {
                long length = file.length() >= 0 ? file.length() : asset.size();
                String type = asset.mimeType() != null ? asset.mimeType() : file.contentType();
                S3TransferStore.StoredFile stored = store.put(key, file.stream(), length, type);
                if (stored.size() != length) {
                    store.delete(key);
                    FileChecks.requireLength(asset, length, stored.size());
                }
                return stored;
            }
        }));
    }
}
