package io.stagesync.cli;

import io.stagesync.backup.BackupResult;
import io.stagesync.backup.BackupService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Backs a stage up into a profile's snapshot in the backup bucket. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = {"Backs a stage up into a snapshot of a profile: "
        + "schema, entries (every locale, draft and published), asset files once by SHA-256, manifest last. Only chunks and "
        + "files changed since the profile's previous snapshot are uploaded; a stopped backup is continued by the next one.",
        "Exit code: 0 done, 1 failed."})
public class BackupCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "The stage to back up (stagesync.stages.<name>).")
    String stage;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE", description = "The profile the snapshot belongs to.")
    String profile;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the backup result as JSON to FILE.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReportFile.check(spec, "--report", report);
        return BackupCommands.run(config, registry -> {
            BackupService service = registry.lookupByNameAndType("backupService", BackupService.class);
            BackupResult r = service.backup(stage, profile, ConsoleOutput.progress());
            ConsoleOutput.endProgress();
            System.out.print(summary(r));
            if (report != null) {
                ReportFile.write(report, io.stagesync.backup.Manifest.asMap(r));
            }
            return 0;
        });
    }

    static String summary(BackupResult r) {
        StringBuilder out = new StringBuilder();
        out.append("Backup ").append(r.profile()).append('/').append(r.snapshot()).append(" of ").append(r.sourceStage())
                .append(r.resumed() ? " (continued)" : "").append(": done in ").append(r.durationMs()).append(" ms\n");
        if (!r.continued().isEmpty()) {
            out.append("  continued where the stopped backup was, not read again: ").append(new java.util.TreeMap<>(r.continued()))
                    .append('\n');
        }
        Map<String, Long> counts = new LinkedHashMap<>(r.entries());
        out.append("  entries ").append(counts).append(", assets ").append(r.assets()).append('\n');
        out.append("  uploaded ").append(r.uploadedObjects()).append(" objects (").append(BackupCommands.bytes(r.uploadedBytes()))
                .append("): chunks ").append(r.chunksWritten()).append(" written, ").append(r.chunksReused()).append(" unchanged; files ")
                .append(r.filesUploaded()).append(" uploaded, ").append(r.filesReused()).append(" already stored\n");
        r.warnings().forEach(w -> out.append("  warning: ").append(w).append('\n'));
        return out.toString();
    }
}
