package io.stagesync.dialect;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The asset calls the sync makes against a stage's content API; one implementation per CMS dialect.
 */
public interface AssetApi {

    /** An asset as read from the source, with the metadata that is compared and copied. */
    record SourceAsset(String id, String fileName, String mimeType, long size, Double width, Double height,
                       String updatedAt, String url, Map<String, Object> fields) {
    }

    /** One page of the source's assets. */
    record AssetPage(List<SourceAsset> assets, String endCursor, boolean hasNextPage, long total) {
    }

    /** Where a target asset's file upload stands. */
    enum UploadState { PENDING, COMPLETE, FAILED, UNKNOWN }

    /**
     * An asset as the target has it: upload state and what is compared.
     *
     * @param status the stage's own word for the upload state (for messages)
     */
    record TargetAsset(String id, String fileName, Long size, UploadState state, String status, String error, String url,
                       Map<String, Object> fields) {
        public boolean pending() {
            return state == UploadState.PENDING;
        }
    }

    /** A new or re-opened upload: the asset id and the pre-signed POST data for its file. */
    record Upload(String assetId, Map<String, String> postData) {
    }

    AssetPage page(String stage, String after, int first);

    Optional<TargetAsset> find(String stage, String id);

    /** The upload state of several assets (at most 100) in one call, by id; an id the stage lacks is absent. */
    Map<String, TargetAsset> findAll(String stage, java.util.Collection<String> ids);

    /** Which of {@code ids} (at most 100) the stage has. */
    java.util.Set<String> existing(String stage, java.util.Collection<String> ids);

    /**
     * The assets (at most 100) named {@code fileName} that the stage created between {@code from} and {@code to}:
     * where a rerun looks for what a create cut short by a crash left behind.
     */
    List<TargetAsset> createdBetween(String stage, String fileName, java.time.Instant from, java.time.Instant to);

    Upload createForPost(String stage, String fileName, Map<String, Object> fields);

    /** A new asset to create: its file name and custom fields. */
    record NewAsset(String fileName, Map<String, Object> fields) {
    }

    /** The upload of one created asset, or why its creation failed (the error of its alias alone). */
    record Created(Upload upload, String error) {
    }

    /** Creates several assets for pre-signed POST uploads in one request; answers in order, one per asset. */
    List<Created> createAllForPost(String stage, List<NewAsset> assets);

    String createFromUrl(String stage, String fileName, String uploadUrl, Map<String, Object> fields);

    Upload reuploadForPost(String stage, String id);

    void reuploadFromUrl(String stage, String id, String uploadUrl);

    void updateMetadata(String stage, String id, String fileName, Map<String, Object> fields);

    /** Deletes an asset; no error when the stage does not have it. */
    void delete(String stage, String id);

    /**
     * The versions of one asset in a stage: the draft's {@code updatedAt}, and the published version's
     * {@code updatedAt} (a publish copies the draft, so the two are equal while the draft has no unpublished change),
     * or null when the asset is not published.
     */
    record Versions(String updatedAt, String publishedUpdatedAt) {
        public boolean published() {
            return publishedUpdatedAt != null;
        }

        /** True when the published version is the draft as it is now. */
        public boolean publishedCurrent() {
            return publishedUpdatedAt != null && publishedUpdatedAt.equals(updatedAt);
        }
    }

    /** The versions of several assets (at most 100), by id; an id the stage lacks is absent. */
    Map<String, Versions> versions(String stage, java.util.Collection<String> ids);

    /** Publishes (copies the draft to the published stage) or unpublishes several assets (at most 100) in one call. */
    void publish(String stage, List<String> ids, boolean publish);

    /**
     * True when the stage takes a file in the very request that creates or replaces its asset (a multipart upload),
     * with no pre-signed POST or upload URL between: the asset phase then streams each file straight in
     * ({@link #putFile}).
     */
    default boolean takesFiles(String stage) {
        return false;
    }

    /**
     * Streams a file into a stage that {@link #takesFiles takes files}: with {@code replace} false it creates an
     * asset, with {@code id} as its id when the stage accepts that id (else the stage picks one); with {@code replace}
     * true it replaces the file of asset {@code id}. {@code length} is -1 when unknown. Answers the asset as stored.
     */
    default TargetAsset putFile(String stage, String id, boolean replace, NewAsset asset, String mimeType,
                                java.io.InputStream data, long length) {
        throw new UnsupportedOperationException("Stage " + stage + " takes no files in the request that creates an asset");
    }
}
