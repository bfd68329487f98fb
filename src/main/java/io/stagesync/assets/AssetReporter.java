package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import io.stagesync.sync.SyncProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Starts a run's {@link AssetTally}, turns plans and failures into outcomes, records them and builds the phase report.
 */
public final class AssetReporter {

    private static final Logger log = LoggerFactory.getLogger("stagesync.sync-assets");

    public AssetTally start(SyncProgress progress) {
        return new AssetTally(progress);
    }

    /** What plan mode reports for a planned asset: what would be done, nothing written. */
    public AssetOutcome planned(AssetPlan plan) {
        String result = switch (plan.action()) {
            case AssetPlan.CREATE -> AssetOutcome.CREATED;
            case AssetPlan.UPDATE -> AssetOutcome.UPDATED;
            default -> AssetOutcome.UNCHANGED;
        };
        return new AssetOutcome(plan.asset().id(), result, plan.targetId(), 0, null);
    }

    public AssetOutcome unchanged(AssetPlan plan) {
        return new AssetOutcome(plan.asset().id(), AssetOutcome.UNCHANGED, plan.targetId(), 0, null);
    }

    /** Records a failed asset; {@code item} is what the failing step held (a plan or a source asset). */
    public AssetOutcome failed(Object item, String reason, AssetTally tally) {
        String sourceId = item instanceof AssetPlan p ? p.asset().id()
                : item instanceof AssetApi.SourceAsset a ? a.id() : String.valueOf(item);
        AssetOutcome outcome = new AssetOutcome(sourceId, AssetOutcome.FAILED, null, 0, reason);
        log.error("Asset failed sourceId={} reason={}", sourceId, reason);
        if (tally != null) {
            tally.record(outcome);
        }
        return outcome;
    }

    public void record(AssetOutcome outcome, AssetTally tally) {
        log.debug("Asset synced sourceId={} result={} targetId={} bytes={}", outcome.sourceId(), outcome.result(),
                outcome.targetId(), outcome.bytes());
        tally.record(outcome);
    }

    /**
     * The report of a phase that stopped early (a page read failed for good): what was done and failed so far, with
     * the reason under {@code error} and how many source assets were never read.
     */
    public Map<String, Object> stopped(AssetTally tally, String reason) {
        Map<String, Object> report = report(tally == null ? new AssetTally(SyncProgress.NONE) : tally);
        long notRead = tally == null ? -1 : tally.notRead();
        String error = reason + (notRead > 0 ? " (" + notRead + " source assets not read)" : "");
        log.error("Asset phase stopped: {}", error);
        report.put("error", error);
        return report;
    }

    public Map<String, Object> report(AssetTally tally) {
        Map<String, Object> report = tally.report();
        log.info("Assets done read={} created={} updated={} reuploaded={} unchanged={} failed={} bytes={}",
                report.get("read"), report.get("created"), report.get("updated"), report.get("reuploaded"),
                report.get("unchanged"), report.get("failed"), report.get("bytes"));
        return report;
    }
}
