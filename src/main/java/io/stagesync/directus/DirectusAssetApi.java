package io.stagesync.directus;

import io.stagesync.dialect.AssetApi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The asset half of a Directus stage. Files are not copied by the Directus dialect yet: a Directus stage lists and
 * finds no assets (its file fields are reported as skipped by the schema), so the asset phase has nothing to do, and
 * asset writes to a Directus target (from a Hygraph source) are refused with a message saying so.
 */
final class DirectusAssetApi implements AssetApi {

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("Files are not copied to or from Directus stages yet");
    }

    @Override
    public AssetPage page(String stage, String after, int first) {
        return new AssetPage(List.of(), null, false, 0);
    }

    @Override
    public Optional<TargetAsset> find(String stage, String id) {
        return Optional.empty();
    }

    @Override
    public Map<String, TargetAsset> findAll(String stage, Collection<String> ids) {
        return Map.of();
    }

    @Override
    public Set<String> existing(String stage, Collection<String> ids) {
        return Set.of();
    }

    @Override
    public List<TargetAsset> createdBetween(String stage, String fileName, Instant from, Instant to) {
        return List.of();
    }

    @Override
    public Upload createForPost(String stage, String fileName, Map<String, Object> fields) {
        throw unsupported();
    }

    @Override
    public List<Created> createAllForPost(String stage, List<NewAsset> assets) {
        throw unsupported();
    }

    @Override
    public String createFromUrl(String stage, String fileName, String uploadUrl, Map<String, Object> fields) {
        throw unsupported();
    }

    @Override
    public Upload reuploadForPost(String stage, String id) {
        throw unsupported();
    }

    @Override
    public void reuploadFromUrl(String stage, String id, String uploadUrl) {
        throw unsupported();
    }

    @Override
    public void updateMetadata(String stage, String id, String fileName, Map<String, Object> fields) {
        throw unsupported();
    }

    @Override
    public void delete(String stage, String id) {
        throw unsupported();
    }

    @Override
    public Map<String, Versions> versions(String stage, java.util.Collection<String> ids) {
        return Map.of();
    }

    @Override
    public void publish(String stage, List<String> ids, boolean publish) {
        throw unsupported();
    }
}
