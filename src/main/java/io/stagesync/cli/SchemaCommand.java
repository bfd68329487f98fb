package io.stagesync.cli;

import io.stagesync.config.CamelBootstrap;
import io.stagesync.schema.SchemaChange;
import io.stagesync.schema.SchemaDiffer;
import io.stagesync.schema.SchemaPlan;
import io.stagesync.schema.SchemaRequest;
import io.stagesync.schema.SchemaService;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code stagesync schema diff|apply}: compares the schemas of two stages and applies the difference safely. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Compares and promotes content schemas between stages.",
        subcommands = {SchemaCommand.Diff.class, SchemaCommand.Apply.class})
public class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing sub-command: diff or apply");
    }

    /** Options both sub-commands take. */
    static class ChangeOptions {
        @Option(names = "--allow-deletes", description = "Apply deletions (fields, models, enumeration values, locales) too; "
                + "without it they are held back with their content impact.")
        boolean allowDeletes;

        @Option(names = "--rename", paramLabel = "Model.old=new", description = "Apply a rename candidate as a rename, keeping content (repeatable).")
        List<String> renames = List.of();

        @Option(names = "--migration-value", paramLabel = "Model.field=value", description = "Value for entries lacking a newly "
                + "required field (repeatable).")
        List<String> migrationValues = List.of();

        SchemaDiffer.Options toOptions(CommandSpec spec) {
            return new SchemaDiffer.Options(allowDeletes, pairs(spec, "--rename", renames, v -> v.matches("[A-Za-z][A-Za-z0-9_]*")),
                    pairs(spec, "--migration-value", migrationValues, v -> true));
        }

        private static Map<String, String> pairs(CommandSpec spec, String option, List<String> values, java.util.function.Predicate<String> valueOk) {
            Map<String, String> result = new LinkedHashMap<>();
            for (String v : values) {
                int eq = v.indexOf('=');
                String key = eq < 0 ? "" : v.substring(0, eq);
                if (!key.matches("[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*") || !valueOk.test(v.substring(eq + 1))) {
                    throw new ParameterException(spec.commandLine(), option + " " + v + ": expected Model.field="
                            + (option.equals("--rename") ? "newField" : "value"));
                }
                result.put(key, v.substring(eq + 1));
            }
            return result;
        }
    }

    /** {@code schema diff}. */
    @Command(name = "diff", mixinStandardHelpOptions = true, description = {"Lists the changes that bring the target's schema "
            + "to the source's, merged against the pair's base, with their impact on the target's content.",
            "Writes nothing to either stage."})
    static class Diff implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Mixin
        OutputOptions output;
        @Mixin
        ChangeOptions changes;
        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "STAGE", description = "Source stage.")
        String from;
        @Option(names = "--to", required = true, paramLabel = "STAGE", description = "Target stage.")
        String to;
        @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "Output format (default: table).")
        String format;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the sealed plan to FILE for schema apply --plan.")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (!format.equals("table") && !format.equals("json")) {
                throw new ParameterException(spec.commandLine(), "--format must be table or json, got: " + format);
            }
            ReportFile.check(spec, "--out", out);
            SchemaDiffer.Options options = changes.toOptions(spec);
            SchemaPlan plan = withMain(config, main -> main.getCamelContext().createProducerTemplate()
                    .requestBody("direct:schema-diff", new SchemaRequest(from, to, null, options, 0), SchemaPlan.class));
            if (out != null) {
                plan.write(out);
            }
            System.out.print(format.equals("json") ? plan.toJson() + "\n" : table(plan.changes(), plan.warnings(), plan.base())
                    + (out == null ? "" : "Plan written to " + out + "\n"));
            return 0;
        }
    }

    /** {@code schema apply}. */
    @Command(name = "apply", mixinStandardHelpOptions = true, description = {"Applies a plan (schema diff --out) or the "
            + "current difference of two stages to the target: deletions only with --allow-deletes, renames with --rename, "
            + "newly required fields with --migration-value; refuses a plan whose target changed since.",
            "Exit code: 0 SUCCESS (or nothing to do), 1 FAILED."})
    static class Apply implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Mixin
        OutputOptions output;
        @Mixin
        ChangeOptions changes;
        @Spec
        CommandSpec spec;

        @Option(names = "--plan", paramLabel = "FILE", description = "A plan written by schema diff --out.")
        Path plan;
        @Option(names = "--from", paramLabel = "STAGE", description = "Source stage (instead of --plan).")
        String from;
        @Option(names = "--to", paramLabel = "STAGE", description = "Target stage (instead of --plan).")
        String to;
        @Option(names = "--timeout", defaultValue = "300s", paramLabel = "DURATION", description = "How long to wait for the stage to apply the batch (default 300s).")
        String timeout;

        @Override
        public Integer call() throws Exception {
            if ((plan == null) == (from == null || to == null) || plan != null && (from != null || to != null)) {
                throw new ParameterException(spec.commandLine(), "give either --plan FILE or both --from and --to");
            }
            if (plan != null && !Files.isRegularFile(plan)) {
                throw new ParameterException(spec.commandLine(), "--plan " + plan + ": no such file");
            }
            long timeoutMs;
            try {
                timeoutMs = io.stagesync.config.Settings.duration("--timeout", timeout).toMillis();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (plan != null) {
                SchemaPlan.read(plan);
            }
            SchemaDiffer.Options options = changes.toOptions(spec);
            SchemaService.ApplyResult result = withMain(config, main -> main.getCamelContext().createProducerTemplate()
                    .requestBody("direct:schema-apply", new SchemaRequest(from, to, plan, options, timeoutMs), SchemaService.ApplyResult.class));
            StringBuilder text = new StringBuilder();
            text.append("Schema apply: ").append(result.status()).append(" (").append(result.applied().size()).append(" change")
                    .append(result.applied().size() == 1 ? "" : "s").append("TIMEOUT".equals(result.status()) ? " submitted" : " applied")
                    .append(")\n");
            if (result.errors() != null) {
                text.append("Errors: ").append(result.errors()).append('\n');
            }
            if (!result.applied().isEmpty()) {
                text.append(table(result.applied(), List.of(), true));
            }
            if (!result.notApplied().isEmpty()) {
                text.append("Not applied:\n").append(table(result.notApplied(), result.warnings(), true));
            }
            System.out.print(text);
            return result.succeeded() ? 0 : "TIMEOUT".equals(result.status()) ? CommandErrors.TIMEOUT : CommandErrors.FAILED;
        }
    }

    private static <T> T withMain(ConfigOption config, Function<Main, T> work) throws Exception {
        CamelBootstrap bootstrap = CamelBootstrap.of(config == null ? null : config.file(), Map.of());
        Main main = bootstrap.createMain();
        main.start();
        try {
            return work.apply(main);
        } catch (org.apache.camel.CamelExecutionException e) {
            // the route's caller gets the route's own failure: one line about the request, not about the exchange
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            main.stop();
        }
    }

    /** The changes as an aligned table, then the warnings. */
    static String table(List<SchemaChange> changes, List<String> warnings, boolean base) {
        StringBuilder out = new StringBuilder();
        if (changes.isEmpty()) {
            out.append("No schema changes.\n");
        } else {
            List<String[]> rows = new java.util.ArrayList<>();
            rows.add(new String[] {"ACTION", "ELEMENT", "IMPACT", "STATUS", "NOTE"});
            rows.addAll(SchemaService.rows(changes));
            int[] width = new int[4];
            rows.forEach(r -> {
                for (int i = 0; i < 4; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            });
            for (String[] r : rows) {
                out.append(String.format("%-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %-" + width[3] + "s  %s",
                        r[0], r[1], r[2], r[3], r[4]).stripTrailing()).append('\n');
            }
        }
        warnings.forEach(w -> out.append("Note: ").append(w).append('\n'));
        return out.toString();
    }
}
