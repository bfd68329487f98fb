package io.stagesync.sync;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the run result map written by {@code --report}: status, how each phase ended, counts per model, requests per
 * stage, failed items, warnings, duration and peak heap.
 */
public final class SyncReportBuilder {

    public Map<String, Object> build(SyncRequest request, String runId, String status, SyncRun run, Map<String, Object> assets,
                                     Map<String, Long> requests, long durationMs, String error) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", status);
        report.put("runId", runId);
        report.put("source", request.source());
        report.put("target", request.target());
        report.put("plan", request.plan());
        report.put("full", request.full());
        if (error != null) {
            report.put("error", error);
        }
        if (run != null && run.mirrorReport() != null) {
            // a mirror's deletions come first: they are what a reader must not miss
            report.put("deletions", run.mirrorReport());
        }
        Map<String, Object> models = new LinkedHashMap<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        if (run != null) {
            run.allCounters().forEach((m, c) -> models.put(m, c.toReport(request.plan())));
            run.failures().forEach(f -> failed.add(failure(f.model(), f.sourceId(), f.reason())));
        }
        report.put("phases", run == null ? Map.of() : run.phases());
        report.put("models", models);
        if (assets != null) {
            Map<String, Object> counts = new LinkedHashMap<>(assets);
            Object assetFailures = counts.remove("failures");
            report.put("assets", counts);
            if (assetFailures instanceof List<?> list) {
                list.forEach(o -> {
                    if (o instanceof Map<?, ?> f) {
                        failed.add(failure("Asset", String.valueOf(f.get("sourceId")), String.valueOf(f.get("reason"))));
                    }
                });
            }
        }
        report.put("requests", requests);
        report.put("failed", failed);
        report.put("warnings", run == null ? List.of() : run.warnings());
        report.put("warningCount", run == null ? 0 : run.warningCount());
        report.put("durationMs", durationMs);
        report.put("peakHeapMb", peakHeapMb());
        return report;
    }

    private static Map<String, Object> failure(String model, String sourceId, String reason) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model", model);
        f.put("sourceId", sourceId);
        f.put("reason", reason);
        return f;
    }

    /** The sum of the heap pools' peak usage since the JVM started, in MB. */
    static long peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }
}
