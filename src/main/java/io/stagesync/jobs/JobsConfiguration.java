package io.stagesync.jobs;

import io.stagesync.config.ConfigValues;
import io.stagesync.config.Settings;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.Dialects;
import io.stagesync.preflight.StageChecks;
import io.stagesync.schema.SchemaService;
import io.stagesync.state.StateStore;
import io.stagesync.sync.SyncService;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

import java.time.Clock;

/**
 * Builds the jobs service's beans; every bean is created on first lookup, and only the {@code serve} command
 * (which sets {@code stagesync.jobs.enabled}) looks them up: then {@link #configure} hooks the service into Camel's
 * start and stop, and guards the HTTP server.
 */
@Configuration
public class JobsConfiguration implements CamelConfiguration {

    @PropertyInject(value = "stagesync.jobs.enabled", defaultValue = "false")
    boolean enabled;

    @PropertyInject(value = "stagesync.jobs.auto-resume", defaultValue = "true")
    boolean autoResume;

    @PropertyInject(value = "camel.server.port", defaultValue = "8080")
    int port;

    @Override
    public void configure(CamelContext context) {
        if (!enabled) {
            return;
        }
        ServiceHttpGuard httpGuard = ConfigValues.bean(context, "serviceHttpGuard", ServiceHttpGuard.class);
        // the HTTP server is up before the routes start: guard it before any route can answer
        try {
            context.addStartupListener((camel, alreadyStarted) -> httpGuard.mount(camel, port));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the HTTP guard", e);
        }
        context.addLifecycleStrategy(ConfigValues.bean(context, "jobsService", JobsService.class));
    }

    @BindToRegistry(value = "jobsClock", lazy = true)
    public Clock jobsClock() {
        return Clock.systemUTC();
    }

    @BindToRegistry(value = "runRepository", lazy = true)
    public RunRepository runRepository(@BeanInject("stateStore") StateStore store) {
        return new RunRepository(store.dataSource());
    }

    @BindToRegistry(value = "runLogRepository", lazy = true)
    public RunLogRepository runLogRepository(@BeanInject("stateStore") StateStore store) {
        return new RunLogRepository(store.dataSource());
    }

    @BindToRegistry(value = "runLogBroadcaster", lazy = true)
    public RunLogBroadcaster runLogBroadcaster() {
        return new RunLogBroadcaster();
    }

    @BindToRegistry(value = "jobRepository", lazy = true)
    public JobRepository jobRepository(@BeanInject("stateStore") StateStore store) {
        return new JobRepository(store.dataSource());
    }

    /** This instance's name in the state store and the leader election ({@code stagesync.instance.id}, else host and pid). */
    @BindToRegistry(value = "jobsInstanceId", lazy = true)
    public String jobsInstanceId(CamelContext camel) {
        return ConfigValues.property(camel, "stagesync.instance.id", defaultInstanceId());
    }

    @BindToRegistry(value = "runCoordinator", lazy = true)
    public RunCoordinator runCoordinator(CamelContext camel, @BeanInject("runRepository") RunRepository runs,
                                         @BeanInject("runLogRepository") RunLogRepository logs,
                                         @BeanInject("runLogBroadcaster") RunLogBroadcaster broadcaster,
                                         @BeanInject("jobsClock") Clock clock, @BeanInject("jobsInstanceId") String instance,
                                         @PropertyInject(value = "stagesync.jobs.shutdown-grace", defaultValue = "30s") String grace,
                                         @PropertyInject(value = "stagesync.jobs.poll-interval", defaultValue = "1s") String poll) {
        org.apache.camel.ProducerTemplate schemaRoutes = camel.createProducerTemplate();
        RunExecutor executor = new RunExecutor(runs, logs, broadcaster, () -> syncService(camel),
                request -> schemaRoutes.requestBody("direct:schema-apply", request, SchemaService.ApplyResult.class), clock, autoResume);
        executor.migrations(() -> ConfigValues.bean(camel, "migrateService", io.stagesync.migrate.MigrateService.class));
        executor.backups(() -> ConfigValues.bean(camel, "backupService", io.stagesync.backup.BackupService.class),
                () -> ConfigValues.bean(camel, "restoreService", io.stagesync.backup.RestoreService.class));
        RunCoordinator coordinator = new RunCoordinator(runs, executor, clock, Settings.duration("stagesync.jobs.shutdown-grace", grace),
                instance, Settings.duration("stagesync.jobs.poll-interval", poll), autoResume);
        coordinator.busyStages((stage, except) -> ConfigValues.bean(camel, "stageLeases", io.stagesync.state.StageLeases.class)
                .busy(stage, except));
        return coordinator;
    }

    /** The leader election: adds the cluster service to Camel and binds the leader route policy. */
    @BindToRegistry(value = "jobsCluster", lazy = true)
    public JobsCluster jobsCluster(CamelContext camel, @BeanInject("jobsInstanceId") String instance) {
        return JobsCluster.configure(camel, instance);
    }

    @BindToRegistry(value = "jobCatalog", lazy = true)
    public JobCatalog jobCatalog(CamelContext camel, @BeanInject("jobRepository") JobRepository jobs,
                                 @BeanInject("stageRegistry") StageRegistry stages) {
        return new JobCatalog(jobs, new JobRequestParser(new StagePairRules(stages),
                stage -> new StageChecks(stages, ConfigValues.bean(camel, "quickDialects", Dialects.class),
                        name -> StageChecks.tokenVariable(name, null)).models(stage)));
    }

    @BindToRegistry(value = "jobScheduleRegistrar", lazy = true)
    public JobScheduleRegistrar jobScheduleRegistrar(CamelContext camel, @BeanInject("jobRepository") JobRepository jobs) {
        return new JobScheduleRegistrar(camel, jobs);
    }

