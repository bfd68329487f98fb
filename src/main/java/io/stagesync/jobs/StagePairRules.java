package io.stagesync.jobs;

import io.stagesync.config.StageConfig;
import io.stagesync.config.StageRegistry;

/**
 * Enforces which stage may be synced into which: both known, base differs from target (400: the request itself is
 * wrong), a protected stage is never a target, and a stage with a parent takes data only from that parent (409: the
 * request conflicts with the configured rules).
 */
public final class StagePairRules {

    private final StageRegistry stages;

    public StagePairRules(StageRegistry stages) {
        this.stages = stages;
    }

    /** Throws a {@link JobRequestException} naming the field at fault when the pair breaks a rule. */
    public void check(String base, String target) {
        known("base", base);
        StageConfig targetStage = known("target", target);
        if (base.equals(target)) {
            throw JobRequestException.badField("target", "must differ from base (both are '" + base + "')");
        }
        if (targetStage.protectedStage()) {
            throw new JobRequestException(JobRequestException.CONFLICT, "target", "'" + target + "' is a protected stage and is never a sync target"
                    + " (stagesync.stages." + target + ".protected=true)");
        }
        if (targetStage.parent() != null && !targetStage.parent().equals(base)) {
            throw new JobRequestException(JobRequestException.CONFLICT, "base", "'" + target + "' takes data only from its parent '"
                    + targetStage.parent() + "', not from '" + base + "' (stagesync.stages." + target + ".parent)");
        }
    }

    /** A migrate job changes its stage in place: the stage must be known and not protected. */
    public void checkInPlace(String field, String stage) {
        if (known(field, stage).protectedStage()) {
            throw new JobRequestException(JobRequestException.CONFLICT, field, "'" + stage + "' is a protected stage and is never "
                    + "migrated in place (stagesync.stages." + stage + ".protected=true)");
        }
    }

    /** A backup job only reads its stage: the stage must be known (a protected one may be backed up). */
    public void checkReadable(String field, String stage) {
        known(field, stage);
    }

    /** A restore job writes its target: the stage must be known and not protected. */
    public void checkRestoreTarget(String field, String stage) {
        if (known(field, stage).protectedStage()) {
            throw new JobRequestException(JobRequestException.CONFLICT, field, "'" + stage + "' is a protected stage and is never "
                    + "a restore target (stagesync.stages." + stage + ".protected=true)");
        }
    }

    private StageConfig known(String field, String name) {
        if (!stages.contains(name)) {
            throw JobRequestException.badField(field, "unknown stage '" + name + "'; configured stages: "
                    + stages.all().stream().map(StageConfig::name).toList());
        }
        return stages.get(name);
    }
}
