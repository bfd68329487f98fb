package io.stagesync.assets;

/**
 * Admits one GraphQL request to a stage when its rate limit allows; shared by every caller of that stage.
 */
@FunctionalInterface
public interface RequestGate {

    /** Blocks until a request to {@code stage} may be sent. */
    void acquire(String stage);

    RequestGate OPEN = stage -> { };
}
