package io.stagesync.dialect;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The asset calls the sync makes against a stage's content API; one implementation per CMS dialect.
 */
public interface AssetApi {

    /**
     * An asset as read from the source, with the metadata that is compared and copied: the default locale's file and
     * fields, and its other localizations (each with a file of its own, as Hygraph localizes assets).
     */
    record SourceAsset(String id, String fileName, String mimeType, long size, Double width, Double height,
                       String updatedAt, String url, Map<String, Object> fields, List<Localization> localizations) {

        public SourceAsset(String id, String fileName, String mimeType, long size, Double width, Double height,
                           String updatedAt, String url, Map<String, Object> fields) {
            this(id, fileName, mimeType, size, width, height, updatedAt, url, fields, List.of());
        }

        public SourceAsset {
            localizations = localizations == null ? List.of() : List.copyOf(localizations);
        }

        /** One localization's file as an asset of its own (same id), for the file movers. */
        public SourceAsset file(Localization l) {
            return new SourceAsset(id, l.fileName(), l.mimeType(), l.size(), l.width(), l.height(), updatedAt, l.url(), l.fields());
        }
    }

    /** A localization of an asset other than the default locale: its file and its localized custom fields. */
    record Localization(String locale, String fileName, String mimeType, long size, Double width, Double height,
                        String url, Map<String, Object> fields) {
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
    record Versions(String updatedAt, String publishedUpdatedAt, java.util.Set<String> publishedLocales) {

        public Versions(String updatedAt, String publishedUpdatedAt) {
            this(updatedAt, publishedUpdatedAt, java.util.Set.of());
        }

        public Versions {
            publishedLocales = publishedLocales == null ? java.util.Set.of() : java.util.Set.copyOf(publishedLocales);
        }

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
     * Publishes several assets (at most 100) with these locales besides the default one, or unpublishes only these
     * locales of them (the default locale among them unpublishes the whole asset). Stages whose assets have no
     * localizations publish or unpublish the whole asset.
     */
    default void publish(String stage, List<String> ids, boolean publish, List<String> locales) {
        publish(stage, ids, publish);
    }

    /**
     * The stage's custom asset fields that the sync does not copy (not configured as custom fields), for the run's
     * warnings; empty where assets have no custom fields.
     */
    default List<String> uncopiedFields(String stage) {
        return List.of();
    }

    /**
     * The asset fields the stage reads and writes besides file name, type, size and dimensions (a Hygraph stage's
     * configured custom fields, a Directus stage's file metadata), or null when it takes whatever fields a source
     * sends. A field of the source the target does not take is not copied, and named in the run's warnings.
     */
    default List<String> copiedFields(String stage) {
        return null;
    }

    /**
     * False when the stage's assets have no publish state (Directus files): each counts as published, so a target
     * that has one publishes it.
     */
    default boolean publishesAssets(String stage) {
        return true;
    }

    /**
     * Throws one clear line when a configured custom asset field ({@code stagesync.assets.custom-fields}) is not a field
     * of the stage's Asset, naming the field, the stage and the custom fields its Asset has: checked before a run reads
     * or writes assets. Nothing to check where assets have no custom fields.
     */
    default void checkCustomFields(String stage) {
    }

    /** The localizations of a target asset other than the default locale, by locale; empty where assets have none. */
    default Map<String, TargetAsset> localizations(String stage, String id) {
        return Map.of();
    }

    /**
     * Creates ({@code create}) or re-opens the upload of one localization of an asset, with its file name and
     * localized custom fields: the file comes by pre-signed POST (the answer's post data) or, with
     * {@code uploadUrl}, is fetched by the stage (the answer is null).
     */
    default Upload uploadLocalization(String stage, String id, String locale, boolean create, String fileName,
                                      String uploadUrl, Map<String, Object> fields) {
        throw new NoAssetLocalizationsException(stage);
    }

    /** Updates the file name and localized custom fields of one localization of an asset. */
    default void updateLocalization(String stage, String id, String locale, String fileName, Map<String, Object> fields) {
        throw new NoAssetLocalizationsException(stage);
    }

    /** Deletes localizations of an asset (never the default locale). */
    default void deleteLocalizations(String stage, String id, List<String> locales) {
        throw new NoAssetLocalizationsException(stage);
    }

    /** Thrown by stages whose assets have no localizations when one is to be written. */
    final class NoAssetLocalizationsException extends UnsupportedOperationException {
        public NoAssetLocalizationsException(String stage) {
            super("stage " + stage + " keeps no localizations of assets");
        }
    }

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
