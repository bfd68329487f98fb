package io.stagesync.jobs;

import io.stagesync.config.SharedBeans;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.Dialects;
import io.stagesync.preflight.StageChecks;
import io.stagesync.schema.SchemaService;
import io.stagesync.state.StateStore;
import io.stagesync.sync.SyncService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.Registry;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static io.stagesync.config.SharedBeans.durationMillis;
import static io.stagesync.config.SharedBeans.integer;
import static io.stagesync.config.SharedBeans.property;

/**
 * Builds the jobs service's beans when {@code stagesync.jobs.enabled} is true (the {@code serve} command sets it).
 */
@Configuration
public class JobsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        if (!Boolean.parseBoolean(property(context, "stagesync.jobs.enabled", "false"))) {
            return;
        }
        Registry registry = context.getRegistry();
        Map<String, String> properties = SharedBeans.stagesyncProperties(context);
        StageRegistry stages = SharedBeans.bean(context, "stageRegistry", StageRegistry.class);
        StateStore store = SharedBeans.bean(context, "stateStore", StateStore.class);
        Clock clock = Clock.systemUTC();
        RunRepository runs = new RunRepository(store.dataSource());
        RunLogRepository logs = new RunLogRepository(store.dataSource());
        RunLogBroadcaster broadcaster = new RunLogBroadcaster();
        boolean autoResume = Boolean.parseBoolean(property(context, "stagesync.jobs.auto-resume", "true"));
        String instance = property(context, "stagesync.instance.id", defaultInstanceId());
        org.apache.camel.ProducerTemplate schemaRoutes = context.createProducerTemplate();
        RunExecutor executor = new RunExecutor(runs, logs, broadcaster, () -> syncService(registry),
                request -> schemaRoutes.requestBody("direct:schema-apply", request, SchemaService.ApplyResult.class), clock, autoResume);
        RunCoordinator coordinator = new RunCoordinator(runs, executor, clock,
                Duration.ofMillis(durationMillis(context, "stagesync.jobs.shutdown-grace", "30s")), instance,
                Duration.ofMillis(durationMillis(context, "stagesync.jobs.poll-interval", "1s")), autoResume);
        JobsCluster cluster = JobsCluster.configure(context, instance);
        JobRepository jobRepository = new JobRepository(store.dataSource());
        JobCatalog catalog = new JobCatalog(jobRepository, new JobRequestParser(new StagePairRules(stages),
                stage -> new StageChecks(stages, SharedBeans.bean(context, "quickDialects", Dialects.class),
                        name -> StageChecks.tokenVariable(name, null)).models(stage)));
        JobScheduleRegistrar schedules = new JobScheduleRegistrar(context, jobRepository);
        registry.bind("jobScheduleRegistrar", schedules);
        ApiTokenGuard guard = new ApiTokenGuard(property(context, "stagesync.api.token", ""));
        registry.bind("runCoordinator", coordinator);
        registry.bind("jobCatalog", catalog);
        JobsApi api = new JobsApi(guard, stages, catalog, jobRepository, coordinator, cluster, runs, logs, broadcaster, clock,
                durationMillis(context, "stagesync.jobs.log-keep-alive", "15s"));
        registry.bind("jobsApi", api);
        executor.migrations(() -> SharedBeans.bean(context, "migrateService", io.stagesync.migrate.MigrateService.class));
        registry.bind("migrationsApi", new MigrationsApi(guard, new StagePairRules(stages),
                () -> SharedBeans.bean(context, "migrateService", io.stagesync.migrate.MigrateService.class), coordinator, runs, clock,
                durationMillis(context, "stagesync.migrate.api-wait", "60s")));
        registry.bind("jobFileIntake", new JobFileIntake(catalog, coordinator, clock,
                integer(context, "stagesync.jobs.inbox-max-bytes", "1048576")));
        registry.bind("scheduledRunTrigger", new ScheduledRunTrigger(catalog, jobRepository, coordinator, clock));
        registry.bind("dashboardFiles", new DashboardFiles());
        RunLogHttpHandler logStream = new RunLogHttpHandler(api,
                context.getExecutorServiceManager().newCachedThreadPool(this, "stagesync-log-stream"));
        int port = integer(context, "camel.server.port", "8080");
        ServiceHttpGuard httpGuard = new ServiceHttpGuard(guard, integer(context, "stagesync.api.wrong-token-limit", "10"),
                Boolean.parseBoolean(property(context, "stagesync.server.observe-open", "false")));
        // the HTTP server is up before the routes start: guard it before any route can answer
        try {
            context.addStartupListener((camel, alreadyStarted) -> httpGuard.mount(camel, port));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the HTTP guard", e);
        }
        context.addLifecycleStrategy(new JobsService(catalog, coordinator, schedules, properties, guard,
                () -> {
                    cluster.follow(coordinator);
                    logStream.mount(context, port);
                    JobsObservability.register(context, coordinator, runs);
                }));
    }

    /** This instance's name in the state store and the leader election: host name (the pod's name) and process id. */
    static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static SyncService syncService(Registry registry) {
        SyncService sync = registry.lookupByNameAndType("syncService", SyncService.class);
        if (sync == null) {
            throw new IllegalStateException("no sync engine is available: the registry has no bean 'syncService'");
        }
        return sync;
    }
}
