package io.stagesync.cli;

import io.stagesync.config.CamelBootstrap;
import io.stagesync.state.StageLeases;
import io.stagesync.sync.SyncProgress;
import io.stagesync.sync.SyncRequest;
import io.stagesync.sync.SyncResult;
import io.stagesync.sync.SyncService;
import io.stagesync.sync.SyncSummaryPrinter;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Syncs one stage into another: exit code 0 for SUCCEEDED, 3 for PARTIAL, 1 for FAILED or CANCELLED. */
@Command(name = "sync", mixinStandardHelpOptions = true, description = {"Syncs one stage into another: assets, entries, "
        + "relations, publish state. A rerun writes only what changed; an interrupted run resumes from its checkpoints.",
        "Exit code: 0 SUCCEEDED, 3 PARTIAL (failed items listed), 1 FAILED."})
public class SyncCommand implements Callable<Integer> {

    static final int PARTIAL = 3;
    /** The range of stagesync.sync.batch-size. */
    private static final int MAX_BATCH_SIZE = 500;

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Option(names = "--from", required = true, paramLabel = "STAGE", description = "Source stage (stagesync.stages.<name>).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "STAGE", description = "Target stage; never a protected one.")
    String to;

    @Option(names = "--models", split = ",", paramLabel = "A,B", description = "Only these models (default: all).")
    List<String> models;

    @Option(names = "--plan", description = "Print what would be created, updated, skipped and deleted; write nothing.")
    boolean plan;

    @Option(names = "--full", description = "Read and compare everything instead of only what changed since the last run.")
    boolean full;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the run result as JSON to FILE.")
    Path report;

    @Option(names = "--batch-size", paramLabel = "N", description = "Mutations per write request (default: stagesync.sync.batch-size).")
    Integer batchSize;

    @Option(names = "--migrate", description = "Run the pending migration steps (migrations/<Model>/) on the entries between "
            + "read and write: the target receives migrated content, the source stays as it is.")
    boolean migrate;

    @Option(names = "--mirror", description = "Also delete the target's entries and assets whose source is gone (of the synced "
            + "models), after a backup to the profile pre-mirror-<target>. Without --yes they are only listed.")
    boolean mirror;

    @Option(names = "--yes", description = "Consent to the deletions of --mirror.")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batchSize != null && (batchSize < 1 || batchSize > MAX_BATCH_SIZE)) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be a whole number from 1 to " + MAX_BATCH_SIZE
                    + ", got: " + batchSize);
        }
        if (yes && !mirror) {
            throw new ParameterException(spec.commandLine(), "--yes consents to the deletions of --mirror; add --mirror or drop --yes");
        }
        ReportFile.check(spec, "--report", report);
        CamelBootstrap bootstrap = CamelBootstrap.of(config == null ? null : config.file(), Map.of());
        Main main = bootstrap.createMain();
        main.start();
        try {
            SyncService service = main.getCamelContext().getRegistry().lookupByNameAndType("syncService", SyncService.class);
            List<String> selected = SyncPreflight.check(main.getCamelContext(), bootstrap, spec.commandLine(), from, to, models);
            Map<String, String> options = new HashMap<>();
            if (batchSize != null) {
                options.put("batchSize", String.valueOf(batchSize));
            }
            if (migrate) {
                options.put("migrate", "true");
            }
            if (mirror) {
                options.put(SyncRequest.MIRROR, "true");
                options.put(SyncRequest.DELETE_CONSENT, String.valueOf(yes));
            }
            if (mirror && !plan) {
                // the jobs service marks its runs' stages busy in job_runs; a mirror from the command line keeps off them
                main.getCamelContext().getRegistry().lookupByNameAndType("stageLeases", StageLeases.class).jobRunOn(to)
                        .ifPresent(run -> {
                            throw new IllegalStateException("stage '" + to + "' is busy: the jobs service's " + run
                                    + " uses it; mirror into it when that run has ended");
                        });
            }
            SyncProgress progress = ConsoleOutput.progress();
            SyncResult result = service.run(new SyncRequest(null, from, to, selected, full, plan, options), progress);
            ConsoleOutput.endProgress();
            System.out.print(new SyncSummaryPrinter().print(result));
            if (report != null) {
                ReportFile.write(report, result.report());
            }
            return result.succeeded() ? 0 : "PARTIAL".equals(result.status()) ? PARTIAL : 1;
        } finally {
            main.stop();
        }
    }
}
