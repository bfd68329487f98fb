package io.stagesync.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands each new log line of a run, and the run's end, to whoever is following it live.
 */
public final class RunLogBroadcaster {

    /** Someone following a run's log. */
    public interface Listener {
        void line(LogLine line);

        void end(String status);
    }

    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();

    public void subscribe(String runId, Listener listener) {
        listeners.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>()).add(listener);
    }

    public void unsubscribe(String runId, Listener listener) {
        listeners.computeIfPresent(runId, (id, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    public void line(String runId, LogLine line) {
        listeners.getOrDefault(runId, List.of()).forEach(l -> l.line(line));
    }

    /** The run stopped (finished, cancelled or interrupted); listeners are told and dropped. */
    public void end(String runId, String status) {
        List<Listener> ended = listeners.remove(runId);
        if (ended != null) {
            ended.forEach(l -> l.end(status));
        }
    }
}
