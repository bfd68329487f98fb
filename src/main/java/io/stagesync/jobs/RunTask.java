package io.stagesync.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One phase of a run (assets, entries, relations, publish or drafts) with its progress in percent.
 */
public record RunTask(String name, String status, int progress, long done, long total, int logCount,
                      Instant startedAt, Instant finishedAt) {

    /** The JSON shape of the REST API. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("status", status);
        map.put("progress", progress);
        map.put("done", done);
        map.put("total", total);
        map.put("logCount", logCount);
        map.put("startedAt", startedAt == null ? null : startedAt.toString());
        map.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
        return map;
    }
}
