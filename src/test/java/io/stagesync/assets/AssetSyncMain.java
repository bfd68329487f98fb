package io.stagesync.assets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.config.CamelBootstrap;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the sync-assets phase once in its own JVM (for heap-limited runs), started by the application's own bootstrap: {@code AssetSyncMain <properties> <source> <target>}.
 * Prints {@code REPORT <json>} with the phase report, its duration and the JVM's peak heap.
 */
public final class AssetSyncMain {

    private AssetSyncMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        try (InputStream in = new FileInputStream(args[0])) {
            props.load(in);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        props.forEach((k, v) -> overrides.put(k.toString(), v.toString()));
        Main main = CamelBootstrap.of(null, overrides).createMain();
        main.start();
        int exit = 0;
        try {
            long start = System.nanoTime();
            Exchange run = main.getCamelTemplate().send("direct:sync-assets", e -> {
                e.setProperty("runId", "heap-limited");
                e.setProperty("sourceStage", args[1]);
                e.setProperty("targetStage", args[2]);
                e.setProperty("plan", false);
            });
            long durationMs = (System.nanoTime() - start) / 1_000_000;
            if (run.getException() != null) {
                run.getException().printStackTrace();
                exit = 2;
            } else {
                Map<String, Object> report = new LinkedHashMap<>(run.getMessage().getBody(Map.class));
                report.put("durationMs", durationMs);
                report.put("peakHeapMb", peakHeapMb());
                System.out.println("REPORT " + new ObjectMapper().writeValueAsString(report));
            }
        } finally {
            main.stop();
        }
        System.exit(exit);
    }

    /** The sum of the heap pools' peak use: an upper bound of the heap the run needed at once. */
    public static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
