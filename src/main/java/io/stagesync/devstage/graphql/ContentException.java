package io.stagesync.devstage.graphql;

/** A resolver error reported to the client as an {@code errors[]} entry with the field's path (HTTP 200). */
public class ContentException extends RuntimeException {
    public ContentException(String message) {
        super(message);
    }
}
