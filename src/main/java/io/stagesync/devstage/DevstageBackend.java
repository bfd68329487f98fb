package io.stagesync.devstage;

/** The content API together with the environment administration the server needs (create, seed, page size). */
public interface DevstageBackend extends ContentApi {

    /** Creates an environment with the given model definition (JSON); no-op for an existing one is up to the backend. */
    void createEnvironment(String name, String modelDefinitionJson);

    /** Fills an environment with deterministic demo content of the given size. */
    void seedDemo(String environment, int size);

    void setMaxPageSize(int maxPageSize);

    /**
     * Fills the empty environment {@code target} with a copy of {@code source}'s content, both stages, ids kept,
     * asset files included: what an environment cloned from another with its content holds in Hygraph.
     */
    void copyContent(String source, String target);

    /** The model definition (JSON) an environment serves now. */
    String modelDefinition(String environment);

    /**
     * Creates {@code target} as a clone of {@code source}: same schema, content of both stages with the same ids,
     * asset files included, as Hygraph's clone of an environment with content.
     */
    void cloneEnvironment(String source, String target);

    /**
     * Applies a batch of Management API schema changes to an environment, all or nothing: on success the content API
     * serves the new schema at once; on failure an {@code IllegalArgumentException} names the change at fault and
     * the environment is unchanged.
     */
    void migrate(String environment, java.util.List<java.util.Map<String, Object>> changes);
}
