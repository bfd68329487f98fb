package io.stagesync.devstage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Resolves devstage's bearer token: given, else a token file, else {@code DEVSTAGE_TOKEN}, else generated and saved. */
final class DevstageToken {

    private static final Logger log = LoggerFactory.getLogger(DevstageToken.class);

    private DevstageToken() {
    }

    static String resolve(String given, Path tokenFile, Path dataDir) throws IOException {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        if (tokenFile != null) {
            String fromFile = Files.readString(tokenFile).trim();
            if (fromFile.isEmpty()) {
                throw new IllegalArgumentException("token file " + tokenFile + " is empty");
            }
            return fromFile;
        }
        String fromEnv = System.getenv("DEVSTAGE_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            log.info("Using the bearer token from environment variable DEVSTAGE_TOKEN");
            return fromEnv.trim();
        }
        Path file = (dataDir != null ? dataDir : Path.of(".devstage")).resolve("token");
        if (Files.isRegularFile(file) && !Files.readString(file).isBlank()) {
            log.info("Using the bearer token saved in file={}", file.toAbsolutePath());
            return Files.readString(file).trim();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String token = "ds_" + HexFormat.of().formatHex(bytes);
        Files.createDirectories(file.getParent());
        Files.writeString(file, token);
        log.info("Generated a bearer token and saved it file={}", file.toAbsolutePath());
        return token;
    }
}
