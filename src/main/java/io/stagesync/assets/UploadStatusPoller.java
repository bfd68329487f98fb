package io.stagesync.assets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Waits until a target asset's upload is complete, polling its status; an error or a timeout fails the asset.
 * The status queries of assets waiting at the same time are merged: whoever asks while another query to the
 * stage is under way is answered by the next one, which carries every id asked for meanwhile (up to 100).
 */
public final class UploadStatusPoller {

    private static final int MAX_IDS = 100;

    private final AssetApi api;
    private final Duration timeout;
    private final Duration interval;
    private final Map<String, StageLookups> lookups = new ConcurrentHashMap<>();

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
            AssetApi.TargetAsset asset = status(stage, assetId)
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

    /** One asset's state, read in the same query as the other assets of the stage asked for at the same time. */
    Optional<AssetApi.TargetAsset> status(String stage, String assetId) {
        return lookups.computeIfAbsent(stage, StageLookups::new).lookup(assetId);
    }

    /** The status lookups of one stage: one query at a time, each answering every id queued before it began. */
    private final class StageLookups {
        private final String stage;
        private final Queue<Lookup> queued = new ConcurrentLinkedQueue<>();
        private final Object querying = new Object();

        StageLookups(String stage) {
            this.stage = stage;
        }

        Optional<AssetApi.TargetAsset> lookup(String assetId) {
            Lookup mine = new Lookup(assetId, new CompletableFuture<>());
            queued.add(mine);
            while (!mine.answer().isDone()) {
                synchronized (querying) {
                    if (!mine.answer().isDone()) {
                        answer(take());
                    }
                }
            }
            try {
                return mine.answer().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        /** The oldest queued lookups, as many as one query may carry. */
        private List<Lookup> take() {
            List<Lookup> batch = new ArrayList<>();
            LinkedHashSet<String> ids = new LinkedHashSet<>();
            for (Lookup next; (next = queued.peek()) != null; ) {
                if (!ids.contains(next.assetId()) && ids.size() == MAX_IDS) {
                    break;
                }
                ids.add(queued.poll().assetId());
                batch.add(next);
            }
            return batch;
        }

        private void answer(List<Lookup> batch) {
            try {
                Map<String, AssetApi.TargetAsset> found = batch.size() == 1
                        ? api.find(stage, batch.get(0).assetId()).map(a -> Map.of(a.id(), a)).orElse(Map.of())
                        : api.findAll(stage, batch.stream().map(Lookup::assetId).distinct().toList());
                batch.forEach(l -> l.answer().complete(Optional.ofNullable(found.get(l.assetId()))));
            } catch (RuntimeException e) {
                batch.forEach(l -> l.answer().completeExceptionally(e));
            }
        }
    }

    private record Lookup(String assetId, CompletableFuture<Optional<AssetApi.TargetAsset>> answer) {
    }
}
