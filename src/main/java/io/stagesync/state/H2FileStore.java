package io.stagesync.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps an embedded H2 file state store closed to everyone but its owner: the folder is made 0700 and the store's
 * files 0600, the password (when none is configured) is generated once into {@code <store>.password} (0600), and an
 * {@code AUTO_SERVER} port is only ever opened on the loopback address ({@code h2.bindAddress}).
 */
final class H2FileStore {

    /** H2 reads this system property once, when its classes load: set it before any H2 class is used. */
    static final String BIND_ADDRESS = "h2.bindAddress";
    private static final Logger log = LoggerFactory.getLogger(H2FileStore.class);
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final int WRONG_USER_OR_PASSWORD = 28000;

    private final Path base;
    private final boolean autoServer;

    private H2FileStore(Path base, boolean autoServer) {
        this.base = base;
        this.autoServer = autoServer;
    }

    /** Loopback for H2's server sockets, unless the JVM was started with another value (then refused at open). */
    static void bindToLoopback() {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, "127.0.0.1");
        }
    }

    /** The H2 file store of a JDBC URL, or null for in-memory, remote or non-H2 URLs. */
    static H2FileStore of(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return null;
        }
        String name = url.substring("jdbc:h2:".length());
        int options = name.indexOf(';');
        String settings = options < 0 ? "" : name.substring(options).toUpperCase(Locale.ROOT).replace(" ", "");
        name = options < 0 ? name : name.substring(0, options);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("(?i)(mem|tcp|ssl|zip|split|nio\\w*|async|memFS|memLZF|retry)\\:.*")) {
            return null;
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return new H2FileStore(Paths.get(name).toAbsolutePath().normalize(), settings.contains(";AUTO_SERVER=TRUE"));
    }

    /**
     * Makes the folder and existing files private, checks that an AUTO_SERVER port would stay on loopback, and
     * answers the password to use: the configured one, or the generated one from {@code <store>.password}.
     */
    String prepare(String url, String user, String configuredPassword) {
        if (autoServer) {
            requireLoopbackBinding();
        }
        try {
            Path dir = base.getParent();
            Files.createDirectories(dir);
            restrict(dir, OWNER_DIR);
            restrictFiles();
            if (configuredPassword != null && !configuredPassword.isEmpty()) {
                return configuredPassword;
            }
            Path file = passwordFile();
            if (Files.exists(file)) {
                restrict(file, OWNER_FILE);
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String generated = generatePassword();
            boolean existing = Files.exists(Path.of(base + ".mv.db"));
            if (existing) {
                takeOverEmptyPassword(url, user, generated);
            }
            String stored = write(file, generated);
            log.info("State store password generated file={}", file);
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the state store folder " + base.getParent() + ": " + e.getMessage(), e);
        }
    }

    /** The store's files as H2 names them ({@code stagesync.mv.db}, {@code .lock.db}, {@code .trace.db}...) made 0600. */
    void restrictFiles() throws IOException {
        Path dir = base.getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = base.getFileName().toString() + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> f.getFileName().toString().startsWith(prefix))) {
            for (Path f : files) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    restrict(f, OWNER_FILE);
                }
            }
        }
    }

    Path passwordFile() {
        return Path.of(base + ".password");
    }

    private static void requireLoopbackBinding() {
        String bind = org.h2.engine.SysProperties.BIND_ADDRESS;
        boolean loopback;
        try {
            loopback = bind != null && !bind.isBlank() && InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalStateException("stagesync.state.url: AUTO_SERVER=TRUE would open the state store's port on "
                    + (bind == null || bind.isBlank() ? "all interfaces" : bind) + "; it is only allowed on loopback "
                    + "(system property h2.bindAddress=127.0.0.1, set before H2 is loaded). Use PostgreSQL to share the state across hosts.");
        }
    }

    /** A store created before passwords were generated has the user with an empty password: give it the new one. */
    private static void takeOverEmptyPassword(String url, String user, String generated) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("ALTER USER \"" + user.replace("\"", "\"\"") + "\" SET PASSWORD '" + generated + "'");
            log.info("State store password set on an existing store that had none");
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                throw new IllegalStateException("Cannot open the existing state store " + url + ": " + e.getMessage(), e);
            }
            throw new IllegalStateException("The state store " + url + " has a password that StageSync does not know: set "
                    + "stagesync.state.password (environment variable STAGESYNC_STATE_PASSWORD)", e);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Writes the password file unless another process just did; answers the password the file holds. */
    private static String write(Path file, String password) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".password", ".tmp");
        try {
            restrict(temp, OWNER_FILE);
            Files.writeString(temp, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temp, file);
            return password;
        } catch (FileAlreadyExistsException e) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            log.debug("No POSIX permissions on this file system path={}", path);
        }
    }
}
