package io.stagesync.cli;

import io.stagesync.devstage.DevstageServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs devstage, the local Hygraph-compatible stage server, until interrupted. */
@Command(name = "devstage", mixinStandardHelpOptions = true,
        description = "Runs devstage, the local Hygraph-compatible stage server, until Ctrl-C.")
public class DevstageCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DevstageCommand.class);

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (0 = any free port). Default: devstage.port or 4000.")
    Integer port;

    @Option(names = "--demo", description = "Create environments production (with demo content) and staging (empty).")
    Boolean demo;

    @Option(names = "--demo-size", paramLabel = "N", description = "Demo hotels (N/10 destinations, 3N reviews, N/5 assets). Default 50.")
    Integer demoSize;

    @Option(names = "--demo-schema", paramLabel = "NAME",
            description = "Demo model: hotels (Hotel, Destination, Review) or kitchen-sink (every field kind; N articles). Default hotels.")
    String demoSchema;

    @Option(names = "--data", paramLabel = "DIR", description = "Keep content and buckets in DIR across restarts. Default: in memory.")
    Path data;

    @Option(names = "--token", paramLabel = "T", description = "Bearer token. Default: DEVSTAGE_TOKEN, else generated into <data or .devstage>/token.")
    String token;

    @Option(names = "--token-file", paramLabel = "F", description = "Read the bearer token from file F.")
    Path tokenFile;

    @Option(names = "--max-page-size", paramLabel = "N", description = "Largest allowed first/last (Hygraph: 100). Default 100.")
    Integer maxPageSize;

    @Option(names = "--max-file-mb", paramLabel = "MB", description = "Largest asset file in MB (Hygraph: 100). Default 1024.")
    Long maxFileMb;

    @Option(names = "--allow-upload-url", paramLabel = "ORIGIN", split = ",",
            description = "Origin (http://host or http://host:port) from which the upload URLs of new assets are fetched; repeatable. "
                    + "Default: devstage.upload-url-allow, else public hosts only (loopback and private addresses refused).")
    List<String> uploadUrlOrigins;

    @Option(names = "--environment", paramLabel = "NAME=MODEL_FILE",
            description = "Extra environment with its own model definition file; repeatable.")
    Map<String, Path> environments = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        DevstageServer server = startServer();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "devstage-shutdown"));
        log.info("devstage ready baseUrl={} managementApi={}/graphql", server.baseUrl(), server.baseUrl());
        for (String environment : server.environments()) {
            log.info("Environment environment={} contentApi={}", environment, server.contentApiUrl(environment));
        }
        log.info("Press Ctrl-C to stop");
        stopped.await();
        return 0;
    }

    /** Starts the server the options describe. */
    DevstageServer startServer() throws Exception {
        Properties props = load(config == null ? null : config.file());
        java.util.function.BinaryOperator<String> key = (name, fallback) -> value(props, name, fallback);
        var settings = DevstageServer.builder()
                .port(port != null ? port : Integer.parseInt(key.apply("devstage.port", "4000")))
                .demo(demo != null ? demo : Boolean.parseBoolean(key.apply("devstage.demo", "false")))
                .demoSize(demoSize != null ? demoSize : Integer.parseInt(key.apply("devstage.demo-size", "50")))
                .demoSchema(demoSchema != null ? demoSchema : key.apply("devstage.demo-schema", "hotels"))
                .dataDir(data != null ? data : pathOrNull(key.apply("devstage.data-dir", "")))
                .token(token)
                .tokenFile(tokenFile)
                .maxPageSize(maxPageSize != null ? maxPageSize : Integer.parseInt(key.apply("devstage.max-page-size", "100")))
                .maxFileBytes((maxFileMb != null ? maxFileMb : Long.parseLong(key.apply("devstage.max-file-mb", "1024"))) * 1024 * 1024);
        settings.allowUploadUrl((uploadUrlOrigins != null ? String.join(",", uploadUrlOrigins)
                : key.apply("devstage.upload-url-allow", "")).split(","));
        for (var entry : environments.entrySet()) {
            settings.modelFile(entry.getKey(), entry.getValue());
        }
        return settings.start();
    }

    /** A key from the environment (DEVSTAGE_DEMO_SIZE for devstage.demo-size), else the properties, else the default. */
    static String value(Properties props, String name, String fallback) {
        String fromEnv = System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : props.getProperty(name, fallback);
    }

    /** The --config file, else application.properties in the working directory when there is one. */
    private static Properties load(Path file) throws IOException {
        Properties props = new Properties();
        if (file == null && Files.isRegularFile(Path.of("application.properties"))) {
            file = Path.of("application.properties");
        } else if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--config file " + file + " does not exist");
            }
        }
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            }
        }
        return props;
    }

    private static Path pathOrNull(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
