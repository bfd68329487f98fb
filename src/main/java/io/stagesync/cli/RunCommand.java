package io.stagesync.cli;

import io.stagesync.config.CamelBootstrap;
import io.stagesync.poll.PollSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** Runs the main job: polls every model of the production stage, by default on an embedded devstage with demo content. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the main job: walks every model of the production stage page by page and prints a count per model.",
                "By default it starts devstage with demo content in-process and points the stages production and staging at it."})
public class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--embedded", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start devstage with demo content in-process and use it for the stages production and staging "
                    + "(default: ${DEFAULT-VALUE}; --no-embedded polls the configured stages).")
    boolean embedded = true;

    @Override
    public Integer call() throws Exception {
        CamelBootstrap bootstrap = CamelBootstrap.of(config == null ? null : config.file(), Map.of());
        EmbeddedDevstage devstage = null;
        try {
            if (embedded) {
                devstage = EmbeddedDevstage.start(Integer.parseInt(bootstrap.property("devstage.demo-size", "50")));
                bootstrap = bootstrap.withOverrides(devstage.overrides());
            }
            PollSummary summary = bootstrap.runJob("direct:poll-models", PollSummary.class);
            System.out.print(summary.toText());
            return 0;
        } catch (Exception e) {
            System.err.println("stagesync run failed: " + Failures.describe(e));
            return 1;
        } finally {
            if (devstage != null) {
                devstage.close();
            }
        }
    }
}
