package io.stagesync.dialect;

/**
 * A request to a stage failed for good: retries exhausted, or an answer that retrying cannot change.
 * {@code ambiguous} is true when the stage may have applied the request before failing (5xx, dropped
 * connection, timeout), so a non-idempotent write must be checked before it is sent again.
 */
public class StageRequestException extends RuntimeException {

    private final String stage;
    private final int status;
    private final boolean ambiguous;

    public StageRequestException(String stage, int status, boolean ambiguous, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.status = status;
        this.ambiguous = ambiguous;
    }

    public String stage() {
        return stage;
    }

    public int status() {
        return status;
    }

    public boolean ambiguous() {
        return ambiguous;
    }
}
