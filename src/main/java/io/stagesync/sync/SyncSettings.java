package io.stagesync.sync;

import java.util.Map;

/**
 * The sync engine's settings ({@code stagesync.sync.*} and {@code stagesync.match.*}), validated on construction.
 *
 * @param batchSize      aliased mutations per write request
 * @param pageSize       entries per read page (the stage's maximum is 100)
 * @param pagesPerStep   source pages written together before their checkpoint (more writes in flight)
 * @param publishBatch   ids per bulk publish request
 * @param sourceIdField  unique field that stores the source id in the target, blank for none
 * @param matchFields    unique business key per model
 * @param documentsDir   folder of per-model read document overrides ({@code <Model>.graphql})
 */
public record SyncSettings(int batchSize, int pageSize, int pagesPerStep, int publishBatch, String sourceIdField,
                           Map<String, String> matchFields, String documentsDir) {

    public SyncSettings {
        if (batchSize < 1 || batchSize > 500) {
            throw new IllegalArgumentException("stagesync.sync.batch-size must be 1..500, got: " + batchSize);
        }
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("stagesync.sync.page-size must be 1..100, got: " + pageSize);
        }
        if (pagesPerStep < 1 || pagesPerStep > 10) {
            throw new IllegalArgumentException("stagesync.sync.pages-per-step must be 1..10, got: " + pagesPerStep);
        }
        if (publishBatch < 1 || publishBatch > 100) {
            throw new IllegalArgumentException("stagesync.sync.publish-batch must be 1..100, got: " + publishBatch);
        }
        matchFields = Map.copyOf(matchFields);
    }

    /** A copy with a different batch size (a run's {@code batchSize} option). */
    public SyncSettings withBatchSize(int size) {
        return new SyncSettings(size, pageSize, pagesPerStep, publishBatch, sourceIdField, matchFields, documentsDir);
    }
}
