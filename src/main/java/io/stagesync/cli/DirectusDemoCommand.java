package io.stagesync.cli;

import io.stagesync.dialect.StageRequestException;
import io.stagesync.directus.DirectusDemo;
import io.stagesync.directus.DirectusRest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Creates the Directus demo (schema and content) in a running Directus project, to try the Directus dialect. */
@Command(name = "directus-demo", mixinStandardHelpOptions = true,
        description = "Creates the demo collections (hotels with a cover file, a gallery and text/quote sections, destinations, reviews,"
                + " amenities, languages) and, unless --schema-only, demo content and files in a running Directus project;"
                + " the token comes from DIRECTUS_TOKEN.")
public class DirectusDemoCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The Directus project's base URL, e.g. http://127.0.0.1:8055.")
    String url;

    @Option(names = "--size", paramLabel = "N", defaultValue = "50", description = "Demo hotels (N/10 destinations, 2N reviews). Default 50.")
    int size;

    @Option(names = "--schema-only", description = "Create the collections only (a target to sync into).")
    boolean schemaOnly;

    @Override
    public Integer call() {
        String token = System.getenv("DIRECTUS_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("directus-demo: set DIRECTUS_TOKEN to an admin token of " + url);
            return CommandErrors.USAGE;
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            System.err.println("directus-demo: --url must be an http(s) URL, got: " + url);
            return CommandErrors.USAGE;
        }
        if (size < 1 || size > 100_000) {
            System.err.println("directus-demo: --size must be 1..100000, got: " + size);
            return CommandErrors.USAGE;
        }
        DirectusDemo demo = new DirectusDemo(new DirectusRest("directus-demo", url, token, Duration.ofSeconds(120)));
        try {
            demo.createSchema();
            if (!schemaOnly) {
                demo.seed(size);
            }
        } catch (StageRequestException e) {
            System.err.println("directus-demo: " + e.getMessage());
            return CommandErrors.FAILED;
        }
        System.out.println("Directus demo created at " + url + (schemaOnly ? " (collections only)" : " with " + size + " hotels and "
                + DirectusDemo.FILES + " files"));
        return 0;
    }
}
