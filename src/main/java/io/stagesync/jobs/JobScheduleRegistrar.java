package io.stagesync.jobs;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Quartz route per scheduled job, made from the {@code schedule-jobs} route template.
 */
public final class JobScheduleRegistrar {

    private static final Logger log = LoggerFactory.getLogger(JobScheduleRegistrar.class);
    static final String TEMPLATE = "schedule-jobs";

    private final CamelContext camelContext;

    public JobScheduleRegistrar(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** Adds, replaces or removes the job's schedule route to match its definition. */
    public void saved(JobDefinition job) {
        deleted(job.name());
        if (job.schedule() == null) {
            return;
        }
        String cron = ScheduleExpression.toCron(job.schedule());
        TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                .routeId(routeId(job.name()))
                .parameter("jobName", job.name())
                .parameter("cron", cron.replace(' ', '+'))
                .add();
        log.info("Job scheduled job={} schedule={} cron={}", job.name(), job.schedule(), cron);
    }

    public void deleted(String jobName) {
        String routeId = routeId(jobName);
        if (camelContext.getRoute(routeId) == null) {
            return;
        }
        try {
            camelContext.getRouteController().stopRoute(routeId);
            camelContext.removeRoute(routeId);
            log.info("Job schedule removed job={}", jobName);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot remove the schedule of job " + jobName, e);
        }
    }

    static String routeId(String jobName) {
        return TEMPLATE + "-" + jobName;
    }
}
