package io.stagesync.cli;

import io.stagesync.config.CamelBootstrap;
import io.stagesync.sync.SyncRequest;
import io.stagesync.sync.SyncResult;
import io.stagesync.sync.SyncService;
import io.stagesync.sync.SyncSummaryPrinter;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Runs the main job: syncs production into staging, then again to show that the rerun writes nothing. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the main job: syncs the stage production into staging (entries, relations, publish state),",
                "prints the result, then runs the same sync again to show that a rerun with nothing changed writes nothing.",
                "By default it starts devstage with demo content in-process and points the stages production and staging at it."})
public class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Option(names = "--embedded", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start devstage with demo content in-process and use it for the stages production and staging "
                    + "(default: ${DEFAULT-VALUE}; --no-embedded syncs the configured stages).")
    boolean embedded = true;

    @Override
    public Integer call() throws Exception {
        CamelBootstrap bootstrap = CamelBootstrap.of(config == null ? null : config.file(), Map.of());
        EmbeddedDevstage devstage = null;
        Main main = null;
        Path state = null;
        try {
            if (embedded) {
                // the configured transfer bucket is where the upload-url strategy's files come from
                devstage = EmbeddedDevstage.start(Integer.parseInt(bootstrap.property("devstage.demo-size", "50")),
                        bootstrap.property("stagesync.assets.transfer.endpoint", ""));
                // the embedded stages are new on every start, so their sync state is too (a temporary H2 file)
                state = Files.createTempDirectory("stagesync-run-");
                Map<String, String> overrides = new LinkedHashMap<>(devstage.overrides());
                overrides.put("stagesync.state.url", "jdbc:h2:file:" + state.resolve("state") + ";WRITE_DELAY=0");
                bootstrap = bootstrap.withOverrides(overrides);
            }
            main = bootstrap.createMain();
            main.start();
            SyncService sync = main.getCamelContext().getRegistry().lookupByNameAndType("syncService", SyncService.class);
            SyncPreflight.check(main.getCamelContext(), bootstrap, null, "production", "staging", List.of());
            SyncSummaryPrinter printer = new SyncSummaryPrinter();
            SyncResult first = sync.run(new SyncRequest(null, "production", "staging", List.of(), false, false, Map.of()),
                    ConsoleOutput.progress());
            ConsoleOutput.endProgress();
            System.out.print(printer.print(first));
            if (!first.succeeded()) {
                System.err.println("stagesync run failed: " + first.status()
                        + (first.report().get("error") == null ? "" : ": " + first.report().get("error")));
                return 1;
            }
            SyncResult rerun = sync.run(new SyncRequest(null, "production", "staging", List.of(), false, false, Map.of()),
                    ConsoleOutput.progress());
            ConsoleOutput.endProgress();
            System.out.println();
            System.out.println("Rerun with nothing changed:");
            System.out.print(printer.print(rerun));
            System.out.println("Rerun writes: " + writes(rerun));
            return rerun.succeeded() ? 0 : 1;
        } catch (Exception e) {
            if (output != null && output.verbose) {
                e.printStackTrace();
            }
            System.err.println("stagesync run failed: " + Failures.describe(e));
            return 1;
        } finally {
            if (main != null) {
                main.stop();
            }
            if (devstage != null) {
                devstage.close();
            }
            deleteQuietly(state);
        }
    }

    /** Entries created, updated, linked, published or unpublished by a run. */
    @SuppressWarnings("unchecked")
    static long writes(SyncResult result) {
        long writes = 0;
        for (Map<String, Object> counts : ((Map<String, Map<String, Object>>) result.report().get("models")).values()) {
            for (String key : List.of("created", "updated", "relationsWritten", "published", "unpublished", "drafts")) {
                writes += ((Number) counts.getOrDefault(key, 0L)).longValue();
            }
        }
        return writes;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