    @BindToRegistry(value = "apiTokenGuard", lazy = true)
    public ApiTokenGuard apiTokenGuard(CamelContext camel) {
        // an unset token is allowed (every call is then refused): @PropertyInject takes no empty default
        return new ApiTokenGuard(ConfigValues.property(camel, "stagesync.api.token", ""));
    }

    @BindToRegistry(value = "jobsApi", lazy = true)
    public JobsApi jobsApi(@BeanInject("apiTokenGuard") ApiTokenGuard guard, @BeanInject("stageRegistry") StageRegistry stages,
                           @BeanInject("jobCatalog") JobCatalog catalog, @BeanInject("jobRepository") JobRepository jobs,
                           @BeanInject("runCoordinator") RunCoordinator coordinator, @BeanInject("jobsCluster") JobsCluster cluster,
                           @BeanInject("runRepository") RunRepository runs, @BeanInject("runLogRepository") RunLogRepository logs,
                           @BeanInject("runLogBroadcaster") RunLogBroadcaster broadcaster, @BeanInject("jobsClock") Clock clock,
                           @PropertyInject(value = "stagesync.jobs.log-keep-alive", defaultValue = "15s") String keepAlive) {
        return new JobsApi(guard, stages, catalog, jobs, coordinator, cluster, runs, logs, broadcaster, clock,
                Settings.duration("stagesync.jobs.log-keep-alive", keepAlive).toMillis());
    }

    /** {@code POST /api/migrations/{model}[/{id}]}: migrates a model's entries, or one entry, and answers the ids by status. */
    @BindToRegistry(value = "migrationsApi", lazy = true)
    public MigrationsApi migrationsApi(CamelContext camel, @BeanInject("apiTokenGuard") ApiTokenGuard guard,
                                       @BeanInject("stageRegistry") StageRegistry stages,
                                       @BeanInject("runCoordinator") RunCoordinator coordinator,
                                       @BeanInject("runRepository") RunRepository runs, @BeanInject("jobsClock") Clock clock,
                                       @PropertyInject(value = "stagesync.migrate.api-wait", defaultValue = "60s") String wait) {
        return new MigrationsApi(guard, new StagePairRules(stages),
                () -> ConfigValues.bean(camel, "migrateService", io.stagesync.migrate.MigrateService.class), coordinator, runs, clock,
                Settings.duration("stagesync.migrate.api-wait", wait).toMillis());
    }

    @BindToRegistry(value = "jobFileIntake", lazy = true)
    public JobFileIntake jobFileIntake(@BeanInject("jobCatalog") JobCatalog catalog, @BeanInject("runCoordinator") RunCoordinator coordinator,
                                       @BeanInject("jobsClock") Clock clock,
                                       @PropertyInject(value = "stagesync.jobs.inbox-max-bytes", defaultValue = "1048576") int maxBytes) {
        return new JobFileIntake(catalog, coordinator, clock, maxBytes);
    }

    @BindToRegistry(value = "scheduledRunTrigger", lazy = true)
    public ScheduledRunTrigger scheduledRunTrigger(@BeanInject("jobCatalog") JobCatalog catalog, @BeanInject("jobRepository") JobRepository jobs,
                                                   @BeanInject("runCoordinator") RunCoordinator coordinator, @BeanInject("jobsClock") Clock clock) {
        return new ScheduledRunTrigger(catalog, jobs, coordinator, clock);
    }

    @BindToRegistry(value = "dashboardFiles", lazy = true)
    public DashboardFiles dashboardFiles() {
        return new DashboardFiles();
    }

    @BindToRegistry(value = "serviceHttpGuard", lazy = true)
    public ServiceHttpGuard serviceHttpGuard(@BeanInject("apiTokenGuard") ApiTokenGuard guard,
                                             @PropertyInject(value = "stagesync.api.wrong-token-limit", defaultValue = "10") int wrongTokens,
                                             @PropertyInject(value = "stagesync.server.observe-open", defaultValue = "false") boolean observeOpen) {
        return new ServiceHttpGuard(guard, wrongTokens, observeOpen);
    }

    /** Starts the service with Camel (jobs of the properties, schedules, the runner, the log stream) and stops its runner first. */
    @BindToRegistry(value = "jobsService", lazy = true)
    public JobsService jobsService(CamelContext camel, @BeanInject("jobCatalog") JobCatalog catalog,
                                   @BeanInject("runCoordinator") RunCoordinator coordinator,
                                   @BeanInject("jobScheduleRegistrar") JobScheduleRegistrar schedules,
                                   @BeanInject("apiTokenGuard") ApiTokenGuard guard, @BeanInject("jobsCluster") JobsCluster cluster,
                                   @BeanInject("jobsApi") JobsApi api, @BeanInject("runRepository") RunRepository runs) {
        RunLogHttpHandler logStream = new RunLogHttpHandler(api,
                camel.getExecutorServiceManager().newCachedThreadPool(this, "stagesync-log-stream"));
        return new JobsService(catalog, coordinator, schedules, ConfigValues.stagesyncProperties(camel), guard, () -> {
            cluster.follow(coordinator);
            logStream.mount(camel, port);
            JobsObservability.register(camel, coordinator, runs);
        });
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

    private static SyncService syncService(CamelContext camel) {
        SyncService sync = camel.getRegistry().lookupByNameAndType("syncService", SyncService.class);
        if (sync == null) {
            throw new IllegalStateException("no sync engine is available: the registry has no bean 'syncService'");
        }
        return sync;
    }
}
