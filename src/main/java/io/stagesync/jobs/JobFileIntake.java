package io.stagesync.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Handles a job request dropped into the inbox as JSON or YAML: either {@code {job}} to run a defined job, or a
 * job definition {@code {name, base, target, schedule?, options?, run?}} that is saved and, unless it is
 * scheduled (or {@code run: false}), run at once.
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

    public JobFileIntake(JobCatalog catalog, RunCoordinator coordinator, Clock clock) {
        this.catalog = catalog;
        this.coordinator = coordinator;
        this.clock = clock;
    }

    public IntakeResult accept(String fileName, String content) {
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
                    throw JobRequestException.badField("run", "must be true or false, got: " + run);
                }
                JobDefinition job = catalog.create(request, "file", createdBy, true, Set.of());
                boolean runNow = run == null ? job.schedule() == null : (Boolean) run;
                message = "job '" + job.name() + "' saved" + (runNow ? "; run " + coordinator.submit(job, createdBy).id() + " queued" : "");
            }
            log.info("Job file accepted file={} result={}", fileName, message);
            return new IntakeResult(true, message);
        } catch (JobRequestException e) {
            log.warn("Job file refused file={} reason={}", fileName, e.getMessage());
            return new IntakeResult(false, fileName + " was refused at " + clock.instant() + ": " + e.getMessage() + "\n");
        }
    }

    private static Map<String, Object> parse(String fileName, String content) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        Object value;
        try {
            if (lower.endsWith(".json")) {
                value = JSON.readValue(content, Object.class);
            } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                value = new Load(LoadSettings.builder().build()).loadFromString(content);
            } else {
                throw JobRequestException.badField("file", "unsupported file type; drop a .json, .yaml or .yml job request");
            }
        } catch (JsonProcessingException e) {
            throw JobRequestException.badField("file", "is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (YamlEngineException e) {
            throw JobRequestException.badField("file", "is not valid YAML: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw JobRequestException.badField("file", "must hold one object (a job request), got: " + value);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        map.forEach((k, v) -> request.put(String.valueOf(k), v));
        return request;
    }
}
