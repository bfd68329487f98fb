package io.stagesync.devstage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings of a {@link DevstageServer}; {@link #build()} gives the server, {@link #start()} starts it too. */
public final class DevstageSettings {
    int port;
    boolean demo;
    int demoSize = 50;
    String demoSchema = "hotels";
    Path dataDir;
    String token;
    Path tokenFile;
    int maxPageSize = 100;
    int httpThreads = 32;
    long maxFileBytes = 1L << 30;
    Duration fetchTimeout = Duration.ofMinutes(10);
    final List<String> uploadUrlOrigins = new ArrayList<>();
    final Map<String, String> environments = new LinkedHashMap<>();

    public DevstageSettings port(int value) { port = value; return this; }
    public DevstageSettings demo(boolean value) { demo = value; return this; }
    public DevstageSettings demoSize(int value) { demoSize = value; return this; }
    /** The demo's model definition: {@code hotels} (the default) or {@code kitchen-sink}. */
    public DevstageSettings demoSchema(String value) { demoSchema = value; return this; }
    public DevstageSettings dataDir(Path value) { dataDir = value; return this; }
    public DevstageSettings token(String value) { token = value; return this; }
    public DevstageSettings tokenFile(Path value) { tokenFile = value; return this; }
    public DevstageSettings maxPageSize(int value) { maxPageSize = value; return this; }
    public DevstageSettings httpThreads(int value) { httpThreads = value; return this; }
    public DevstageSettings maxFileBytes(long value) { maxFileBytes = value; return this; }
    public DevstageSettings fetchTimeout(Duration value) { fetchTimeout = value; return this; }

    /**
     * Origins ({@code http://host} or {@code http://host:port}) whose {@code uploadUrl}s devstage fetches; once one is
     * given, only those. Without any, public hosts only (loopback and private addresses are refused).
     */
    public DevstageSettings allowUploadUrl(String... origins) {
        uploadUrlOrigins.addAll(List.of(origins));
        return this;
    }

    /** An extra environment created at start with its own model definition (JSON text). */
    public DevstageSettings environment(String name, String modelDefinitionJson) {
        environments.put(name, modelDefinitionJson);
        return this;
    }

    /** An extra environment whose model definition is read from a file. */
    public DevstageSettings modelFile(String name, Path modelFile) throws IOException {
        return environment(name, Files.readString(modelFile));
    }

    public DevstageServer build() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (!DevstageServer.DEMO_SCHEMAS.containsKey(demoSchema)) {
            throw new IllegalArgumentException("demo schema '" + demoSchema + "' is unknown; allowed: " + DevstageServer.DEMO_SCHEMAS.keySet());
        }
        if (demoSize < 0) {
            throw new IllegalArgumentException("demo size must be >= 0, got " + demoSize);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("max page size must be >= 1, got " + maxPageSize);
        }
        return new DevstageServer(this);
    }

    public DevstageServer start() throws Exception {
        DevstageServer server = build();
        try {
            return server.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }
}
