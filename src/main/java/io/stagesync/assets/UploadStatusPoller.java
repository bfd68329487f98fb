package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits until a target asset's upload is complete, polling its status; an error or a timeout fails the asset.
 * The status queries of assets waiting at the same time are merged: whoever asks while another query to the
 * stage is under way is answered by the next one, which carries every id asked for meanwhile (up to 100).
 */
public final class UploadStatusPoller {

    /** Ids per status query: Hygraph's page size. */
    private static final int MAX_IDS = 100;

    private final AssetApi api;
    private final Duration timeout;
    private final Duration interval;
    private final MergedCalls<String, Optional<AssetApi.TargetAsset>> statuses = new MergedCalls<>(MAX_IDS, this::query);

    public UploadStatusPoller(AssetApi api, Duration timeout, Duration interval) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stagesync.assets.complete-timeout must be a positive duration, got: " + timeout);
        }
        if (interval == null || interval.isNegative() || interval.isZero() || interval.compareTo(timeout) > 0) {
            throw new IllegalArgumentException("stagesync.assets.poll-interval must be positive and below the complete timeout, got: " + interval);
        }
        this.api = api;
        this.timeout = timeout;
        this.interval = interval;
    }

    /** Returns the completed asset, or fails when the upload errs, vanishes or is still pending at the timeout. */
    public AssetApi.TargetAsset awaitComplete(String stage, String assetId) {
        return awaitComplete(stage, assetId, null);
    }

    /**
     * Like {@link #awaitComplete(String, String)} for the file of one localization of the asset ({@code locale}; null
     * for the default locale, whose status queries are merged with the other assets').
     */
    public AssetApi.TargetAsset awaitComplete(String stage, String assetId, String locale) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = Math.min(interval.toMillis(), 50);
        while (true) {
            Optional<AssetApi.TargetAsset> found = locale == null ? status(stage, assetId)
                    : Optional.ofNullable(api.localizations(stage, assetId).get(locale));
            AssetApi.TargetAsset asset = found.orElseThrow(() -> new AssetFailedException("target asset vanished while waiting for its upload stage="
                    + stage + " id=" + assetId + (locale == null ? "" : " locale=" + locale)));
            if (asset.error() != null || asset.state() == AssetApi.UploadState.FAILED) {
                throw new AssetFailedException("upload rejected by the target stage=" + stage + " id=" + assetId + ": " + asset.error());
            }
            if (asset.state() == AssetApi.UploadState.COMPLETE) {
                return asset;
            }
            if (System.nanoTime() > deadline) {
                throw new AssetFailedException("upload never completed within " + timeout.toSeconds() + "s stage=" + stage
                        + " id=" + assetId + " status=" + asset.status());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssetTransientException("interrupted while waiting for the upload of id=" + assetId, e);
            }
            // start fast (small files complete at once), then back off to the configured interval
            pause = Math.min(interval.toMillis(), pause * 2);
        }
    }

    /** One asset's state, read in the same query as the other assets of the stage asked for at the same time. */
    Optional<AssetApi.TargetAsset> status(String stage, String assetId) {
        return statuses.call(stage, assetId);
    }

    private List<MergedCalls.Answer<Optional<AssetApi.TargetAsset>>> query(String stage, List<String> ids) {
        Map<String, AssetApi.TargetAsset> found = ids.size() == 1
                ? api.find(stage, ids.get(0)).map(a -> Map.of(a.id(), a)).orElse(Map.of())
                : api.findAll(stage, ids.stream().distinct().toList());
        return ids.stream().map(id -> MergedCalls.Answer.of(Optional.ofNullable(found.get(id)))).toList();
    }
}
