package io.stagesync.jobs;

import io.stagesync.config.SharedBeans;
import io.stagesync.config.StageRegistry;
import io.stagesync.state.StateStore;
import io.stagesync.sync.SyncService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.Registry;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

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
        StageRegistry stages = SharedBeans.stageRegistry(context);
        StateStore store = SharedBeans.stateStore(context);
        Clock clock = Clock.systemUTC();
        RunRepository runs = new RunRepository(store.dataSource());
        RunLogRepository logs = new RunLogRepository(store.dataSource());
        RunLogBroadcaster broadcaster = new RunLogBroadcaster();
        RunExecutor executor = new RunExecutor(runs, logs, broadcaster, () -> syncService(registry), clock);
        RunCoordinator coordinator = new RunCoordinator(runs, executor, clock,
                Duration.ofMillis(integer(context, "stagesync.jobs.shutdown-grace-ms", "30000")));
        JobCatalog catalog = new JobCatalog(new JobRepository(store.dataSource()), new JobRequestParser(new StagePairRules(stages)));
        ApiTokenGuard guard = new ApiTokenGuard(property(context, "stagesync.api.token", ""));
        registry.bind("runCoordinator", coordinator);
        registry.bind("jobCatalog", catalog);
        JobsApi api = new JobsApi(guard, stages, catalog, coordinator, runs, logs, broadcaster, clock,
                integer(context, "stagesync.jobs.log-keep-alive-ms", "15000"));
        registry.bind("jobsApi", api);
        registry.bind("jobFileIntake", new JobFileIntake(catalog, coordinator, clock,
                integer(context, "stagesync.jobs.inbox-max-bytes", "1048576")));
        registry.bind("scheduledRunTrigger", new ScheduledRunTrigger(catalog, coordinator));
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
        context.addLifecycleStrategy(new JobsService(catalog, coordinator, new JobScheduleRegistrar(context), properties, guard,
                () -> {
                    logStream.mount(context, port);
                    JobsObservability.register(context, coordinator, runs);
                }));
    }

    private static SyncService syncService(Registry registry) {
        SyncService sync = registry.lookupByNameAndType("syncService", SyncService.class);
        if (sync == null) {
            throw new IllegalStateException("no sync engine is available: the registry has no bean 'syncService'");
        }
        return sync;
    }
}
