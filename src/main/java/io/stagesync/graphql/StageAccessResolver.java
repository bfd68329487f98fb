package io.stagesync.graphql;

import io.stagesync.config.StageConfig;
import io.stagesync.config.StageRegistry;

/** Gives the content API URL and the {@code Authorization} header value of a configured stage. */
public final class StageAccessResolver {

    private final StageRegistry stages;

    public StageAccessResolver(StageRegistry stages) {
        this.stages = stages;
    }

    public String contentApiFor(String stage) {
        return stages.get(stage).contentApi();
    }

    /** {@code Bearer <token>}; the value is a secret and is never logged. */
    public String authorizationFor(String stage) {
        StageConfig config = stages.get(stage);
        if (config.token() == null) {
            throw new IllegalStateException("stagesync.stages." + stage + ".token is empty: set the environment variable "
                    + "named in its {{env:…}} placeholder (for example STAGESYNC_" + stage.toUpperCase().replace('-', '_') + "_TOKEN)");
        }
        return "Bearer " + config.token();
    }
}
