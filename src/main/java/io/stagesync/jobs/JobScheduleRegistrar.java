package io.stagesync.jobs;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one Quartz route per scheduled job, made from the {@code schedule-jobs} route template, in step with the
 * job definitions in the shared state store (also those another instance saved or deleted).
 */
public final class JobScheduleRegistrar {

    private static final Logger log = LoggerFactory.getLogger(JobScheduleRegistrar.class);
    static final String TEMPLATE = "schedule-jobs";

    private final CamelContext camelContext;
    private final JobRepository jobs;
    private final Map<String, String> scheduled = new HashMap<>();

    public JobScheduleRegistrar(CamelContext camelContext, JobRepository jobs) {
        this.camelContext = camelContext;
        this.jobs = jobs;
    }

    /** Adds, replaces or removes schedule routes so that they match the jobs stored now. */
    public synchronized void reconcile() {
        Map<String, String> wanted = new HashMap<>();
        for (JobDefinition job : jobs.findAll()) {
            if (job.schedule() != null) {
                wanted.put(job.name(), ScheduleExpression.toCron(job.schedule()));
                if (!wanted.get(job.name()).equals(scheduled.get(job.name()))) {
                    saved(job);
                }
            }
        }
        for (String name : List.copyOf(scheduled.keySet())) {
            if (!wanted.containsKey(name)) {
                deleted(name);
            }
        }
    }

    /** Adds, replaces or removes the job's schedule route to match its definition. */
    public synchronized void saved(JobDefinition job) {
        deleted(job.name());
        if (job.schedule() == null) {
            return;
        }
        String cron = ScheduleExpression.toCron(job.schedule());
        scheduled.put(job.name(), cron);
        TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                .routeId(routeId(job.name()))
                .parameter("jobName", job.name())
                .parameter("cron", cron.replace(' ', '+'))
                .add();
        log.info("Job scheduled job={} schedule={} cron={}", job.name(), job.schedule(), cron);
    }

    public synchronized void deleted(String jobName) {
        scheduled.remove(jobName);
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
