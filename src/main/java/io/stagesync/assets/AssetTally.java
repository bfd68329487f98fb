package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import io.stagesync.sync.SyncProgress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running counts of one asset sync (read, created, updated, reuploaded, unchanged, failed, published,
 * unpublished, bytes) and its
 * failures; passes progress on as it changes. Shared by the parallel transfers of a run.
 */
public final class AssetTally {

    private static final long BYTE_STEP = 1024 * 1024;

    private final SyncProgress progress;
    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
    private final List<Map<String, Object>> failures = new ArrayList<>();
    private final java.util.Set<String> warnings = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    private final java.util.Set<String> failedIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong unpublished = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong expectedBytes = new AtomicLong();
    private final AtomicLong reportedBytes = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private volatile long total = -1;
    private volatile boolean started;

    public AssetTally(SyncProgress progress) {
        this.progress = progress == null ? SyncProgress.NONE : progress;
        for (String key : List.of("read", AssetOutcome.CREATED, AssetOutcome.UPDATED, AssetOutcome.REUPLOADED,
                AssetOutcome.UNCHANGED, AssetOutcome.FAILED)) {
            counts.put(key, new AtomicLong());
        }
    }

    public void pageRead(AssetApi.AssetPage page) {
        if (!started) {
            started = true;
            total = page.total();
            progress.phaseStarted("assets", total);
        }
        counts.get("read").addAndGet(page.assets().size());
        expectedBytes.addAndGet(page.assets().stream().mapToLong(AssetApi.SourceAsset::size).sum());
    }

    public void record(AssetOutcome outcome) {
        counts.get(outcome.result()).incrementAndGet();
        if (AssetOutcome.FAILED.equals(outcome.result())) {
            failedIds.add(outcome.sourceId());
            addFailure(outcome.sourceId(), outcome.reason());
        }
        progress.progress("assets", done.incrementAndGet(), total);
    }

    /** True when the asset failed in this run. */
    public boolean failed(String sourceId) {
        return failedIds.contains(sourceId);
    }

    /** Counts the assets whose publish state was copied (published or unpublished in the target). */
    public void publishState(long publishedNow, long unpublishedNow) {
        published.addAndGet(publishedNow);
        unpublished.addAndGet(unpublishedNow);
    }

    /** Records an asset whose file reached the target but whose publish state could not be copied. */
    public void publishFailed(String sourceId, String reason) {
        addFailure(sourceId, reason);
    }

    private void addFailure(String sourceId, String reason) {
        synchronized (failures) {
            failures.add(Map.of("model", AssetPlanner.MODEL, "sourceId", sourceId, "reason", String.valueOf(reason)));
        }
        progress.log("ERROR", "assets", "asset " + sourceId + " failed: " + reason);
    }

    /** Something of an asset that was not copied although the asset was (the run's warnings). */
    public void warn(String warning) {
        warnings.add(warning);
    }

    public void addBytes(long n) {
        long now = bytes.addAndGet(n);
        long last = reportedBytes.get();
        if (now - last >= BYTE_STEP && reportedBytes.compareAndSet(last, now)) {
            progress.bytes(now, Math.max(now, expectedBytes.get()));
        }
    }

    /** Source assets not read yet: the total the first page announced minus those read; -1 before the first page. */
    public long notRead() {
        return total < 0 ? -1 : Math.max(0, total - counts.get("read").get());
    }

    /** True when the run was asked to stop: no further page is read, the assets under way finish. */
    public boolean cancelled() {
        return progress.cancelled();
    }

    /** The phase's report: counts, bytes, the failures as {@code {model, sourceId, reason}} and the warnings. */
    public Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        counts.forEach((k, v) -> report.put(k, v.get()));
        report.put("published", published.get());
        report.put("unpublished", unpublished.get());
        report.put("bytes", bytes.get());
        synchronized (failures) {
            report.put("failures", List.copyOf(failures));
        }
        synchronized (warnings) {
            report.put("warnings", List.copyOf(warnings));
        }
        progress.bytes(bytes.get(), Math.max(bytes.get(), expectedBytes.get()));
        progress.phaseFinished("assets");
        return report;
    }
}
