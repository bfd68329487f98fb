package io.stagesync.jobs;

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
import java.util.TreeMap;

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
        Map<String, String> properties = stagesyncProperties(context);
        StageRegistry stages = registry.findSingleByType(StageRegistry.class);
        if (stages == null) {
            stages = new StageRegistry(properties);
        }
        StateStore store = stateStore(context, registry);
        Clock clock = Clock.systemUTC();
        RunRepository runs = new RunRepository(store.dataSource());
        RunLogRepository logs = new RunLogRepository(store.dataSource());
        RunLogBroadcaster broadcaster = new RunLogBroadcaster();
        RunExecutor executor = new RunExecutor(runs, logs, broadcaster, () -> syncService(registry), clock);
        RunCoordinator coordinator = new RunCoordinator(runs, executor, clock,
                Duration.ofMillis(Long.parseLong(property(context, "stagesync.jobs.shutdown-grace-ms", "30000"))));
        JobCatalog catalog = new JobCatalog(new JobRepository(store.dataSource()), new JobRequestParser(new StagePairRules(stages)));
        ApiTokenGuard guard = new ApiTokenGuard(property(context, "stagesync.api.token", ""));
        registry.bind("runCoordinator", coordinator);
        registry.bind("jobCatalog", catalog);
        JobsApi api = new JobsApi(guard, stages, catalog, coordinator, runs, logs, broadcaster, clock,
                Long.parseLong(property(context, "stagesync.jobs.log-keep-alive-ms", "15000")));
        registry.bind("jobsApi", api);
        registry.bind("jobFileIntake", new JobFileIntake(catalog, coordinator, clock));
        registry.bind("scheduledRunTrigger", new ScheduledRunTrigger(catalog, coordinator));
        registry.bind("dashboardFiles", new DashboardFiles());
        RunLogHttpHandler logStream = new RunLogHttpHandler(api,
                context.getExecutorServiceManager().newCachedThreadPool(this, "stagesync-log-stream"));
        int port = Integer.parseInt(property(context, "camel.server.port", "8080"));
        context.addLifecycleStrategy(new JobsService(catalog, coordinator, new JobScheduleRegistrar(context), properties, guard,
                () -> {
                    logStream.mount(context, port);
                    JobsObservability.register(context, coordinator, runs);
                }));
    }

    private static StateStore stateStore(CamelContext context, Registry registry) {
        StateStore store = registry.lookupByNameAndType("stateStore", StateStore.class);
        if (store == null) {
            store = new StateStore(property(context, "stagesync.state.url", "jdbc:h2:file:./data/stagesync"),
                    property(context, "stagesync.state.user", "sa"), property(context, "stagesync.state.password", ""),
                    Integer.parseInt(property(context, "stagesync.state.max-pool-size", "5")));
            registry.bind("stateStore", store);
        }
        return store;
    }

    private static SyncService syncService(Registry registry) {
        SyncService sync = registry.lookupByNameAndType("syncService", SyncService.class);
        if (sync == null) {
            throw new IllegalStateException("no sync engine is available: the registry has no bean 'syncService'");
        }
        return sync;
    }

    private static Map<String, String> stagesyncProperties(CamelContext context) {
        var pc = context.getPropertiesComponent();
        java.util.Set<String> keys = new java.util.TreeSet<>();
        pc.loadProperties(k -> k.startsWith("stagesync.")).keySet().forEach(k -> keys.add(k.toString()));
        if (pc instanceof org.apache.camel.component.properties.PropertiesComponent own) {
            for (java.util.Properties p : new java.util.Properties[]{own.getInitialProperties(), own.getOverrideProperties()}) {
                if (p != null) {
                    p.stringPropertyNames().stream().filter(k -> k.startsWith("stagesync.")).forEach(keys::add);
                }
            }
        }
        Map<String, String> result = new TreeMap<>();
        keys.forEach(k -> pc.resolveProperty(k).ifPresent(v -> result.put(k, v)));
        return result;
    }

    private static String property(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }
}
