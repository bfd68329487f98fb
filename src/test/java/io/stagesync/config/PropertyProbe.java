package io.stagesync.config;

import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.Map;

/** Run by tests in a child JVM: prints what a bootstrap resolves, so tests can set real environment variables. */
public final class PropertyProbe {

    private PropertyProbe() {
    }

    /** Arguments: the config file or "-", then the stage names whose rate limit to print. */
    public static void main(String[] args) throws Exception {
        Path config = "-".equals(args[0]) ? null : Path.of(args[0]);
        Main main = CamelBootstrap.of(config, Map.of()).createMain();
        main.start();
        try {
            StageRegistry stages = main.getCamelContext().getRegistry().lookupByNameAndType("stageRegistry", StageRegistry.class);
            for (int i = 1; i < args.length; i++) {
                StageConfig stage = stages.get(args[i]);
                System.out.println("probe " + stage.name() + ".rate-limit=" + stage.rateLimit()
                        + " " + stage.name() + ".content-api=" + stage.contentApi());
            }
        } finally {
            main.stop();
        }
    }
}
