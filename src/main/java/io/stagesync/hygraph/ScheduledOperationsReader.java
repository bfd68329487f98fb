package io.stagesync.hygraph;

import io.stagesync.dialect.ScheduledChange;
import io.stagesync.dialect.StageRequestException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Hygraph stage's pending scheduled operations ({@code scheduledOperations(where: { status: PENDING })}),
 * page by page, with their release and affected documents; a stage whose schema has no scheduling has none.
 */
final class ScheduledOperationsReader {
    static final String PROBE = "query ScheduledOperationType { __type(name: \"ScheduledOperation\") { name } }";
    static final String PAGE = "query PendingScheduledOperations($skip: Int) { ops: scheduledOperations(where: { status: PENDING }, "
            + "first: 100, skip: $skip, stage: DRAFT) { id release { id title releaseAt } "
            + "affectedDocuments { __typename ... on Node { id } } } }";

    private ScheduledOperationsReader() {
    }

    @SuppressWarnings("unchecked")
    static List<ScheduledChange> pending(HygraphClient client, String stage) {
        Map<String, Object> type = (Map<String, Object>) data(client.execute(PROBE, null), stage).get("__type");
        List<ScheduledChange> found = new ArrayList<>();
        if (type == null) {
            return found;
        }
        List<Map<String, Object>> page;
        int read = 0;
        do {
            page = (List<Map<String, Object>>) data(client.execute(PAGE, Map.of("skip", read)), stage).get("ops");
            read += page.size();
            for (Map<String, Object> op : page) {
                Map<String, Object> release = op.get("release") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
                List<Map<String, Object>> documents = (List<Map<String, Object>>) op.get("affectedDocuments");
                for (Map<String, Object> d : documents.isEmpty() ? List.of(Map.<String, Object>of()) : documents) {
                    found.add(new ScheduledChange((String) op.get("id"), (String) d.get("__typename"), (String) d.get("id"),
                            (String) release.get("id"), (String) release.get("title"), (String) release.get("releaseAt")));
                }
            }
        } while (page.size() == 100);
        return found;
    }

    private static Map<String, Object> data(GraphQLResult result, String stage) {
        if (result.status() != 200 || result.hasErrors() || result.data() == null) {
            throw new StageRequestException(stage, result.status(), false, "stage '" + stage
                    + "' did not list its scheduled operations: HTTP " + result.status() + " " + result.errorMessages(), null);
        }
        return result.data();
    }
}
