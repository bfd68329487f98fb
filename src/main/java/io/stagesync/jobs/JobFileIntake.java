package io.stagesync.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.config.InputQuote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Handles a job request dropped into the inbox as JSON or YAML: either {@code {job}} to run a defined job, or a
 * job definition {@code {name, base, target, schedule?, options?, run?}} that is saved and, unless it is
 * scheduled (or {@code run: false}), run at once. Only a regular file of at most {@code maxBytes} is read (a
 * symbolic link or special file is refused unopened); the file itself is then moved (never copied) to
 * {@code done/} or {@code failed/}, the latter with a {@code <file>.error} (0600) saying why. Log lines name the
 * file, never its content.
 */
public final class JobFileIntake {

    /** How a dropped file was handled: accepted, or refused with the reason written beside it. */
    public record IntakeResult(boolean accepted, String message) {
    }

    private static final Logger log = LoggerFactory.getLogger(JobFileIntake.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobCatalog catalog;
    private final RunCoordinator coordinator;
    private final Clock clock;
    private final long maxBytes;

    public JobFileIntake(JobCatalog catalog, RunCoordinator coordinator, Clock clock, long maxBytes) {
        this.catalog = catalog;
        this.coordinator = coordinator;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    /** Reads and handles the dropped file at {@code path}, refusing anything but a small regular file unread. */
    public IntakeResult accept(String path) {
        Path file = Path.of(path);
        String fileName = file.getFileName().toString();
        try {
            return accept(fileName, read(file));
        } catch (JobRequestException e) {
            log.warn("Job file refused file={} field={}", fileName, e.field());
            return refused(fileName, e);
        }
    }

    /** Moves a handled file into {@code done/} beside it. */
    public void done(String path) throws IOException {
        moveInto(Path.of(path), "done");
    }

    /** Moves a refused file into {@code failed/} beside it, with {@code <file>.error} (0600) giving the reason. */
    public void failed(String path, IntakeResult result) throws IOException {
        Path target = moveInto(Path.of(path), "failed");
        Path error = target.resolveSibling(target.getFileName() + ".error");
        Files.deleteIfExists(error);
        try (SeekableByteChannel out = Files.newByteChannel(error, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            out.write(ByteBuffer.wrap(result.message().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Path moveInto(Path file, String folder) throws IOException {
        Path dir = file.resolveSibling(folder);
        Files.createDirectories(dir);
        // the entry itself is moved: a symbolic link stays a link and what it points at is never opened
        return Files.move(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    }

    /** The file's text, after checking without following links that it is a regular file within the size limit. */
    private String read(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw JobRequestException.badField("file", "cannot be read: " + e.getClass().getSimpleName());
        }
        if (attributes.isSymbolicLink()) {
            throw JobRequestException.badField("file", "is a symbolic link; only regular files are read, and it was not opened");
        }
        if (!attributes.isRegularFile()) {
            throw JobRequestException.badField("file", "is not a regular file; only regular files are read, and it was not opened");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(attributes.size());
        }
        // one byte more than the limit, to notice a file that grew since it was checked
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (bytes.hasRemaining() && in.read(bytes) >= 0) {
                // read to the end of the file or one byte past the limit
            }
            if (bytes.position() > maxBytes) {
                throw tooLarge(in.size());
            }
        } catch (IOException e) {
            throw JobRequestException.badField("file", "cannot be read: " + e.getClass().getSimpleName());
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw JobRequestException.badField("file", "is not UTF-8 text");
        }
    }

    private JobRequestException tooLarge(long size) {
        return JobRequestException.badField("file", "is " + size + " bytes, more than stagesync.jobs.inbox-max-bytes ("
                + maxBytes + "); it was not read");
    }

    private IntakeResult refused(String fileName, JobRequestException e) {
        return new IntakeResult(false, fileName + " was refused at " + clock.instant() + ": " + e.getMessage() + "\n");
    }

    IntakeResult accept(String fileName, String content) {
        String createdBy = "file:" + fileName;
        try {
            Map<String, Object> request = parse(fileName, content);
            String message;
            if (request.containsKey("job")) {
                if (request.size() > 1) {
                    throw JobRequestException.badField(request.keySet().stream().filter(k -> !"job".equals(k)).findFirst().orElseThrow(),
                            "unknown field; a run request has only 'job' (a definition has name, base, target, schedule, options, run)");
                }
                if (!(request.get("job") instanceof String name) || name.isBlank()) {
                    throw JobRequestException.badField("job", "must be the name of a defined job");
                }
                message = "run " + coordinator.submit(catalog.get(name.trim()), createdBy).id() + " queued for job '" + name.trim() + "'";
            } else {
                Object run = request.remove("run");
                if (run != null && !(run instanceof Boolean)) {
                    throw JobRequestException.badField("run", "must be true or false, got: " + InputQuote.of(run));
                }
                JobDefinition job = catalog.create(request, "file", createdBy, true, Set.of());
                boolean runNow = run == null ? job.schedule() == null : (Boolean) run;
                message = "job '" + job.name() + "' saved" + (runNow ? "; run " + coordinator.submit(job, createdBy).id() + " queued" : "");
            }
            log.info("Job file accepted file={} result={}", fileName, message);
            return new IntakeResult(true, message);
        } catch (JobRequestException e) {
            log.warn("Job file refused file={} field={}", fileName, e.field());
            return refused(fileName, e);
        }
    }

    private Map<String, Object> parse(String fileName, String content) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        Object value;
        try {
            if (lower.endsWith(".json")) {
                value = JSON.readValue(content, Object.class);
            } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                value = new Load(LoadSettings.builder().setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes)).build()).loadFromString(content);
            } else {
                throw JobRequestException.badField("file", "unsupported file type; drop a .json, .yaml or .yml job request");
            }
        } catch (JsonProcessingException e) {
            throw JobRequestException.badField("file", "is not valid JSON: " + InputQuote.of(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (YamlEngineException e) {
            throw JobRequestException.badField("file", "is not valid YAML: " + InputQuote.of(e.getMessage()));
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw JobRequestException.badField("file", "must hold one object (a job request), got: " + InputQuote.of(value));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        map.forEach((k, v) -> request.put(String.valueOf(k), v));
        return request;
    }
}
