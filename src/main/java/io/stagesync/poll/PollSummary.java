package io.stagesync.poll;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result of one poll of a stage: the count of every model and the totals.
 *
 * @param stage  the stage polled
 * @param models the count per model, in the order polled
 */
public record PollSummary(String stage, List<ModelCount> models) {

    public PollSummary {
        models = List.copyOf(models);
    }

    public static PollSummary of(String stage, List<ModelCount> models) {
        return new PollSummary(stage, models);
    }

    public long entries() {
        return models.stream().mapToLong(ModelCount::entries).sum();
    }

    public long pages() {
        return models.stream().mapToLong(ModelCount::pages).sum();
    }

    /** Entries per model apiId. */
    public Map<String, Long> entriesByModel() {
        return models.stream().collect(Collectors.toMap(ModelCount::model, ModelCount::entries, (a, b) -> a + b,
                java.util.TreeMap::new));
    }

    /** One line per model and a total line, for the terminal. */
    public String toText() {
        StringBuilder text = new StringBuilder("Polled stage ").append(stage).append('\n');
        for (ModelCount m : models) {
            text.append(String.format("  %-20s %8d entries %5d pages%n", m.model(), m.entries(), m.pages()));
        }
        text.append(String.format("  %-20s %8d entries %5d pages%n", "total", entries(), pages()));
        return text.toString();
    }
}
