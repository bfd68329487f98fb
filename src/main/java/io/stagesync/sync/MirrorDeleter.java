package io.stagesync.sync;

import io.stagesync.assets.AssetPlanner;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.state.IdMapRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Applies a mirror's deletions, or only lists them: without consent, in a plan, or after a run with failures nothing
 * is deleted. Otherwise it first backs up the target to {@code pre-mirror-<target>} (a failed backup deletes nothing),
 * then deletes the entries model by model and then the assets, and forgets their id map rows, so a rerun after a kill
 * finds the rest and converges.
 */
public final class MirrorDeleter {

    private static final Logger log = LoggerFactory.getLogger("stagesync.mirror-target");

    private static final int LOGGED = 50;

    private final IdMapRepository idMap;
    private final Supplier<AssetApi> assets;
    private final Supplier<SafetyBackup> backup;

    public MirrorDeleter(IdMapRepository idMap, Supplier<AssetApi> assets, Supplier<SafetyBackup> backup) {
        this.idMap = idMap;
        this.assets = assets;
        this.backup = backup;
    }

    public Map<String, Object> apply(SyncRun run, MirrorDeletions deletions) {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> listed = new LinkedHashMap<>(deletions.entries());
        if (!deletions.assets().isEmpty()) {
            listed.put(AssetPlanner.MODEL, deletions.assets());
        }
        if (run.planOnly()) {
            deletions.entries().forEach((model, ids) -> run.counters(model).planDelete.set(ids.size()));
        }
        report.put("count", deletions.count());
        report.put("deleted", false);
        String heldBack = heldBack(run, deletions);
        String snapshot = null;
        if (heldBack == null && deletions.count() > 0) {
            try {
                snapshot = backup(run);
                report.put("backup", snapshot);
            } catch (RuntimeException e) {
                heldBack = fail(run, e);
            }
        }
        if (heldBack == null && deletions.count() == 0 && run.deleteConsent()) {
            forgetStale(run, deletions);
        }
        run.progress().phaseStarted("mirror", deletions.count());
        listed.forEach((model, ids) -> {
            List<?> list = (List<?>) ids;
            if (!list.isEmpty()) {
                run.progress().log("INFO", "mirror", model + ": " + list.size() + " to delete, whose source is gone: "
                        + list.subList(0, Math.min(LOGGED, list.size())) + (list.size() > LOGGED ? " ..." : ""));
            }
        });
        if (snapshot != null) {
            try {
                delete(run, deletions);
                report.put("deleted", true);
            } catch (RuntimeException e) {
                heldBack = fail(run, e);
            }
        }
        if (heldBack != null) {
            report.put("reason", heldBack);
        }
        report.put("entries", listed);
        run.mirrorReport(report);
        run.progress().phaseFinished("mirror");
        log.info("Mirror finished target={} count={} deleted={} reason={}", run.targetStage(), deletions.count(),
                report.get("deleted"), heldBack);
        return report;
    }

    private static String fail(SyncRun run, RuntimeException e) {
        run.fatal("mirror: " + e.getMessage());
        return e.getMessage();
    }

    /** Why nothing is deleted, or null when the deletions go ahead. */
    private static String heldBack(SyncRun run, MirrorDeletions deletions) {
        if (run.planOnly()) {
            return "plan only";
        }
        if (!run.running() || !run.failures().isEmpty()) {
            return "the sync did not complete without failures; nothing is deleted until it does";
        }
        if (deletions.count() == 0) {
            return null;
        }
        if (!run.deleteConsent()) {
            run.warn(deletions.count() + " target entries and assets whose source is gone were not deleted: mirror deletes only "
                    + "with consent (--yes, or the job option mirror: true)");
            return "no consent (--yes, or the job option mirror: true)";
        }
        return null;
    }

    private String backup(SyncRun run) {
        SafetyBackup b = backup.get();
        if (b == null) {
            throw new IllegalStateException("no backup is available in this build, so nothing is deleted (the pre-mirror "
                    + "backup comes first)");
        }
        String profile = SafetyBackup.profileFor(run.targetStage());
        try {
            // what the mirror may delete: the selected models (all when none were), the assets when their phase ran
            List<String> models = run.request().models().isEmpty() ? List.of() : run.modelNames();
            String snapshot = b.backUp(run.targetStage(), profile, models, MirrorPlanner.assetsInScope(run), run.progress());
            log.info("Pre-mirror backup done target={} snapshot={}", run.targetStage(), snapshot);
            return snapshot;
        } catch (RuntimeException e) {
            throw new IllegalStateException("the backup to profile " + profile + " failed, so nothing is deleted: " + e.getMessage(), e);
        }
    }

    private void delete(SyncRun run, MirrorDeletions deletions) {
        long done = 0;
        // entries before assets: an entry may still point at an asset that goes
        for (Map.Entry<String, List<String>> e : deletions.entries().entrySet()) {
            ModelPlan plan = run.model(e.getKey());
            List<String> ids = e.getValue();
            int chunk = run.target().maxIdsPerCall();
            for (int from = 0; from < ids.size(); from += chunk) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + chunk));
                Optional<String> refused = run.target().delete(plan, batch);
                if (refused.isPresent()) {
                    throw new IllegalStateException("deleting " + plan.name() + " entries in " + run.targetStage() + " failed: " + refused.get());
                }
                run.counters(plan.name()).deleted.addAndGet(batch.size());
                done += batch.size();
                log.info("Mirror deleted model={} target={} entries={} done={} of={}", plan.name(), run.targetStage(), batch.size(),
                        done, deletions.count());
                run.progress().progress("mirror", done, deletions.count());
            }
        }
        for (String id : deletions.assets()) {
            try {
                assets.get().delete(run.targetStage(), id);
            } catch (RuntimeException e) {
                // a run killed while this delete was under way may have deleted it: gone is what the mirror wants (asked
                // by existence: a stage whose assets have no publish state knows no versions of any)
                if (!assets.get().existing(run.targetStage(), List.of(id)).isEmpty()) {
                    throw e;
                }
                log.info("Mirror found asset {} already gone from {} (deleted by a stopped run)", id, run.targetStage());
            }
            run.progress().progress("mirror", ++done, deletions.count());
            log.debug("Mirror deleted model=Asset target={} id={} done={} of={}", run.targetStage(), id, done, deletions.count());
        }
        forgetStale(run, deletions);
    }

    /**
     * Drops the id map rows of source entries and assets that are gone: the rows of what was just deleted (a kept source
     * entry keeps its target), and those a run killed between its deletes and this step left behind.
     */
    private void forgetStale(SyncRun run, MirrorDeletions deletions) {
        deletions.staleEntries().forEach((model, ids) -> ids.forEach(id -> idMap.delete(run.sourceStage(), run.targetStage(), model, id)));
        deletions.staleAssets().forEach(id -> idMap.delete(run.sourceStage(), run.targetStage(), AssetPlanner.MODEL, id));
    }
}
