package io.stagesync.preflight;

/** A check before the first write refused a run: {@code subject} is the option or stage at fault. */
public class PreflightException extends RuntimeException {

    private final String subject;

    public PreflightException(String subject, String message) {
        super(message);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
