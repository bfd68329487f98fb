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

/** The Asset upload flows on top of {@link AssetFiles}: pre-signed POST, server-side fetch, re-upload, status changes. */
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

    /** Sets up a new asset from {@code fileName} (pre-signed POST) or {@code uploadUrl} (server fetch). */
    void initialise(Document d, Map<String, Object> data) {
        String fileName = (String) data.get("fileName");
        String uploadUrl = (String) data.get("uploadUrl");
        if (fileName == null && uploadUrl == null) {
            throw new ContentException("createAsset needs 'fileName' (upload by pre-signed POST) or 'uploadUrl' (server fetch)");
        }
        if (fileName == null) {
            fileName = fileNameOf(uploadUrl);
        }
        d.values.put("fileName", fileName);
        d.values.put("handle", d.id);
        start(d, CREATE_PENDING, uploadUrl);
    }

    /** Applies fileName, reUpload and uploadUrl of an update. */
    void update(Document d, Map<String, Object> data) {
        if (data.get("fileName") != null) {
            d.values.put("fileName", data.get("fileName"));
        }
        String uploadUrl = (String) data.get("uploadUrl");
        if (Boolean.TRUE.equals(data.get("reUpload")) || uploadUrl != null) {
            if (data.get("fileName") == null && uploadUrl != null) {
                d.values.put("fileName", fileNameOf(uploadUrl));
            }
            String id = d.id;
            rt.store.afterCommit(() -> deleteQuietly(id));
            start(d, UPDATE_PENDING, uploadUrl);
        }
    }

    private void start(Document d, String status, String uploadUrl) {
        Map<String, Object> upload = new LinkedHashMap<>();
        upload.put("status", status);
        upload.put("expiresAt", ContentScalars.dateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString()));
        upload.put("requestPostData", uploadUrl == null
                ? new LinkedHashMap<>(rt.files.requestPostData(rt.environment(), d.id, (String) d.values.get("fileName"))) : null);
        upload.put("error", null);
        d.values.put("upload", upload);
        d.values.remove("size");
        d.values.remove("mimeType");
        if (uploadUrl != null) {
            String id = d.id;
            String fileName = (String) d.values.get("fileName");
            rt.store.afterCommit(() -> rt.files.fetch(rt.environment(), id, fileName, uploadUrl,
                    info -> finish(id, info, null), message -> finish(id, null, message)));
        }
    }

    /** For a pending asset, looks at the bucket and completes it once its file is there. */
    EntryView refresh(EntryView v) {
        if (!isPending(v.doc())) {
            return v;
        }
        Optional<AssetFiles.FileInfo> info = rt.files.stat(rt.environment(), v.doc().id);
        if (info.isEmpty()) {
            return v;
        }
        finish(v.doc().id, info.get(), null);
        Document now = rt.store.get(v.stage(), v.doc().model, v.doc().id);
        return now == null ? v : new EntryView(now, v.stage(), v.locale(), v.locales());
    }

    private void finish(String id, AssetFiles.FileInfo info, String error) {
        try {
            rt.store.transaction(() -> {
                for (String stage : EnvironmentStore.STAGES) {
                    Document d = rt.store.get(stage, ContentSchema.ASSET, id);
                    if (d == null || !isPending(d)) {
                        continue;
                    }
                    Document c = d.copy();
                    @SuppressWarnings("unchecked")
                    Map<String, Object> upload = new LinkedHashMap<>((Map<String, Object>) c.values.get("upload"));
                    if (info != null) {
                        upload.put("status", COMPLETE);
                        c.values.put("size", (double) info.size());
                        c.values.put("mimeType", info.mimeType());
                    } else {
                        upload.put("status", ERROR);
                        upload.put("error", Map.of("code", "ASSET_UPLOAD_FAILED", "message", error));
                    }
                    c.values.put("upload", upload);
                    rt.store.put(stage, c);
                }
                return null;
            });
            LOG.debug("Asset upload finished environment={} assetId={} ok={}", rt.environment(), id, info != null);
        } catch (RuntimeException e) {
            LOG.warn("Cannot record asset upload environment={} assetId={} error={}", rt.environment(), id, e.getMessage());
        }
    }

    void deleteFile(String id) {
        rt.store.afterCommit(() -> deleteQuietly(id));
    }

    private void deleteQuietly(String id) {
        try {
            rt.files.delete(rt.environment(), id);
        } catch (RuntimeException e) {
            LOG.warn("Cannot delete asset file environment={} assetId={} error={}", rt.environment(), id, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static boolean isPending(Document d) {
        Object upload = d.values.get("upload");
        if (!(upload instanceof Map<?, ?> u)) {
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
