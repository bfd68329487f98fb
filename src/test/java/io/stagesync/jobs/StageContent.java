package io.stagesync.jobs;

import io.stagesync.testing.DevstageExtension;

import java.util.Map;

/**
 * Reads what a devstage environment holds, over real HTTP, to check what a sync run wrote.
 */
final class StageContent {

    private StageContent() {
    }

    /** The number of entries of a model in the environment's DRAFT stage ({@code hotels}, {@code reviews}, ...). */
    static long count(DevstageExtension devstage, String environment, String pluralField) throws Exception {
        var answer = devstage.client().post(devstage.contentApiUrl(environment),
                "{ c: " + pluralField + "Connection(stage: DRAFT) { aggregate { count } } }");
        if (answer.status() != 200 || !answer.errors().isEmpty()) {
            throw new IllegalStateException("Count of " + pluralField + " in " + environment + " failed: " + answer.json());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> aggregate = (Map<String, Object>) answer.data("c").get("aggregate");
        return ((Number) aggregate.get("count")).longValue();
    }
}
