package io.stagesync.cli;

import io.stagesync.backup.RestoreResult;
import io.stagesync.backup.RestoreService;
import io.stagesync.sync.SyncSummaryPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Restores a profile's snapshot into a stage through the sync engine. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = {"Restores a snapshot of a profile into a stage: "
        + "verifies its checksums and counts, applies its schema (schema apply's safety rules), then writes assets, entries, "
        + "relations and publish state as a sync does (ids mapped; a rerun converges, a stopped one resumes).",
        "Exit code: 0 SUCCEEDED, 3 PARTIAL (failed items listed), 1 FAILED."})
public class RestoreCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE", description = "The profile to restore from.")
    String profile;

    @Option(names = "--snapshot", defaultValue = "latest", paramLabel = "SNAPSHOT",
            description = "latest (default), baseline, or a snapshot's timestamp (stagesync profiles show PROFILE).")
    String snapshot;

    @Option(names = "--to", required = true, paramLabel = "STAGE", description = "The stage to restore into; never a protected one.")
    String to;

    @Option(names = "--models", split = ",", paramLabel = "A,B", description = "Only these models (Asset: the assets; default: all).")
    List<String> models;

    @Option(names = "--migrate", description = "Run the pending migration steps (migrations/<Model>/) on the snapshot's entries "
            + "before they are written; the versions they had when backed up count as applied.")
    boolean migrate;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the restore result as JSON to FILE.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReportFile.check(spec, "--report", report);
        return BackupCommands.run(config, registry -> {
            RestoreService service = registry.lookupByNameAndType("restoreService", RestoreService.class);
            RestoreResult r = service.restore(profile, snapshot, to, models == null ? List.of() : models, migrate,
                    ConsoleOutput.progress());
            ConsoleOutput.endProgress();
            System.out.println("Restore of " + r.profile() + "/" + r.snapshot() + " into " + r.target() + ": schema " + r.schemaStatus()
                    + (r.schemaChanges().isEmpty() ? "" : " " + r.schemaChanges())
                    + (r.schemaNotApplied().isEmpty() ? "" : ", not applied " + r.schemaNotApplied()));
            System.out.print(new SyncSummaryPrinter().print(r.sync()));
            r.snapshotWarnings().forEach(w -> System.out.println("  snapshot warning: " + w));
            if (report != null) {
                ReportFile.write(report, r.sync().report());
            }
            return r.succeeded() ? 0 : "PARTIAL".equals(r.status()) ? SyncCommand.PARTIAL : 1;
        });
    }
}
