package io.stagesync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.config.CamelBootstrap;
import io.stagesync.migrate.MigrateRequest;
import io.stagesync.migrate.MigrateResult;
import io.stagesync.migrate.MigrateService;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Migrates a model's entries in place with the versioned steps of {@code migrations/<Model>/}, or rolls a run back. */
@Command(name = "migrate", mixinStandardHelpOptions = true, subcommands = MigrateBaselineCommand.class, description = {"Runs the pending migration steps "
        + "(migrations/<Model>/V<MAJOR.MINOR.PATCH>__<name>.camel.yaml) on a model's entries in place, writes the changed "
        + "ones back and records per entry and version what was applied. A killed run resumes where it stopped; "
        + "--rollback RUNID writes a run's before-images back.",
        "Exit code: 0 SUCCEEDED, 3 PARTIAL (failed ids listed), 1 FAILED."})
public class MigrateCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Option(names = "--stage", paramLabel = "STAGE", description = "The stage whose entries are migrated (never a protected one).")
    String stage;

    @Option(names = "--model", paramLabel = "MODEL", description = "The model to migrate.")
    String model;

    @Option(names = "--id", paramLabel = "ID", description = "Only this entry.")
    String id;

    @Option(names = "--to", paramLabel = "VERSION", description = "Apply steps up to this version (default: all).")
    String to;

    @Option(names = "--dry-run", description = "Run the steps and show each entry's JSON diff; write nothing.")
    boolean dryRun;

    @Option(names = "--rollback", paramLabel = "RUNID", description = "Write back the before-images of the entries run RUNID changed.")
    String rollback;

    @Option(names = "--show", paramLabel = "N", defaultValue = "10", description = "Diffs printed by --dry-run (all are in --report; default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the run result as JSON to FILE.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rollback == null && (stage == null || model == null)) {
            throw new ParameterException(spec.commandLine(), "migrate needs --stage and --model (or --rollback RUNID)");
        }
        if (rollback != null && (stage != null || model != null || id != null || to != null || dryRun)) {
            throw new ParameterException(spec.commandLine(), "--rollback RUNID takes no other run option (the run names its stage and model)");
        }
        ReportFile.check(spec, "--report", report);
        Main main = CamelBootstrap.of(config == null ? null : config.file(), Map.of()).createMain();
        main.start();
        try {
            MigrateService service = main.getCamelContext().getRegistry().lookupByNameAndType("migrateService", MigrateService.class);
            MigrateResult result;
            if (rollback != null) {
                result = service.rollback(rollback, ConsoleOutput.progress());
            } else {
                MigrateRequest request = new MigrateRequest(null, stage, model, id, to, dryRun);
                try {
                    service.check(request);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                result = service.run(request, ConsoleOutput.progress());
            }
            ConsoleOutput.endProgress();
            System.out.print(summary(result.report(), show));
            if (report != null) {
                ReportFile.write(report, result.report());
            }
            return result.succeeded() ? 0 : "PARTIAL".equals(result.status()) ? SyncCommand.PARTIAL : 1;
        } finally {
            main.stop();
        }
    }

    /** The run in a few lines: status, counts, failed ids with reasons, and the first {@code show} diffs of a dry run. */
    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> report, int show) throws Exception {
        StringBuilder out = new StringBuilder();
        if (report.containsKey("rollback")) {
            out.append("Rollback of run ").append(report.get("rollback")).append(": ").append(report.get("status"))
                    .append(", restored ").append(((List<?>) report.get("restored")).size()).append(" ").append(report.get("model"))
                    .append(" entries in ").append(report.get("stage")).append('\n');
        } else {
            Map<String, Object> counts = (Map<String, Object>) report.get("counts");
            out.append(Boolean.TRUE.equals(report.get("dryRun")) ? "Dry run " : "Migrate run ").append(report.get("runId"))
                    .append(": ").append(report.get("status")).append(" (").append(report.get("model")).append(" in ")
                    .append(report.get("stage")).append(", steps ").append(report.get("steps")).append(")\n");
            out.append("  updated ").append(counts.get("updated")).append(", notModified ").append(counts.get("notModified"))
                    .append(", failed ").append(counts.get("failed")).append(", requests ").append(report.get("requests"))
                    .append(", ").append(report.get("durationMs")).append(" ms\n");
            if (report.get("resumedFrom") != null) {
                out.append("  resumed run ").append(report.get("resumedFrom")).append('\n');
            }
            if (report.get("error") != null) {
                out.append("  error: ").append(report.get("error")).append('\n');
            }
        }
        for (Object w : (List<Object>) report.getOrDefault("warnings", List.of())) {
            out.append("  warning: ").append(w).append('\n');
        }
        for (Map<String, Object> f : (List<Map<String, Object>>) report.getOrDefault("failed", List.of())) {
            out.append("  failed ").append(f.get("id")).append(": ").append(f.get("reason")).append('\n');
        }
        List<Map<String, Object>> diffs = (List<Map<String, Object>>) report.getOrDefault("diffs", List.of());
        ObjectMapper json = new ObjectMapper();
        diffs.stream().limit(Math.max(0, show)).forEach(d -> {
            out.append("  ").append(d.get("id")).append('\n');
            for (Map<String, Object> c : (List<Map<String, Object>>) d.get("changes")) {
                try {
                    out.append("    ").append(c.get("path")).append(": ").append(json.writeValueAsString(c.get("before")))
                            .append(" -> ").append(json.writeValueAsString(c.get("after"))).append('\n');
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        if (diffs.size() > show) {
            out.append("  … ").append(diffs.size() - show).append(" more diffs in the report (--report FILE)\n");
        }
        return out.toString();
    }
}
