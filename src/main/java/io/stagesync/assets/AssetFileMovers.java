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
    private final java.util.function.Predicate<String> takesFiles;
    private final Supplier<AssetFileMover> streamed;

    /**
     * {@code modes}: stage name to strategy name; stages not listed use {@code defaultMode}. The strategies are
     * supplied on first use, so a setup that never uses the transfer bucket needs no S3 settings.
     */
    public AssetFileMovers(Map<String, String> modes, String defaultMode, Supplier<AssetFileMover> presignedPost,
                           Supplier<AssetFileMover> uploadUrl) {
        this(modes, defaultMode, presignedPost, uploadUrl, stage -> false, () -> null);
    }

    /**
     * As above; stages for which {@code takesFiles} holds (their CMS takes the file in the request that creates the
     * asset) use the {@code streamed} strategy whatever their mode says.
     */
    public AssetFileMovers(Map<String, String> modes, String defaultMode, Supplier<AssetFileMover> presignedPost,
                           Supplier<AssetFileMover> uploadUrl, java.util.function.Predicate<String> takesFiles,
                           Supplier<AssetFileMover> streamed) {
        check("stagesync.assets.upload", defaultMode);
        modes.forEach((stage, mode) -> check("stagesync.stages." + stage + ".asset-upload", mode));
        this.modes = Map.copyOf(modes);
        this.defaultMode = defaultMode;
        this.presignedPost = once(presignedPost);
        this.uploadUrl = once(uploadUrl);
        this.takesFiles = takesFiles;
        this.streamed = once(streamed);
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
        if (takesFiles.test(stage)) {
            return streamed.get();
        }
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
