package io.stagesync.sync;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary a sync prints: the assets' counts as key=value, like the models' lines. */
class SyncSummaryPrinterTest {

    @Test
    void should_print_the_assets_counts_as_key_value_pairs() {
        // given
        Map<String, Object> assets = new LinkedHashMap<>();
        assets.put("read", 10L);
        assets.put("created", 10L);
        assets.put("failed", 0L);
        assets.put("published", 7L);
        assets.put("bytes", 2048L);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("source", "production");
        report.put("target", "staging");
        report.put("durationMs", 12);
        report.put("models", Map.of());
        report.put("assets", assets);
        report.put("requests", Map.of());
        report.put("failed", List.of());
        report.put("warnings", List.of());

        // when
        String summary = new SyncSummaryPrinter().print(new SyncResult("SUCCEEDED", report));

        // then
        assertThat(summary.lines().filter(l -> l.startsWith("  assets"))).containsExactly(
                "  assets           read=10 created=10 failed=0 published=7 bytes=2048");
    }

    @Test
    void should_print_a_mirrors_deletions_before_the_models_with_at_most_twenty_ids_per_model() {
        // given: a plan of a mirror that would delete 25 hotels and an asset
        List<String> hotels = java.util.stream.IntStream.range(0, 25).mapToObj(i -> "h" + i).toList();
        Map<String, Object> deletions = new LinkedHashMap<>();
        deletions.put("count", 26L);
        deletions.put("deleted", false);
        deletions.put("reason", "plan only");
        deletions.put("entries", Map.of("Hotel", hotels, "Asset", List.of("a1")));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("source", "production");
        report.put("target", "staging");
        report.put("plan", true);
        report.put("durationMs", 12);
        report.put("deletions", deletions);
        report.put("models", Map.of("Hotel", Map.of("created", 0L, "updated", 0L, "unchanged", 5L, "delete", 25L)));
        report.put("requests", Map.of());
        report.put("failed", List.of());
        report.put("warnings", List.of());

        // when
        List<String> lines = new SyncSummaryPrinter().print(new SyncResult("SUCCEEDED", report)).lines().toList();

        // then
        assertThat(lines.get(1)).isEqualTo("  mirror: 26 to delete, not deleted (plan only)");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("    Hotel          25: h0, h1,").endsWith("h19, ... (all in --report)"));
        assertThat(lines).contains("    Asset          1: a1");
        assertThat(lines.indexOf("    Asset          1: a1")).isLessThan(lines.indexOf(lines.stream().filter(l -> l.startsWith("  Hotel")).findFirst().orElseThrow()));
        assertThat(lines.get(lines.size() - 1)).contains("what the mirror would delete");
    }
}
