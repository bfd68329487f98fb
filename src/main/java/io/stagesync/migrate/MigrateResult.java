package io.stagesync.migrate;

import java.util.Map;

/** How a migrate run (or rollback) ended, SUCCEEDED, PARTIAL, FAILED or CANCELLED, and its JSON-ready report. */
public record MigrateResult(String status, Map<String, Object> report) {

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }
}
