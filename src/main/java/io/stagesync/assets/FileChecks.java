package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

/**
 * The checks that fail an asset whose bytes did not arrive whole.
 */
final class FileChecks {

    private FileChecks() {
    }

    static void requireLength(AssetApi.SourceAsset asset, long expected, long actual) {
        if (expected >= 0 && expected != actual) {
            throw new AssetFailedException("checksum mismatch: source declared " + expected + " bytes, " + actual
                    + " arrived id=" + asset.id() + " url=" + HttpStatusFailures.stripQuery(asset.url()));
        }
    }

    static void requireTargetSize(AssetApi.TargetAsset target, long sent) {
        if (target.size() != null && target.size() != sent) {
            throw new AssetFailedException("checksum mismatch: target stored " + target.size() + " bytes of " + sent
                    + " sent id=" + target.id());
        }
    }
}
