package io.stagesync.assets;

/**
 * An asset that cannot be synced and must not be retried: a missing source file, a rejected upload,
 * an upload that never completes, a checksum mismatch.
 */
public class AssetFailedException extends RuntimeException {

    public AssetFailedException(String reason) {
        super(reason);
    }

    public AssetFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
