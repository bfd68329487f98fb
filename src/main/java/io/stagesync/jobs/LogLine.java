package io.stagesync.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One log line of a run: its number within the run, time, level (INFO, WARN, ERROR), task and message.
 */
public record LogLine(int seq, Instant at, String level, String task, String message) {

    /** The JSON shape of the REST API and of the log stream's events. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seq", seq);
        map.put("at", at.toString());
        map.put("level", level);
        map.put("task", task);
        map.put("message", message);
        return map;
    }
}
