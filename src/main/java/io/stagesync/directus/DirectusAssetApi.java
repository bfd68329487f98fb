package io.stagesync.directus;

import io.stagesync.assets.AssetFailedException;
import io.stagesync.assets.AssetTransientException;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.StageRequestException;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The asset half of Directus stages: files through the REST {@code /files} API. Files are read by keyset (creation
 * stamp, then id, as items are) and their bytes from {@code /assets/<id>}; a file is created by a multipart upload
 * that streams the bytes and keeps the source id when it is a UUID (Directus file ids are UUIDs), and replaced by a
 * multipart PATCH. Uploads complete in the request, so no upload is ever pending. The metadata copied is the download
 * file name, the type and {@link #FILE_FIELDS}. Directus files have no publish state: {@link #versions} knows none.
 */
final class DirectusAssetApi implements AssetApi {

    /**
     * The file fields copied besides name and type, nulls left out on both sides: the metadata an editor sets, and what
     * Directus stored about the file (dimensions, duration, extracted metadata) as the source stored it. The folder is
     * {@code {id, name, parent}} up to {@link #FOLDER_DEPTH} levels. Not copied: {@code uploaded_by} and {@code modified_by}
     * (users of the source instance), {@code created_on}, {@code modified_on} and {@code uploaded_on} (set by the target),
     * {@code storage}, {@code filename_disk} and {@code charset} (the target's own storage of the upload), {@code tus_*}.
     */
    static final List<String> FILE_FIELDS = List.of("title", "description", "tags", "location", "focal_point_x", "focal_point_y",
            "metadata", "width", "height", "duration", "embed", "folder");
    static final int FOLDER_DEPTH = 5;
    private static final String READ = "id,filename_download,type,filesize,created_on,modified_on," + String.join(",", FILE_FIELDS.stream()
            .filter(f -> !f.equals("folder")).toList()) + "," + folderFields();
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Function<String, DirectusRest> rest;

    /** @param rest the REST client of a Directus stage */
    DirectusAssetApi(Function<String, DirectusRest> rest) {
        this.rest = rest;
    }

    @Override
    @SuppressWarnings("unchecked")
    public AssetPage page(String stage, String after, int first) {
        DirectusDialect.Cursor cursor = DirectusDialect.Cursor.parse(after);
        String filter = cursor.stamp() == null ? "" : "&filter=" + DirectusRest.param(Map.of("_or", List.of(Map.of("created_on", Map.of("_gt", cursor.stamp())),
                    Map.of("_and", List.of(Map.of("created_on", Map.of("_eq", cursor.stamp())), Map.of("id", Map.of("_nin", cursor.keys())))))));
        DirectusRest r = rest.apply(stage);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) call(stage, () -> r.get("/files?fields=" + READ
                + "&sort=created_on,id&limit=" + (first + 1) + filter));
        long total = after == null ? count(stage, r) : -1;
        boolean more = rows.size() > first;
        List<SourceAsset> assets = new ArrayList<>();
        String stamp = cursor.stamp();
        List<String> keys = new ArrayList<>(cursor.keys());
        for (Map<String, Object> row : more ? rows.subList(0, first) : rows) {
            assets.add(source(r, row));
            String at = String.valueOf(row.get("created_on"));
            if (!at.equals(stamp)) {
                stamp = at;
                keys.clear();
            }
            keys.add(String.valueOf(row.get("id")));
        }
        return new AssetPage(assets, stamp == null ? null : stamp + "|" + String.join(",", keys), more, total);
    }

    @SuppressWarnings("unchecked")
    private long count(String stage, DirectusRest r) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) call(stage, () -> r.get("/files?aggregate[count]=id"));
        return rows.isEmpty() || !(rows.get(0).get("count") instanceof Map<?, ?> c) ? -1 : Long.parseLong(String.valueOf(c.get("id")));
    }

    private static SourceAsset source(DirectusRest r, Map<String, Object> row) {
        String id = String.valueOf(row.get("id"));
        Object updated = row.get("modified_on") != null ? row.get("modified_on") : row.get("created_on");
        return new SourceAsset(id, (String) row.get("filename_download"), (String) row.get("type"), number(row.get("filesize")),
                decimal(row.get("width")), decimal(row.get("height")), updated == null ? null : updated.toString(), r.assetUrl(id), fields(row));
    }

    private static TargetAsset target(DirectusRest r, Map<String, Object> row) {
        String id = String.valueOf(row.get("id"));
        return new TargetAsset(id, (String) row.get("filename_download"), row.get("filesize") == null ? null : number(row.get("filesize")),
                UploadState.COMPLETE, "stored", null, r.assetUrl(id), fields(row));
    }

    private static Map<String, Object> fields(Map<String, Object> row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        FILE_FIELDS.forEach(f -> {
            if (row.get(f) != null) {
                fields.put(f, row.get(f));
            }
        });
        return fields;
    }

    /** The folder chain read with a file: {@code folder.id,folder.name,folder.parent.id,…}, the last level's parent as a key. */
    private static String folderFields() {
        List<String> paths = new ArrayList<>();
        String at = "folder";
        for (int depth = 0; depth < FOLDER_DEPTH; depth++) {
            paths.add(at + ".id");
            paths.add(at + ".name");
            at += ".parent";
        }
        paths.add(at);
        return String.join(",", paths);
    }

    /**
     * Makes a file's folder exist in the target as in the source, parents first: a folder the target lacks is created
     * with its id, name and parent, one whose name or parent differ is updated (Directus folders are rows of
     * {@code directus_folders}; copying them keeps the file's folder and lets a rerun find nothing to change). Answers
     * the folder's id, or null for none.
     */
    @SuppressWarnings("unchecked")
    private String folder(String stage, Object folder) {
        if (!(folder instanceof Map<?, ?> f) || f.get("id") == null) {
            return folder instanceof String key ? key : null;
        }
        String id = String.valueOf(f.get("id"));
        String parent = folder(stage, f.get("parent"));
        DirectusRest r = rest.apply(stage);
        List<Map<String, Object>> found = (List<Map<String, Object>>) call(stage, () -> r.get("/folders?fields=id,name,parent&filter="
                + DirectusRest.param(Map.of("id", Map.of("_eq", id)))));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", f.get("name"));
        row.put("parent", parent);
        if (found.isEmpty()) {
            row.put("id", id);
            call(stage, () -> r.send("POST", "/folders", row));
        } else if (!java.util.Objects.equals(found.get(0).get("name"), row.get("name"))
                || !java.util.Objects.equals(found.get(0).get("parent"), parent)) {
            call(stage, () -> r.send("PATCH", "/folders/" + id, row));
        }
        return id;
    }

    /** The fields of a write as Directus takes them: the folder by its id (made to exist first), nulls for what the source lacks. */
    private Map<String, Object> written(String stage, Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        FILE_FIELDS.forEach(f -> out.put(f, f.equals("folder") ? folder(stage, fields.get(f)) : fields.get(f)));
        return out;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : o == null ? 0 : Long.parseLong(o.toString());
    }

    private static Double decimal(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    @Override
    public Optional<TargetAsset> find(String stage, String id) {
        return Optional.ofNullable(findAll(stage, List.of(id)).get(id));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, TargetAsset> findAll(String stage, Collection<String> ids) {
        Map<String, TargetAsset> found = new HashMap<>();
        List<String> keys = ids.stream().filter(id -> UUID.matcher(id).matches()).distinct().toList();
        if (keys.isEmpty()) {
            return found;
        }
        DirectusRest r = rest.apply(stage);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) call(stage, () -> r.get("/files?limit=-1&fields=" + READ
                + "&filter=" + DirectusRest.param(Map.of("id", Map.of("_in", keys)))));
        rows.forEach(row -> found.put(String.valueOf(row.get("id")), target(r, row)));
        return found;
    }

    @Override
    public Set<String> existing(String stage, Collection<String> ids) {
        return new LinkedHashSet<>(findAll(stage, ids).keySet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<TargetAsset> createdBetween(String stage, String fileName, Instant from, Instant to) {
        DirectusRest r = rest.apply(stage);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) call(stage, () -> r.get("/files?limit=100&fields=" + READ
                + "&filter=" + DirectusRest.param(Map.of("_and", List.of(Map.of("filename_download", Map.of("_eq", fileName)),
                Map.of("created_on", Map.of("_gte", from.toString())), Map.of("created_on", Map.of("_lte", to.toString())))))));
        return rows.stream().map(row -> target(r, row)).toList();
    }

    @Override
    public List<String> copiedFields(String stage) {
        return FILE_FIELDS;
    }

    /** Directus files have no publish state: each is served once stored. */
    @Override
    public boolean publishesAssets(String stage) {
        return false;
    }

    @Override
    public boolean takesFiles(String stage) {
        return true;
    }

    /**
     * One multipart request: the string fields, then the bytes. A new file keeps {@code id} when it is a UUID. Fields
     * that are not text (tags) follow in a JSON PATCH.
     */
    @Override
    @SuppressWarnings("unchecked")
    public TargetAsset putFile(String stage, String id, boolean replace, NewAsset asset, String mimeType, InputStream data, long length) {
        DirectusRest r = rest.apply(stage);
        Map<String, String> form = new LinkedHashMap<>();
        if (!replace && id != null && UUID.matcher(id).matches()) {
            form.put("id", id);
        }
        form.put("filename_download", asset.fileName());
        if (mimeType != null) {
            form.put("type", mimeType);
        }
        Map<String, Object> wanted = written(stage, asset.fields() == null ? Map.of() : asset.fields());
        wanted.forEach((f, v) -> {
            if (v instanceof String s) {
                form.put(f, s);
            }
        });
        Map<String, Object> row = (Map<String, Object>) call(stage, () -> r.upload(replace ? "PATCH" : "POST", replace ? "/files/" + id : "/files",
                form, asset.fileName(), mimeType, data, length));
        // what Directus works out of an upload itself (a title from the file name, dimensions, extracted metadata) is set
        // as the source has it right after, so the next run finds nothing to change
        Map<String, Object> others = new LinkedHashMap<>();
        wanted.forEach((f, v) -> {
            if (!java.util.Objects.equals(v, row.get(f))) {
                others.put(f, v);
            }
        });
        if (others.isEmpty()) {
            return target(r, row);
        }
        call(stage, () -> r.send("PATCH", "/files/" + row.get("id"), others));
        return findAll(stage, List.of(String.valueOf(row.get("id")))).get(String.valueOf(row.get("id")));
    }

    @Override
    public void updateMetadata(String stage, String id, String fileName, Map<String, Object> fields) {
        Map<String, Object> patch = new HashMap<>(written(stage, fields == null ? Map.of() : fields));
        patch.put("filename_download", fileName);
        call(stage, () -> rest.apply(stage).send("PATCH", "/files/" + id, patch));
    }

    @Override
    public void delete(String stage, String id) {
        if (!existing(stage, List.of(id)).isEmpty()) {
            call(stage, () -> rest.apply(stage).send("DELETE", "/files/" + id, null));
        }
    }

    /** Directus files have no publish state. */
    @Override
    public Map<String, Versions> versions(String stage, Collection<String> ids) {
        return Map.of();
    }

    /** Nothing to do: Directus files have no publish state ({@link #versions} knows none, so none is asked for). */
    @Override
    public void publish(String stage, List<String> ids, boolean publish) {
        if (!ids.isEmpty()) {
            throw new AssetFailedException("Directus files have no publish state; stage " + stage + " cannot publish assets");
        }
    }

    private static UnsupportedOperationException uploadsDirect(String stage) {
        return new UnsupportedOperationException("Directus stage " + stage + " takes files in the request that creates them");
    }

    @Override
    public Upload createForPost(String stage, String fileName, Map<String, Object> fields) {
        throw uploadsDirect(stage);
    }

    @Override
    public List<Created> createAllForPost(String stage, List<NewAsset> assets) {
        throw uploadsDirect(stage);
    }

    @Override
    public String createFromUrl(String stage, String fileName, String uploadUrl, Map<String, Object> fields) {
        throw uploadsDirect(stage);
    }

    @Override
    public Upload reuploadForPost(String stage, String id) {
        throw uploadsDirect(stage);
    }

    @Override
    public void reuploadFromUrl(String stage, String id, String uploadUrl) {
        throw uploadsDirect(stage);
    }

    /** A failed request as the asset phase classifies it: retried when the stage may answer otherwise later. */
    private static Object call(String stage, Supplier<Object> request) {
        try {
            return request.get();
        } catch (StageRequestException e) {
            if (e.status() == 0 || e.status() == 429 || e.status() >= 500) {
                throw new AssetTransientException("stage " + stage + " unreachable: " + e.getMessage(), e);
            }
            throw new AssetFailedException("stage " + stage + " refused the request: " + e.getMessage(), e);
        }
    }
}
