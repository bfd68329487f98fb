package io.stagesync.assets;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Picks the upload strategy of a target stage ({@code stagesync.stages.<name>.asset-upload}), with a default.
 */
public final class AssetFileMovers {

    public static final String PRESIGNED_POST = "presigned-post";
    public static final String UPLOAD_URL = "upload-url";

    private final Map<String, String> modes;
    private final String defaultMode;
    private final Supplier<AssetFileMover> presignedPost;
    private final Supplier<AssetFileMover> uploadUrl;

    /**
     * {@code modes}: stage name to strategy name; stages not listed use {@code defaultMode}. The strategies are
     * supplied on first use, so a setup that never uses the transfer bucket needs no S3 settings.
     */
    public AssetFileMovers(Map<String, String> modes, String defaultMode, Supplier<AssetFileMover> presignedPost,
                           Supplier<AssetFileMover> uploadUrl) {
        check("stagesync.assets.upload", defaultMode);
        modes.forEach((stage, mode) -> check("stagesync.stages." + stage + ".asset-upload", mode));
        this.modes = Map.copyOf(modes);
        this.defaultMode = defaultMode;
        this.presignedPost = once(presignedPost);
        this.uploadUrl = once(uploadUrl);
    }

    /** Builds a strategy on first use and keeps it: one mover per strategy, so calls made at the same time can merge. */
    private static Supplier<AssetFileMover> once(Supplier<AssetFileMover> build) {
        return new Supplier<>() {
            private AssetFileMover mover;

            @Override
            public synchronized AssetFileMover get() {
                if (mover == null) {
                    mover = build.get();
                }
                return mover;
            }
        };
    }

    public AssetFileMover forStage(String stage) {
        return UPLOAD_URL.equals(modeOf(stage)) ? uploadUrl.get() : presignedPost.get();
    }

    public String modeOf(String stage) {
        return modes.getOrDefault(stage, defaultMode);
    }

    private static void check(String key, String mode) {
        if (!PRESIGNED_POST.equals(mode) && !UPLOAD_URL.equals(mode)) {
            throw new IllegalArgumentException(key + " must be " + PRESIGNED_POST + " or " + UPLOAD_URL + ", got: " + mode);
        }
    }
}
