package io.stagesync.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job definitions: loaded from {@code stagesync.jobs.<name>.*} properties, created through the API or
 * dropped files, and deleted; tells the scheduler whenever a job is saved or deleted.
 */
public final class JobCatalog {

    private static final Logger log = LoggerFactory.getLogger(JobCatalog.class);
    private static final Pattern KEY = Pattern.compile("stagesync\\.jobs\\.([^.]+)\\.(type|base|target|schedule|options\\.([^.]+))");
    public static final String FROM_PROPERTIES = "properties";

    private final JobRepository jobs;
    private final JobRequestParser parser;
    private Consumer<JobDefinition> onSaved = job -> { };
    private Consumer<String> onDeleted = name -> { };

    public JobCatalog(JobRepository jobs, JobRequestParser parser) {
        this.jobs = jobs;
        this.parser = parser;
    }

    public void listen(Consumer<JobDefinition> saved, Consumer<String> deleted) {
        this.onSaved = saved;
        this.onDeleted = deleted;
    }

    /** Replaces the jobs defined in properties with the ones the properties define now. */
    public List<JobDefinition> loadProperties(Map<String, String> properties) {
        Map<String, Map<String, Object>> requests = new TreeMap<>();
        properties.forEach((key, value) -> {
            Matcher m = KEY.matcher(key);
            if (m.matches()) {
                Map<String, Object> request = requests.computeIfAbsent(m.group(1), n -> new LinkedHashMap<>(Map.of("name", n)));
                if (m.group(3) == null) {
                    request.put(m.group(2), value);
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> options = (Map<String, Object>) request.computeIfAbsent("options", o -> new LinkedHashMap<>());
                    options.put(m.group(3), value);
                }
            }
        });
        jobs.findAll().stream().filter(j -> FROM_PROPERTIES.equals(j.source()) && !requests.containsKey(j.name()))
                .forEach(j -> delete(j.name(), true));
        return requests.entrySet().stream().map(e -> {
            try {
                return save(parser.parse(e.getValue(), FROM_PROPERTIES, FROM_PROPERTIES, Set.of()));
            } catch (JobRequestException ex) {
                throw new IllegalArgumentException("Job defined by stagesync.jobs." + e.getKey() + ".* is invalid: "
                        + ex.getMessage().replaceFirst("^([a-z.]+): ", "stagesync.jobs." + e.getKey() + ".$1: "), ex);
            }
        }).toList();
    }

    /** Defines a new job; refuses a name that is already taken unless {@code replace} is set. */
    public JobDefinition create(Map<String, Object> request, String source, String createdBy, boolean replace, Set<String> extraFields) {
        JobDefinition job = parser.parse(request, source, createdBy, extraFields);
        jobs.find(job.name()).ifPresent(existing -> {
            if (FROM_PROPERTIES.equals(existing.source())) {
                throw new JobRequestException(JobRequestException.CONFLICT, "name", "job '" + job.name()
                        + "' is defined in the properties (stagesync.jobs." + job.name() + ".*); change it there");
            }
            if (!replace) {
                throw new JobRequestException(JobRequestException.CONFLICT, "name", "job '" + job.name()
                        + "' already exists; delete it first or choose another name");
            }
        });
        return save(job);
    }

    public JobDefinition get(String name) {
        return jobs.find(name).orElseThrow(() -> new JobRequestException(JobRequestException.NOT_FOUND, null,
                "no job named '" + name + "'"));
    }

    public List<JobDefinition> list() {
        return jobs.findAll();
    }

    /** Deletes a job; jobs from properties can only be removed there. */
    public void delete(String name, boolean evenFromProperties) {
        JobDefinition job = get(name);
        if (FROM_PROPERTIES.equals(job.source()) && !evenFromProperties) {
            throw new JobRequestException(JobRequestException.CONFLICT, null, "job '" + name
                    + "' is defined in the properties; remove stagesync.jobs." + name + ".* there");
        }
        jobs.delete(name);
        onDeleted.accept(name);
        log.info("Job deleted job={}", name);
    }

    private JobDefinition save(JobDefinition job) {
        jobs.save(job);
        onSaved.accept(job);
        log.info("Job saved job={} base={} target={} schedule={} source={}", job.name(), job.base(), job.target(),
                job.schedule(), job.source());
        return job;
    }
}
