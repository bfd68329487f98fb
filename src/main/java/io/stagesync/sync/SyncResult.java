package io.stagesync.sync;

import java.util.Map;

/**
 * The outcome of a sync run.
 *
 * @param status SUCCEEDED, PARTIAL, FAILED or CANCELLED
 * @param report the run result as written by {@code --report}: at least {@code status}, {@code models}
 *               ({@code read, created, updated, unchanged, failed} per model), {@code requests} (per stage),
 *               {@code failed} (list of {@code {model, sourceId, reason}}) and {@code durationMs}
 */
public record SyncResult(String status, Map<String, Object> report) {
    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }
}
