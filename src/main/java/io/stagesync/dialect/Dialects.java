package io.stagesync.dialect;

/**
 * The dialect of each configured stage, and the asset operations of the stages.
 */
public interface Dialects {

    /** The dialect of a configured stage; an unknown stage fails with a message naming the keys to set. */
    Dialect forStage(String stage);

    /** The asset operations (page, create for upload, status, metadata) of every stage. */
    AssetApi assets();

    /** Schema descriptions beyond {@link Dialect#describe()} and schema changes, for the stages that support them. */
    default SchemaAdmin schemaAdmin() {
        throw new UnsupportedOperationException("These stages do not support schema changes");
    }
}
