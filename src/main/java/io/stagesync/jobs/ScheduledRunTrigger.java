package io.stagesync.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a run of a scheduled job when its Quartz trigger fires; a refused run is logged, not retried.
 */
public final class ScheduledRunTrigger {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRunTrigger.class);

    private final JobCatalog catalog;
    private final RunCoordinator coordinator;

    public ScheduledRunTrigger(JobCatalog catalog, RunCoordinator coordinator) {
        this.catalog = catalog;
        this.coordinator = coordinator;
    }

    /** Queues a run of the job; returns the run id, or null when the run was refused. */
    public String fire(String jobName) {
        try {
            String runId = coordinator.submit(catalog.get(jobName), "schedule").id();
            log.info("Scheduled run queued job={} runId={}", jobName, runId);
            return runId;
        } catch (JobRequestException e) {
            log.warn("Scheduled run refused job={} reason={}", jobName, e.getMessage());
            return null;
        }
    }
}
