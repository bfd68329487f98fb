package io.stagesync.devstage.graphql;

import io.stagesync.devstage.AssetFiles;
import io.stagesync.devstage.model.ContentSchema;
import io.stagesync.devstage.store.Document;
import io.stagesync.devstage.store.EnvironmentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Asset upload flows on top of {@link AssetFiles}: pre-signed POST, server-side fetch, re-upload, status changes;
 * per locale, as each localization of an asset has its own file (kept in the document's localized values).
 */
final class AssetService {
    static final String CREATE_PENDING = "ASSET_CREATE_PENDING";
    static final String UPDATE_PENDING = "ASSET_UPDATE_PENDING";
    static final String COMPLETE = "ASSET_UPLOAD_COMPLETE";
    static final String ERROR = "ASSET_ERROR_UPLOAD";
    private static final Logger LOG = LoggerFactory.getLogger(AssetService.class);
    private final ContentRuntime rt;

    AssetService(ContentRuntime rt) {
        this.rt = rt;
    }

    /** Sets up a new asset's default locale from {@code fileName} (pre-signed POST) or {@code uploadUrl} (server fetch). */
    void initialise(Document d, Map<String, Object> data) {
        initialise(d, rt.schema.defaultLocale(), data);
    }

    /**
     * Sets up one locale of an asset: each locale has its own file (Hygraph localizes assets), uploaded by pre-signed
     * POST ({@code fileName}) or fetched from {@code uploadUrl}.
     */
    void initialise(Document d, String locale, Map<String, Object> data) {
        String fileName = data == null ? null : (String) data.get("fileName");
        String uploadUrl = data == null ? null : (String) data.get("uploadUrl");
        if (fileName == null && uploadUrl == null) {
            throw new ContentException("createAsset needs 'fileName' (upload by pre-signed POST) or 'uploadUrl' (server fetch)"
                    + (locale.equals(rt.schema.defaultLocale()) ? "" : " in the data of localization " + locale));
        }
        if (fileName == null) {
            fileName = fileNameOf(uploadUrl);
        }
        Map<String, Object> values = d.localized.computeIfAbsent(locale, k -> new LinkedHashMap<>());
        values.put("fileName", fileName);
        values.put("handle", fileKey(d.id, locale));
        start(d, locale, CREATE_PENDING, uploadUrl);
    }

    /** Applies fileName, reUpload and uploadUrl of an update to the default locale. */
    void update(Document d, Map<String, Object> data) {
        update(d, rt.schema.defaultLocale(), data);
    }

    /** Applies fileName, reUpload and uploadUrl of an update (or a localization update) to one locale. */
    void update(Document d, String locale, Map<String, Object> data) {
        Map<String, Object> values = d.localized.get(locale);
        if (values == null || data == null) {
            return;
        }
        if (data.get("fileName") != null) {
            values.put("fileName", data.get("fileName"));
        }
        String uploadUrl = (String) data.get("uploadUrl");
        if (Boolean.TRUE.equals(data.get("reUpload")) || uploadUrl != null) {
            if (data.get("fileName") == null && uploadUrl != null) {
                values.put("fileName", fileNameOf(uploadUrl));
            }
            String key = fileKey(d.id, locale);
            rt.store.afterCommit(() -> deleteQuietly(key));
            start(d, locale, UPDATE_PENDING, uploadUrl);
        }
    }

    private void start(Document d, String locale, String status, String uploadUrl) {
        Map<String, Object> values = d.localized.get(locale);
        String key = fileKey(d.id, locale);
        String fileName = (String) values.get("fileName");
        Map<String, Object> upload = new LinkedHashMap<>();
        upload.put("status", status);
        upload.put("expiresAt", ContentScalars.dateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString()));
        upload.put("requestPostData", uploadUrl == null
                ? new LinkedHashMap<>(rt.files.requestPostData(rt.environment(), key, fileName)) : null);
        upload.put("error", null);
        values.put("upload", upload);
        values.remove("size");
        values.remove("mimeType");
        if (uploadUrl != null) {
            String id = d.id;
            rt.store.afterCommit(() -> rt.files.fetch(rt.environment(), key, fileName, uploadUrl,
                    info -> finish(id, locale, info, null), message -> finish(id, locale, null, message)));
        }
    }

    /** The bucket key of one locale's file: the asset id for the default locale, {@code <id>-<locale>} for others. */
    String fileKey(String id, String locale) {
        return rt.schema.assetFileKey(id, locale);
    }

    /** For an asset whose file in the view's locale is pending, looks at the bucket and completes it once the file is there. */
    EntryView refresh(EntryView v) {
        if (!isPending(v.doc(), v.locale())) {
            return v;
        }
        Optional<AssetFiles.FileInfo> info = rt.files.stat(rt.environment(), fileKey(v.doc().id, v.locale()));
        if (info.isEmpty()) {
            return v;
        }
        finish(v.doc().id, v.locale(), info.get(), null);
        Document now = rt.store.get(v.stage(), v.doc().model, v.doc().id);
        return now == null ? v : new EntryView(now, v.stage(), v.locale(), v.locales());
    }

    private void finish(String id, String locale, AssetFiles.FileInfo info, String error) {
        try {
            rt.store.transaction(() -> {
                for (String stage : EnvironmentStore.STAGES) {
                    Document d = rt.store.get(stage, ContentSchema.ASSET, id);
                    if (d == null || !isPending(d, locale)) {
                        continue;
                    }
                    Document c = d.copy();
                    Map<String, Object> values = c.localized.get(locale);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> upload = new LinkedHashMap<>((Map<String, Object>) values.get("upload"));
                    if (info != null) {
                        upload.put("status", COMPLETE);
                        values.put("size", (double) info.size());
                        values.put("mimeType", info.mimeType());
                    } else {
                        upload.put("status", ERROR);
                        upload.put("error", Map.of("code", "ASSET_UPLOAD_FAILED", "message", error));
                    }
                    values.put("upload", upload);
                    rt.store.put(stage, c);
                }
                return null;
            });
            LOG.debug("Asset upload finished environment={} assetId={} locale={} ok={}", rt.environment(), id, locale, info != null);
        } catch (RuntimeException e) {
            LOG.warn("Cannot record asset upload environment={} assetId={} locale={} error={}", rt.environment(), id, locale, e.getMessage());
        }
    }

    /** Deletes the files of every locale of an asset, in either stage, once the deletion is committed. */
    void deleteFiles(String id) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (String stage : EnvironmentStore.STAGES) {
            Document d = rt.store.get(stage, ContentSchema.ASSET, id);
            if (d != null) {
                d.localized.keySet().forEach(l -> keys.add(fileKey(id, l)));
            }
        }
        keys.forEach(key -> rt.store.afterCommit(() -> deleteQuietly(key)));
    }

    /**
     * Deletes the file of a localization removed from the draft once that is committed, unless the published version
     * still shows that locale (its file goes when the asset is deleted).
     */
    void deleteFileUnlessPublished(String id, String locale) {
        Document published = rt.store.get(EnvironmentStore.PUBLISHED, ContentSchema.ASSET, id);
        if (published == null || !published.localized.containsKey(locale)) {
            String key = fileKey(id, locale);
            rt.store.afterCommit(() -> deleteQuietly(key));
        }
    }

    private void deleteQuietly(String key) {
        try {
            rt.files.delete(rt.environment(), key);
        } catch (RuntimeException e) {
            LOG.warn("Cannot delete asset file environment={} key={} error={}", rt.environment(), key, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static boolean isPending(Document d, String locale) {
        Map<String, Object> values = d.localized.get(locale);
        if (values == null || !(values.get("upload") instanceof Map<?, ?> u)) {
            return false;
        }
        Object status = ((Map<String, Object>) u).get("status");
        return CREATE_PENDING.equals(status) || UPDATE_PENDING.equals(status);
    }

    private static String fileNameOf(String uploadUrl) {
        try {
            String path = URI.create(uploadUrl).getPath();
            String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
            return name.isBlank() ? "file" : name;
        } catch (IllegalArgumentException e) {
            throw new ContentException("uploadUrl '" + uploadUrl + "' is not a valid URL");
        }
    }
}
