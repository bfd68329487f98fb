package io.stagesync.hygraph;

import io.stagesync.assets.AssetFailedException;
import io.stagesync.assets.AssetTransientException;
import io.stagesync.assets.HttpStatusFailures;
import io.stagesync.dialect.StageRequestException;

import io.stagesync.dialect.AssetApi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link AssetApi} over a Hygraph content API: one request per call, through the stage's {@link HygraphClient}.
 */
public final class HygraphAssetApi implements AssetApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The inputs of {@code AssetCreateInput} the asset system itself defines (both of Hygraph's asset systems). */
    private static final java.util.Set<String> SYSTEM_INPUTS = java.util.Set.of("fileName", "uploadUrl", "handle", "mimeType",
            "size", "width", "height", "createdAt", "updatedAt", "localizations");

    private final Function<String, HygraphClient> clients;
    private final AssetDocuments documents;
    private final MutationBatchBuilder batches = new MutationBatchBuilder();
    private final List<String> customFields;
    private final Map<String, List<String>> locales = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> localizedFields = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param clients the client of each stage (asset calls are retried by the asset route, not by the client) */
    public HygraphAssetApi(Function<String, HygraphClient> clients, List<String> customFields) {
        this.clients = clients;
        this.customFields = List.copyOf(customFields);
        this.documents = new AssetDocuments(customFields);
    }

    @Override
    public AssetPage page(String stage, String after, int first) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("first", first);
        vars.put("after", after);
        vars.put("locales", locales(stage));
        JsonNode conn = call(stage, documents.page(), vars).path("assetsConnection");
        List<SourceAsset> assets = new ArrayList<>();
        for (JsonNode edge : conn.path("edges")) {
            JsonNode n = edge.path("node");
            List<Localization> localizations = new ArrayList<>();
            for (JsonNode l : n.path("localizations")) {
                Map<String, Object> localized = fields(l);
                localized.keySet().retainAll(localizedFields(stage));
                localizations.add(new Localization(l.path("locale").asText(), l.path("fileName").asText(), text(l, "mimeType"),
                        l.path("size").asLong(0), number(l, "width"), number(l, "height"), l.path("url").asText(), localized));
            }
            assets.add(new SourceAsset(n.path("id").asText(), n.path("fileName").asText(), text(n, "mimeType"),
                    n.path("size").asLong(0), number(n, "width"), number(n, "height"), text(n, "updatedAt"),
                    n.path("url").asText(), fields(n), localizations));
        }
        JsonNode info = conn.path("pageInfo");
        return new AssetPage(assets, text(info, "endCursor"), info.path("hasNextPage").asBoolean(false),
                conn.path("aggregate").path("count").asLong(-1));
    }

    @Override
    public Optional<TargetAsset> find(String stage, String id) {
        JsonNode a = call(stage, documents.find(), Map.of("id", id)).path("asset");
        if (a.isMissingNode() || a.isNull()) {
            return Optional.empty();
        }
        return Optional.of(targetAsset(a));
    }

    @Override
    public Map<String, TargetAsset> findAll(String stage, java.util.Collection<String> ids) {
        if (ids.size() > 100) {
            throw new IllegalArgumentException("at most 100 asset ids per status query, got " + ids.size());
        }
        Map<String, TargetAsset> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            call(stage, documents.findAll(), Map.of("ids", List.copyOf(ids))).path("assets")
                    .forEach(a -> found.put(a.path("id").asText(), targetAsset(a)));
        }
        return found;
    }

    private TargetAsset targetAsset(JsonNode a) {
        JsonNode err = a.path("upload").path("error");
        String error = err.isMissingNode() || err.isNull() ? null : err.path("code").asText() + ": " + err.path("message").asText();
        String status = text(a.path("upload"), "status");
        return new TargetAsset(a.path("id").asText(), text(a, "fileName"),
                a.path("size").isNumber() ? a.path("size").asLong() : null, state(status), status, error,
                text(a, "url"), fields(a));
    }

    @Override
    public java.util.Set<String> existing(String stage, java.util.Collection<String> ids) {
        java.util.Set<String> found = new java.util.HashSet<>();
        if (!ids.isEmpty()) {
            call(stage, documents.existing(), Map.of("ids", List.copyOf(ids))).path("assets").forEach(a -> found.add(a.path("id").asText()));
        }
        return found;
    }

    @Override
    public List<TargetAsset> createdBetween(String stage, String fileName, java.time.Instant from, java.time.Instant to) {
        List<TargetAsset> found = new ArrayList<>();
        call(stage, documents.createdBetween(), Map.of("fileName", fileName, "from", from.toString(), "to", to.toString()))
                .path("assets").forEach(a -> found.add(targetAsset(a)));
        return found;
    }

    @Override
    public Upload createForPost(String stage, String fileName, Map<String, Object> fields) {
        Map<String, Object> data = new LinkedHashMap<>(fields);
        data.put("fileName", fileName);
        return upload(call(stage, documents.create(), Map.of("data", data)).path("createAsset"));
    }

    @Override
    public List<Created> createAllForPost(String stage, List<NewAsset> assets) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (NewAsset asset : assets) {
            Map<String, Object> input = new LinkedHashMap<>(asset.fields());
            input.put("fileName", asset.fileName());
            data.add(input);
        }
        MutationBatchBuilder.Batch batch = batches.creates("Asset", data, documents.uploadSelection());
        JsonNode root = send(stage, batch.query(), batch.variables());
        Map<String, String> aliasErrors = new LinkedHashMap<>();
        for (JsonNode error : root.path("errors")) {
            String alias = error.path("path").path(0).asText(null);
            if (alias == null) {
                throw new AssetFailedException("stage " + stage + " answered: " + error.path("message").asText());
            }
            aliasErrors.putIfAbsent(alias, error.path("message").asText());
        }
        List<Created> created = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            JsonNode asset = root.path("data").path("m" + i);
            String error = aliasErrors.get("m" + i);
            if (error == null && (asset.isMissingNode() || asset.isNull())) {
                error = "the stage created no asset for " + assets.get(i).fileName();
            }
            created.add(error != null ? new Created(null, "stage " + stage + " answered: " + error) : new Created(upload(asset), null));
        }
        return created;
    }

    @Override
    public String createFromUrl(String stage, String fileName, String uploadUrl, Map<String, Object> fields) {
        Map<String, Object> data = new LinkedHashMap<>(fields);
        data.put("fileName", fileName);
        data.put("uploadUrl", uploadUrl);
        return call(stage, documents.create(), Map.of("data", data)).path("createAsset").path("id").asText();
    }

    @Override
    public Upload reuploadForPost(String stage, String id) {
        return upload(call(stage, documents.update(), Map.of("id", id, "data", Map.of("reUpload", true))).path("updateAsset"));
    }

    @Override
    public void reuploadFromUrl(String stage, String id, String uploadUrl) {
        call(stage, documents.update(), Map.of("id", id, "data", Map.of("uploadUrl", uploadUrl)));
    }

    @Override
    public void updateMetadata(String stage, String id, String fileName, Map<String, Object> fields) {
        Map<String, Object> data = new LinkedHashMap<>(fields);
        data.put("fileName", fileName);
        call(stage, documents.update(), Map.of("id", id, "data", data));
    }

    @Override
    public void delete(String stage, String id) {
        call(stage, documents.delete(), Map.of("id", id));
    }

    @Override
    public Map<String, Versions> versions(String stage, java.util.Collection<String> ids) {
        Map<String, Versions> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            call(stage, documents.versions(), Map.of("ids", List.copyOf(ids), "locales", locales(stage))).path("assets").forEach(a -> {
                JsonNode published = a.path("documentInStages").path(0);
                java.util.Set<String> locales = new java.util.TreeSet<>();
                published.path("localizations").forEach(l -> locales.add(l.path("locale").asText()));
                found.put(a.path("id").asText(), new Versions(text(a, "updatedAt"),
                        published.isMissingNode() ? null : text(published, "updatedAt"), locales));
            });
        }
        return found;
    }

    @Override
    public void publish(String stage, List<String> ids, boolean publish, List<String> locales) {
        if (locales == null || locales.isEmpty()) {
            publish(stage, ids, publish);
            return;
        }
        if (ids.size() > 100) {
            throw new IllegalArgumentException("at most 100 asset ids per publish call, got " + ids.size());
        }
        if (!ids.isEmpty()) {
            call(stage, documents.publishLocales(publish), Map.of("ids", List.copyOf(ids), "locales", List.copyOf(locales)));
        }
    }

    @Override
    public Map<String, TargetAsset> localizations(String stage, String id) {
        Map<String, TargetAsset> found = new LinkedHashMap<>();
        JsonNode a = call(stage, documents.localizations(), Map.of("id", id, "locales", locales(stage))).path("asset");
        for (JsonNode l : a.path("localizations")) {
            TargetAsset t = targetAsset(l);
            Map<String, Object> localized = new LinkedHashMap<>(t.fields());
            localized.keySet().retainAll(localizedFields(stage));
            found.put(l.path("locale").asText(), new TargetAsset(id, t.fileName(), t.size(), t.state(), t.status(), t.error(), t.url(), localized));
        }
        return found;
    }

    @Override
    public Upload uploadLocalization(String stage, String id, String locale, boolean create, String fileName,
                                     String uploadUrl, Map<String, Object> fields) {
        Map<String, Object> data = new LinkedHashMap<>(fields);
        data.keySet().retainAll(localizedFields(stage));
        data.put("fileName", fileName);
        if (uploadUrl != null) {
            data.put("uploadUrl", uploadUrl);
        } else if (!create) {
            data.put("reUpload", true);
        }
        JsonNode answer = updateLocalizations(stage, id, Map.of(create ? "create" : "update", List.of(Map.of("locale", locale, "data", data))),
                List.of(locale));
        if (uploadUrl != null) {
            return null;
        }
        for (JsonNode l : answer.path("localizations")) {
            if (locale.equals(l.path("locale").asText())) {
                return upload(id, l);
            }
        }
        throw new AssetFailedException("the target returned no localization " + locale + " for asset id=" + id);
    }

    @Override
    public void updateLocalization(String stage, String id, String locale, String fileName, Map<String, Object> fields) {
        Map<String, Object> data = new LinkedHashMap<>(fields);
        data.keySet().retainAll(localizedFields(stage));
        data.put("fileName", fileName);
        updateLocalizations(stage, id, Map.of("update", List.of(Map.of("locale", locale, "data", data))), List.of(locale));
    }

    @Override
    public void deleteLocalizations(String stage, String id, List<String> locales) {
        if (!locales.isEmpty()) {
            updateLocalizations(stage, id, Map.of("delete", List.copyOf(locales)), List.of());
        }
    }

    private JsonNode updateLocalizations(String stage, String id, Map<String, Object> localizations, List<String> answerLocales) {
        return call(stage, documents.updateLocalizations(), Map.of("id", id, "data", Map.of("localizations", localizations),
                "locales", answerLocales)).path("updateAsset");
    }

    /** The configured custom fields ({@code stagesync.assets.custom-fields}): what is read and written of an Asset. */
    @Override
    public List<String> copiedFields(String stage) {
        return customFields;
    }

    /** The custom fields of the stage's Asset not configured (so not copied). */
    @Override
    public List<String> uncopiedFields(String stage) {
        return assetFields(stage).stream().filter(f -> !customFields.contains(f)).toList();
    }

    @Override
    public void checkCustomFields(String stage) {
        if (customFields.isEmpty()) {
            return;
        }
        List<String> has = assetFields(stage);
        List<String> missing = customFields.stream().filter(f -> !has.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("stagesync.assets.custom-fields names " + String.join(", ", missing) + ", which the Asset of stage "
                    + stage + " does not have (its custom fields: " + (has.isEmpty() ? "none" : String.join(", ", has))
                    + "); nothing was read or written");
        }
    }

    /** The create input's fields that are neither the system's nor relations (reverse fields): the Asset's custom fields. */
    private List<String> assetFields(String stage) {
        List<String> fields = new ArrayList<>();
        call(stage, documents.createInput(), Map.of()).path("__type").path("inputFields").forEach(f -> {
            String name = f.path("name").asText();
            JsonNode type = f.path("type").path("ofType").isObject() && !f.path("type").path("ofType").isNull()
                    ? f.path("type").path("ofType") : f.path("type");
            boolean relation = type.path("name").asText("").endsWith("InlineInput");
            if (!relation && !SYSTEM_INPUTS.contains(name)) {
                fields.add(name);
            }
        });
        return fields;
    }

    /** The stage's locales, asked once (the values of its {@code Locale} enumeration). */
    private List<String> locales(String stage) {
        return locales.computeIfAbsent(stage, s -> {
            List<String> names = new ArrayList<>();
            call(s, documents.locales(), Map.of()).path("__type").path("enumValues").forEach(v -> names.add(v.path("name").asText()));
            return List.copyOf(names);
        });
    }

    /** The configured custom fields that are localized in the stage (a localization's input takes them), asked once. */
    private java.util.Set<String> localizedFields(String stage) {
        return localizedFields.computeIfAbsent(stage, s -> {
            java.util.Set<String> names = new java.util.HashSet<>();
            if (!customFields.isEmpty()) {
                call(s, documents.localizationInput(), Map.of()).path("__type").path("inputFields")
                        .forEach(f -> names.add(f.path("name").asText()));
                names.retainAll(customFields);
            }
            return java.util.Set.copyOf(names);
        });
    }

    @Override
    public void publish(String stage, List<String> ids, boolean publish) {
        if (ids.size() > 100) {
            throw new IllegalArgumentException("at most 100 asset ids per publish call, got " + ids.size());
        }
        if (!ids.isEmpty()) {
            call(stage, documents.publish(publish), Map.of("ids", List.copyOf(ids)));
        }
    }

    /** Hygraph's upload statuses: {@code ASSET_CREATE_PENDING}, {@code ASSET_UPDATE_PENDING}, {@code ASSET_UPLOAD_COMPLETE}, {@code ASSET_ERROR_UPLOAD}. */
    private static UploadState state(String status) {
        if (status == null) {
            return UploadState.UNKNOWN;
        }
        if (status.endsWith("_PENDING")) {
            return UploadState.PENDING;
        }
        return "ASSET_ERROR_UPLOAD".equals(status) ? UploadState.FAILED : UploadState.COMPLETE;
    }

    private Upload upload(JsonNode asset) {
        return upload(asset.path("id").asText(), asset);
    }

    private Upload upload(String id, JsonNode asset) {
        Map<String, String> post = new LinkedHashMap<>();
        asset.path("upload").path("requestPostData").fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                post.put(e.getKey(), e.getValue().asText());
            }
        });
        if (post.isEmpty()) {
            throw new AssetFailedException("the target returned no upload.requestPostData for asset id=" + id);
        }
        return new Upload(id, post);
    }

    /** Sends a request and returns its {@code data}; any GraphQL error fails the call. */
    private JsonNode call(String stageName, String query, Map<String, Object> variables) {
        JsonNode root = send(stageName, query, variables);
        if (root.path("errors").size() > 0) {
            throw new AssetFailedException("stage " + stageName + " answered: " + root.path("errors").get(0).path("message").asText());
        }
        return root.path("data");
    }

    /** Sends a request through the stage's client and returns the whole answer, {@code data} and {@code errors}. */
    private JsonNode send(String stageName, String query, Map<String, Object> variables) {
        GraphQLResult result;
        HygraphClient client = clients.apply(stageName);
        try {
            result = client.execute(query, variables);
        } catch (StageRequestException e) {
            if (e.status() == 0) {
                throw new AssetTransientException("content API unreachable stage=" + stageName + ": " + e.getMessage(), e);
            }
            throw HttpStatusFailures.of(e.status(), "content API of stage " + stageName, client.url());
        }
        if (result.status() == 400 && result.hasErrors()) {
            throw new AssetFailedException("stage " + stageName + " refused the request: " + result.errorMessages());
        }
        if (result.status() != 200) {
            throw HttpStatusFailures.of(result.status(), "content API of stage " + stageName, client.url());
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", result.data());
        root.put("errors", result.errors());
        return JSON.valueToTree(root);
    }

    private Map<String, Object> fields(JsonNode node) {
        Map<String, Object> values = new LinkedHashMap<>();
        customFields.forEach(f -> values.put(f, node.has(f) ? JSON.convertValue(node.get(f), Object.class) : null));
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }
}
