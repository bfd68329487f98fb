package io.stagesync.devstage;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The file side of devstage's assets: one S3 bucket per environment, pre-signed POST uploads,
 * server-side fetches of an {@code uploadUrl}, and the CDN-like GET URL.
 * The content API's Asset resolvers call it; it knows nothing of GraphQL.
 */
public interface AssetFiles {

    /** What is stored for an asset's file. */
    record FileInfo(long size, String mimeType) {
    }

    /**
     * Pre-signed POST data for the asset's file, as Hygraph's {@code AssetUploadRequestPostData}:
     * keys {@code url, date, key, signature, algorithm, policy, credential, securityToken}.
     */
    Map<String, String> requestPostData(String environment, String assetId, String fileName);

    /**
     * Fetches {@code uploadUrl} into the environment's bucket in the background, streaming.
     * Exactly one of the callbacks is called once.
     */
    void fetch(String environment, String assetId, String fileName, String uploadUrl,
               Consumer<FileInfo> onComplete, Consumer<String> onError);

    /** Stores a file directly (demo seeding); the stream is read to its end and not closed. */
    FileInfo put(String environment, String assetId, String fileName, InputStream content, long length);

    /** The stored file of an asset, or empty while nothing has been uploaded. */
    Optional<FileInfo> stat(String environment, String assetId);

    /** The CDN-like URL that streams the asset's file from the environment's bucket. */
    String url(String environment, String assetId, String fileName);

    /** Copies an asset's file to the same asset id in another environment; no-op when it has none. */
    void copy(String fromEnvironment, String toEnvironment, String assetId);

    /** Removes the asset's file; no error if there is none. */
    void delete(String environment, String assetId);
}
