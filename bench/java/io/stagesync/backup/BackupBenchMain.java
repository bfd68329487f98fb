package io.stagesync.backup;

import io.stagesync.assets.AssetSyncMain;
import io.stagesync.config.CamelBootstrap;
import io.stagesync.sync.SyncProgress;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One backup or restore in its own JVM (for heap-limited runs), on the application's own bootstrap:
 * {@code BackupBenchMain <config> backup <stage> <profile>} or {@code … restore <profile> <target>}. Prints
 * {@code REPORT <json>} with the result, its duration and the JVM's peak heap.
 */
public final class BackupBenchMain {

    private BackupBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = CamelBootstrap.of(Path.of(args[0]), Map.of()).createMain();
        main.start();
        int exit = 0;
        try {
            long start = System.nanoTime();
            Map<String, Object> report = new LinkedHashMap<>();
            if (args[1].equals("backup")) {
                BackupResult r = main.getCamelContext().getRegistry().lookupByNameAndType("backupService", BackupService.class)
                        .backup(args[2], args[3], SyncProgress.NONE);
                report.putAll(Manifest.asMap(r));
            } else {
                // the time of each phase (verify, schema, assets, entries, relations, publish …) from its start to its end
                Map<String, Long> phases = new java.util.concurrent.ConcurrentHashMap<>();
                Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
                SyncProgress timed = new SyncProgress() {
                    @Override
                    public void phaseStarted(String phase, long total) {
                        started.putIfAbsent(phase, System.nanoTime());
                    }

                    @Override
                    public void phaseFinished(String phase) {
                        Long t = started.remove(phase);
                        if (t != null) {
                            phases.merge(phase, (System.nanoTime() - t) / 1_000_000, Long::sum);
                        }
                    }
                };
                RestoreResult r = main.getCamelContext().getRegistry().lookupByNameAndType("restoreService", RestoreService.class)
                        .restore(args[2], "latest", args[3], List.of(), timed);
                report.put("phasesMs", new java.util.TreeMap<>(phases));
                report.put("syncMs", r.sync().report().get("durationMs"));
                report.put("status", r.status());
                report.put("models", r.sync().report().get("models"));
                report.put("requests", r.sync().report().get("requests"));
                exit = r.succeeded() ? 0 : 1;
            }
            report.put("wallMs", (System.nanoTime() - start) / 1_000_000);
            report.put("peakHeapMb", AssetSyncMain.peakHeapMb());
            System.out.println("REPORT " + Manifest.write(report).replace("\n", ""));
        } catch (RuntimeException e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            main.stop();
        }
        System.exit(exit);
    }
}
