package io.stagesync.jobs;

import io.stagesync.sync.SyncProgress;

import java.util.HashSet;
import java.util.Set;

/**
 * Passes a backup's progress to a run's recorder as parts of the task {@code snapshot}: the backup reports
 * {@code snapshot <Model>} per page, which becomes the part {@code snapshot:<Model>}, started when first seen.
 */
final class SnapshotProgress implements SyncProgress {

    private static final String TASK = "snapshot";

    private final SyncProgress recorder;
    private final Set<String> started = new HashSet<>();

    SnapshotProgress(SyncProgress recorder) {
        this.recorder = recorder;
    }

    @Override
    public void phaseStarted(String phase, long total) {
        recorder.phaseStarted(phase, total);
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        if (!phase.startsWith(TASK + " ")) {
            recorder.progress(phase, done, total);
            return;
        }
        String part = TASK + ":" + phase.substring(TASK.length() + 1);
        if (started.add(part)) {
            recorder.phaseStarted(part, total);
        }
        recorder.progress(part, done, total);
    }

    @Override
    public synchronized void phaseFinished(String phase) {
        if (TASK.equals(phase)) {
            started.forEach(recorder::phaseFinished);
        }
        recorder.phaseFinished(phase);
    }

    @Override
    public void bytes(long done, long total) {
        recorder.bytes(done, total);
    }

    @Override
    public void log(String level, String phase, String message) {
        recorder.log(level, phase, message);
    }

    @Override
    public boolean cancelled() {
        return recorder.cancelled();
    }
}
