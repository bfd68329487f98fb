package io.stagesync.migrate;

/**
 * One migration file, loaded as a route: the model it migrates, its version and name, the file (as given, for
 * messages), the SHA-256 of its text (a file changed after it was applied is noticed) and the route's endpoint.
 */
public record MigrationStep(String model, SemVer version, String name, String file, String hash, String endpoint) {

    /** {@code V1.2.0__split_name}, as the report and the state store name a step. */
    public String label() {
        return "V" + version + "__" + name;
    }
}
