package io.stagesync.assets;

/**
 * A failure worth retrying with backoff: a 429 or 5xx, a timeout, a dropped connection, an unreachable bucket.
 */
public class AssetTransientException extends RuntimeException {

    public AssetTransientException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public AssetTransientException(String reason) {
        super(reason);
    }
}
