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
 * @param cms         the CMS the stage runs ({@code cms}): {@value #HYGRAPH} (the default) or {@value #DIRECTUS}
 * @param statusField the field holding an item's draft/published state, for a CMS without built-in publishing
 *                    ({@code status-field}, default {@code status}; its values {@code draft} and {@code published})
 */
public record StageConfig(String name, String contentApi, String token, boolean protectedStage,
                          String parent, double rateLimit, String cms, String statusField) {

    public static final String HYGRAPH = "hygraph";
    public static final String DIRECTUS = "directus";
    /** The values {@code stagesync.stages.<name>.cms} allows. */
    public static final java.util.List<String> CMS = java.util.List.of(HYGRAPH, DIRECTUS);

    /** A Hygraph stage. */
    public StageConfig(String name, String contentApi, String token, boolean protectedStage, String parent, double rateLimit) {
        this(name, contentApi, token, protectedStage, parent, rateLimit, HYGRAPH, "status");
    }

    @Override
    public String toString() {
        return "StageConfig[name=" + name + ", contentApi=" + contentApi + ", token=" + (token == null || token.isEmpty() ? "<none>" : "***")
                + ", protected=" + protectedStage + ", parent=" + parent + ", rateLimit=" + rateLimit + ", cms=" + cms + "]";
    }
}
