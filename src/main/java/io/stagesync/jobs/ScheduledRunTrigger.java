package io.stagesync.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Starts a run of a scheduled job when its Quartz trigger fires (on the leader only): a paused job is skipped, and
 * the firing is recorded under a unique key (job, scheduled instant) first, so an instant already fired by another
 * instance or before a failover runs no second time. A refused run is logged, not retried.
 */
public final class ScheduledRunTrigger {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRunTrigger.class);

    private final JobCatalog catalog;
    private final JobRepository jobs;
    private final RunCoordinator coordinator;
    private final Clock clock;

    public ScheduledRunTrigger(JobCatalog catalog, JobRepository jobs, RunCoordinator coordinator, Clock clock) {
        this.catalog = catalog;
        this.jobs = jobs;
        this.coordinator = coordinator;
        this.clock = clock;
    }

    /** Queues a run of the job for the instant its schedule fired for; returns the run id, or null when none was queued. */
    public String fire(String jobName, Date scheduledFireTime) {
        Instant instant = (scheduledFireTime == null ? clock.instant() : scheduledFireTime.toInstant()).truncatedTo(ChronoUnit.SECONDS);
        try {
            JobDefinition job = catalog.get(jobName);
            if (jobs.pausedJobs().contains(jobName)) {
                log.info("Scheduled run skipped job={} firedFor={} reason=paused", jobName, instant);
                return null;
            }
            if (!jobs.recordFire(jobName, instant, coordinator.instance(), clock.instant())) {
                log.warn("Scheduled run skipped job={} firedFor={} reason=this instant already fired", jobName, instant);
                return null;
            }
            String runId = coordinator.submit(job, "schedule").id();
            jobs.fireQueued(jobName, instant, runId);
            log.info("Scheduled run queued job={} firedFor={} runId={}", jobName, instant, runId);
            return runId;
        } catch (JobRequestException e) {
            log.warn("Scheduled run refused job={} firedFor={} reason={}", jobName, instant, e.getMessage());
            return null;
        }
    }
}
