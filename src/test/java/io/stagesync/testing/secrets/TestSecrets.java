package io.stagesync.testing.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The test run's secrets scan. Tests register every token they use ({@link #register}); while the run goes on, what
 * the tests leave in the test temp folder (state stores, inbox {@code .error} files, reports, service logs) is
 * scanned after each test and class, before JUnit deletes its temp folders ({@link SecretsScanExtension}); at the
 * end {@link SecretsScanCheck} scans what is left, the test logs in {@code surefire-reports} included, and fails
 * naming each file that holds a registered token (never the token itself).
 * <p>
 * Folders (system properties, set by the build): {@code stagesync.test-secrets.dir} holds the registry and the
 * findings; {@code java.io.tmpdir} is the test temp folder. Credential files that exist to hold a secret
 * ({@code token}, {@code *.token}, {@code *.password}) and the registry itself are not findings.
 */
public final class TestSecrets {

    /** Files larger than this are not read; they are listed as skipped by the check. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    private static final int MIN_SECRET_LENGTH = 8;
    private static final Set<String> known = ConcurrentHashMap.newKeySet();
    private static final Map<Path, String> scanned = new ConcurrentHashMap<>();

    private TestSecrets() {
    }

    /** Records a token the tests use, under a label that names it in findings (the token is never printed). */
    public static void register(String label, String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH || !known.add(secret)) {
            return;
        }
        append(dir().resolve("registry.tsv"), label.replace('\t', ' ') + "\t" + secret);
    }

    /**
     * Marks a file a test writes to hand a token on (a configuration file for a child process): it holds the token on
     * purpose and is not a finding. Logs, reports, {@code .error} and state-store files never are.
     */
    public static void holdsSecretOnPurpose(Path file) {
        append(dir().resolve("exempt.tsv"), file.toAbsolutePath().normalize().toString());
    }

    /** The registered tokens: token → label. */
    static Map<String, String> registered() {
        Path file = dir().resolve("registry.tsv");
        Map<String, String> secrets = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : read(file)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    secrets.put(line.substring(tab + 1), line.substring(0, tab));
                }
            }
        }
        return secrets;
    }

    /** Findings recorded while the tests ran: "when, file, label" lines. */
    static List<String> recordedFindings() {
        Path file = dir().resolve("findings.tsv");
        return Files.exists(file) ? read(file) : List.of();
    }

    /** Files too large to read that the scans during the run met. */
    static List<String> recordedSkips() {
        Path file = dir().resolve("skipped.tsv");
        return Files.exists(file) ? read(file).stream().distinct().toList() : List.of();
    }

    /** True in the check's own run, which reads the registry and findings but must not change them. */
    static boolean checking() {
        return Boolean.getBoolean("stagesync.test-secrets.check");
    }

    /** Scans the test temp folder now (files changed since their last scan only) and records what it finds. */
    static void scanTemp(String when) {
        if (checking()) {
            return;
        }
        Map<String, String> secrets = registered();
        if (secrets.isEmpty()) {
            return;
        }
        for (Finding f : scan(tempDir(), secrets, true)) {
            if (f.label() == null) {
                append(dir().resolve("skipped.tsv"), f.file().toString());
            } else {
                append(dir().resolve("findings.tsv"), when + "\t" + f.file() + "\t" + f.label());
            }
        }
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** The files this JVM has open now (from /proc/self/fd; none where that does not exist). */
    private static Set<Path> openInThisJvm() {
        Set<Path> open = new java.util.HashSet<>();
        try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    open.add(Files.readSymbolicLink(fd).toAbsolutePath().normalize());
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile, or not a link
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        return open;
    }

    /** A file holding a registered token (by label), or a file too large to read (label null). */
    record Finding(Path file, String label) {
    }

    /** Every file under {@code root} that holds one of {@code secrets} (raw or URL-encoded), and every skipped file. */
    static List<Finding> scan(Path root, Map<String, String> secrets, boolean onlyChanged) {
        List<Finding> findings = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return findings;
        }
        Map<String, String> forms = new LinkedHashMap<>();
        secrets.forEach((secret, label) -> {
            forms.put(secret, label);
            forms.put(URLEncoder.encode(secret, StandardCharsets.UTF_8), label);
        });
        Path registry = dir().toAbsolutePath().normalize();
        Path exemptFile = registry.resolve("exempt.tsv");
        Set<Path> exempt = Files.exists(exemptFile) ? read(exemptFile).stream().map(Path::of).collect(Collectors.toSet()) : Set.of();
        Set<Path> openHere = onlyChanged ? openInThisJvm() : Set.of();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return d.toAbsolutePath().normalize().equals(registry) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile() || credentialFile(file) || exempt.contains(file.toAbsolutePath().normalize())) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (!openHere.isEmpty() && openHere.contains(real(file))) {
                        // a file this JVM holds open (an embedded H2 store): opening and closing it here would drop the
                        // JVM's POSIX lock on it, and a child process could then write the same file; read once closed
                        return FileVisitResult.CONTINUE;
                    }
                    String stamp = attrs.size() + "@" + attrs.lastModifiedTime().toMillis();
                    if (onlyChanged && stamp.equals(scanned.put(file, stamp))) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.size() > MAX_FILE_BYTES) {
                        findings.add(new Finding(file, null));
                        return FileVisitResult.CONTINUE;
                    }
                    String text;
                    try {
                        text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    } catch (IOException e) {
                        return FileVisitResult.CONTINUE; // deleted or locked while the tests run; scanned again later
                    }
                    forms.entrySet().stream().filter(s -> text.contains(latin1(s.getKey()))).findFirst()
                            .ifPresent(s -> findings.add(new Finding(file, s.getValue())));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    static Path dir() {
        return Path.of(System.getProperty("stagesync.test-secrets.dir", "target/test-secrets"));
    }

    static Path tempDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static boolean credentialFile(Path file) {
        String name = file.getFileName().toString();
        return name.equals("token") || name.endsWith(".token") || name.endsWith(".password");
    }

    /** The bytes of {@code s} in UTF-8, as the ISO-8859-1 text files are read as. */
    private static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static synchronized void append(Path file, String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
