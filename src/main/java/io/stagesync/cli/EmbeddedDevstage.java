package io.stagesync.cli;

import io.stagesync.devstage.DevstageServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded default of the main job: devstage with demo content on a free port and a random token, and the
 * override properties that point the {@code production} and {@code staging} stages at it.
 */
final class EmbeddedDevstage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDevstage.class);
    private static final String[] STAGES = {"production", "staging"};

    private final DevstageServer server;

    private EmbeddedDevstage(DevstageServer server) {
        this.server = server;
    }

    /** {@code uploadUrlOrigin}: the one origin whose uploadUrls it fetches (blank: public hosts only). */
    static EmbeddedDevstage start(int demoSize, String uploadUrlOrigin) throws Exception {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        DevstageServer server = DevstageServer.builder()
                .port(0)
                .demo(true)
                .demoSize(demoSize)
                .token(HexFormat.of().formatHex(secret))
                .allowUploadUrl(uploadUrlOrigin)
                .start();
        log.info("Embedded devstage started url={} demoSize={}", server.baseUrl(), demoSize);
        for (String stage : STAGES) {
            String prefix = "STAGESYNC_STAGES_" + stage.toUpperCase() + "_";
            System.getenv().keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k ->
                    log.warn("Environment variable {} overrides the embedded default for stage={}", k, stage));
        }
        return new EmbeddedDevstage(server);
    }

    /** Content API URL and token of each demo stage; the values are passed on as override properties, never logged. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String stage : STAGES) {
            overrides.put("stagesync.stages." + stage + ".content-api", server.contentApiUrl(stage));
            overrides.put("stagesync.stages." + stage + ".token", server.token());
        }
        return overrides;
    }

    @Override
    public void close() {
        server.close();
    }
}
