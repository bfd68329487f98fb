package io.stagesync.jobs;

import io.stagesync.config.InputQuote;

/**
 * A request the jobs service refuses: the HTTP status to answer, the field at fault (or null) and a clear message.
 */
public class JobRequestException extends RuntimeException {

    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    private static final int FIELD_QUOTE = InputQuote.MAX / 2;

    private final int status;
    private final String field;

    /** A field name taken from the request is cut short, as it is repeated in the message. */
    public JobRequestException(int status, String field, String message) {
        super(field == null ? message : InputQuote.of(field, FIELD_QUOTE) + ": " + message);
        this.status = status;
        this.field = field == null ? null : InputQuote.of(field, FIELD_QUOTE);
    }

    public static JobRequestException badField(String field, String message) {
        return new JobRequestException(BAD_REQUEST, field, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
