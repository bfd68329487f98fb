package io.stagesync.config;

/**
 * One configured stage: {@code stagesync.stages.<name>.*}.
 *
 * @param name        the stage name (the {@code <name>} in the keys)
 * @param contentApi  the content API URL ({@code content-api})
 * @param token       the bearer token ({@code token}, normally {@code {{env:…}}}); never logged
 * @param protectedStage true when the stage may never be a sync target ({@code protected})
 * @param parent      the only stage it may be synced from ({@code parent}), or null for any
 * @param rateLimit   requests per second allowed against it ({@code rate-limit}); 0 = unlimited
 */
public record StageConfig(String name, String contentApi, String token, boolean protectedStage,
                          String parent, double rateLimit) {

    @Override
    public String toString() {
        return "StageConfig[name=" + name + ", contentApi=" + contentApi + ", token=" + (token == null || token.isEmpty() ? "<none>" : "***")
                + ", protected=" + protectedStage + ", parent=" + parent + ", rateLimit=" + rateLimit + "]";
    }
}
