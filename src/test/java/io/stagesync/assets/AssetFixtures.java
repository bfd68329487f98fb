package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;
import io.stagesync.hygraph.HygraphDialects;

import io.stagesync.config.StageRegistry;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Puts assets into devstage environments the way a client would (createAsset, then the pre-signed POST), and reads them back. */
public final class AssetFixtures {

    private final DevstageExtension devstage;

    public AssetFixtures(DevstageExtension devstage) {
        this.devstage = devstage;
    }

    private AssetApi api(String env) {
        StageRegistry stages = new StageRegistry(Map.of("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env),
                "stagesync.stages." + env + ".token", devstage.token()));
        return HygraphDialects.standalone(stages, List.of()).assets();
    }

    /** Creates a complete asset with {@code length} bytes of {@code content}; returns its id. */
    public String create(String env, String fileName, InputStream content, long length) {
        AssetApi api = api(env);
        AssetApi.Upload upload = api.createForPost(env, fileName, Map.of());
        new MultipartPostUploader(Duration.ofSeconds(30), Duration.ofMinutes(10)).upload(upload.postData(), fileName, null, content, length);
        new UploadStatusPoller(api, Duration.ofMinutes(2), Duration.ofMillis(100)).awaitComplete(env, upload.assetId());
        return upload.assetId();
    }

    /** Creates an asset whose file never arrives: its URL answers 404. */
    String createWithoutFile(String env, String fileName) {
        return api(env).createForPost(env, fileName, Map.of()).assetId();
    }

    /** Replaces an asset's bytes. */
    void replaceFile(String env, String id, InputStream content, long length) {
        AssetApi api = api(env);
        AssetApi.Upload upload = api.reuploadForPost(env, id);
        new MultipartPostUploader(Duration.ofSeconds(30), Duration.ofMinutes(10)).upload(upload.postData(), "file", null, content, length);
        new UploadStatusPoller(api, Duration.ofMinutes(2), Duration.ofMillis(100)).awaitComplete(env, id);
    }

    /** Adds ({@code create}) or replaces the file of one localization of an asset, the way a client would. */
    public void localize(String env, String id, String locale, boolean create, String fileName, InputStream content, long length) {
        AssetApi api = api(env);
        AssetApi.Upload upload = api.uploadLocalization(env, id, locale, create, fileName, null, Map.of());
        new MultipartPostUploader(Duration.ofSeconds(30), Duration.ofMinutes(10)).upload(upload.postData(), fileName, null, content, length);
        new UploadStatusPoller(api, Duration.ofMinutes(2), Duration.ofMillis(100)).awaitComplete(env, id, locale);
    }

    /** Renames one localization of an asset. */
    void renameLocalization(String env, String id, String locale, String fileName) {
        api(env).updateLocalization(env, id, locale, fileName, Map.of());
    }

    void deleteLocalization(String env, String id, String locale) {
        api(env).deleteLocalizations(env, id, List.of(locale));
    }

    /** Publishes one asset in these locales besides the default one. */
    void publish(String env, String id, List<String> locales) {
        api(env).publish(env, List.of(id), true, locales);
    }

    /** One asset in one locale of a stage (fileName, size, url), or null when it lacks that locale there. */
    Map<String, Object> find(String env, String stage, String id, String locale) throws Exception {
        return devstage.client().post(devstage.contentApiUrl(env), "query A($id: ID!) { asset(where: { id: $id }, stage: " + stage
                + ", locales: [" + locale + "]) { locale fileName mimeType size url } }", Map.of("id", id)).data("asset");
    }

    void rename(String env, String id, String fileName) {
        api(env).updateMetadata(env, id, fileName, Map.of());
    }

    /** Every asset of an environment with its metadata (DRAFT stage). */
    List<Map<String, Object>> list(String env) throws Exception {
        return list(env, "DRAFT");
    }

    /** Every asset of an environment's {@code stage} (DRAFT or PUBLISHED) with its metadata. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String env, String stage) throws Exception {
        GraphQLTestClient.Response r = devstage.client().post(devstage.contentApiUrl(env),
                "{ assets(stage: " + stage + ", first: 100, orderBy: id_ASC) { id fileName mimeType size width height url } }");
        return (List<Map<String, Object>>) ((Map<String, Object>) r.json().get("data")).get("assets");
    }

    /** Publishes or unpublishes one asset. */
    void publish(String env, String id, boolean publish) {
        api(env).publish(env, List.of(id), publish);
    }

    /** One asset with its metadata, or null. */
    Map<String, Object> find(String env, String id) throws Exception {
        return devstage.client().post(devstage.contentApiUrl(env),
                "query A($id: ID!) { asset(where: { id: $id }, stage: DRAFT) { id fileName mimeType size width height url } }",
                Map.of("id", id)).data("asset");
    }

    /** The SHA-256 of the bytes served at {@code url} (the CDN path), read as a stream. */
    String sha256(String url) throws Exception {
        return sha256Of(url);
    }

    private static final HttpClient SHARED = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The SHA-256 of the bytes served at {@code url} (a CDN path or a Directus {@code /assets/<id>}), read as a stream. */
    public static String sha256Of(String url) throws Exception {
        HttpResponse<InputStream> r = SHARED.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            r.body().close();
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
        }
        try (ChecksumInputStream in = new ChecksumInputStream(r.body(), null)) {
            return in.drain();
        }
    }
}
