package io.stagesync.jobs;

import org.apache.camel.CamelContext;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Starts the jobs service once Camel is up (properties jobs, schedules, the runner, which runs queued runs and
 * recovers interrupted ones while this instance leads)
 * and stops the runner first when Camel stops, so a run in progress ends INTERRUPTED and resumable.
 */
public final class JobsService extends LifecycleStrategySupport {

    private static final Logger log = LoggerFactory.getLogger(JobsService.class);

    private final JobCatalog catalog;
    private final RunCoordinator coordinator;
    private final JobScheduleRegistrar schedules;
    private final Map<String, String> properties;
    private final ApiTokenGuard guard;
    private final Runnable afterStart;

    public JobsService(JobCatalog catalog, RunCoordinator coordinator, JobScheduleRegistrar schedules,
                       Map<String, String> properties, ApiTokenGuard guard, Runnable afterStart) {
        this.catalog = catalog;
        this.coordinator = coordinator;
        this.schedules = schedules;
        this.properties = properties;
        this.guard = guard;
        this.afterStart = afterStart;
    }

    @Override
    public void onContextStarted(CamelContext context) {
        catalog.listen(schedules::saved, schedules::deleted);
        catalog.loadProperties(properties);
        schedules.reconcile();
        coordinator.start();
        afterStart.run();
        if (!guard.configured()) {
            log.warn("No API token configured: the REST API and the dashboard refuse every call until stagesync.api.token is set");
        }
        log.info("Jobs service started jobs={}", catalog.list().size());
    }

    @Override
    public void onContextStopping(CamelContext context) {
        coordinator.close();
    }
}
