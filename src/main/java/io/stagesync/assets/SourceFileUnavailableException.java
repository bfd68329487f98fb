package io.stagesync.assets;

/**
 * The source file cannot be read and retrying will not help (404, another 4xx, an invalid URL): the asset fails,
 * and a target asset created for it just before is removed again.
 */
public class SourceFileUnavailableException extends AssetFailedException {

    public SourceFileUnavailableException(String reason) {
        super(reason);
    }

    public SourceFileUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
