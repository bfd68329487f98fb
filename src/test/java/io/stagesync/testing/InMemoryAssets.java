package io.stagesync.testing;

import io.stagesync.dialect.AssetApi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The asset side of a stage held in memory behind the dialect seam, with the calls made to it. */
public final class InMemoryAssets implements AssetApi {

    private final Map<String, TargetAsset> assets = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Set<String> published = new HashSet<>();

    public InMemoryAssets with(TargetAsset asset) {
        assets.put(asset.id(), asset);
        return this;
    }

    /** The calls made, as {@code method:id}. */
    public List<String> calls() {
        return calls;
    }

    public Map<String, TargetAsset> assets() {
        return assets;
    }

    @Override
    public AssetPage page(String stage, String after, int first) {
        return new AssetPage(List.of(), null, false, 0);
    }

    @Override
    public Optional<TargetAsset> find(String stage, String id) {
        calls.add("find:" + id);
        return Optional.ofNullable(assets.get(id));
    }

    @Override
    public Map<String, TargetAsset> findAll(String stage, Collection<String> ids) {
        Map<String, TargetAsset> found = new LinkedHashMap<>();
        ids.forEach(id -> find(stage, id).ifPresent(a -> found.put(id, a)));
        return found;
    }

    @Override
    public List<TargetAsset> createdBetween(String stage, String fileName, java.time.Instant from, java.time.Instant to) {
        calls.add("createdBetween:" + fileName);
        return assets.values().stream().filter(a -> fileName.equals(a.fileName())).toList();
    }

    @Override
    public Set<String> existing(String stage, Collection<String> ids) {
        Set<String> found = new HashSet<>(ids);
        found.retainAll(assets.keySet());
        return found;
    }

    @Override
    public Upload createForPost(String stage, String fileName, Map<String, Object> fields) {
        throw new UnsupportedOperationException("files move through the test's AssetFileMover");
    }

    @Override
    public List<Created> createAllForPost(String stage, List<NewAsset> newAssets) {
        throw new UnsupportedOperationException("files move through the test's AssetFileMover");
    }

    @Override
    public String createFromUrl(String stage, String fileName, String uploadUrl, Map<String, Object> fields) {
        throw new UnsupportedOperationException("files move through the test's AssetFileMover");
    }

    @Override
    public Upload reuploadForPost(String stage, String id) {
        throw new UnsupportedOperationException("files move through the test's AssetFileMover");
    }

    @Override
    public void reuploadFromUrl(String stage, String id, String uploadUrl) {
        throw new UnsupportedOperationException("files move through the test's AssetFileMover");
    }

    @Override
    public void updateMetadata(String stage, String id, String fileName, Map<String, Object> fields) {
        calls.add("updateMetadata:" + id);
        TargetAsset a = assets.get(id);
        assets.put(id, new TargetAsset(id, fileName, a.size(), a.state(), a.status(), a.error(), a.url(), fields));
    }

    @Override
    public void delete(String stage, String id) {
        calls.add("delete:" + id);
        assets.remove(id);
    }

    @Override
    public Map<String, Versions> versions(String stage, Collection<String> ids) {
        Map<String, Versions> found = new LinkedHashMap<>();
        ids.stream().filter(assets::containsKey).forEach(id -> found.put(id, new Versions("v1", published.contains(id) ? "v1" : null)));
        return found;
    }

    @Override
    public void publish(String stage, List<String> ids, boolean publish) {
        ids.forEach(id -> {
            calls.add((publish ? "publish:" : "unpublish:") + id);
            if (publish) {
                published.add(id);
            } else {
                published.remove(id);
            }
        });
    }
}
