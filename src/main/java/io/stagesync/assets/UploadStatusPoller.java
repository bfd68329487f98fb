package io.stagesync.assets;

import java.time.Duration;

/**
 * Waits until a target asset's upload is complete, polling its status; an error or a timeout fails the asset.
 */
public final class UploadStatusPoller {

    private final AssetApi api;
    private final Duration timeout;
    private final Duration interval;

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
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = Math.min(interval.toMillis(), 50);
        while (true) {
            AssetApi.TargetAsset asset = api.find(stage, assetId)
                    .orElseThrow(() -> new AssetFailedException("target asset vanished while waiting for its upload stage=" + stage + " id=" + assetId));
            if (asset.error() != null || "ASSET_ERROR_UPLOAD".equals(asset.status())) {
                throw new AssetFailedException("upload rejected by the target stage=" + stage + " id=" + assetId + ": " + asset.error());
            }
            if (!asset.pending() && asset.status() != null) {
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
}
