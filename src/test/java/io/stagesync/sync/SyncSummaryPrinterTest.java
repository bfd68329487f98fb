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
}
