package io.stagesync.sync;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a run result for people: per model counts (or, for a plan, what would be created, updated, skipped and
 * deleted), the assets' counts, how every phase ended, requests per stage, failed items and warnings.
 */
public final class SyncSummaryPrinter {

    private static final int LISTED = 20;

    @SuppressWarnings("unchecked")
    public String print(SyncResult result) {
        Map<String, Object> r = result.report();
        boolean plan = Boolean.TRUE.equals(r.get("plan"));
        StringBuilder sb = new StringBuilder();
        sb.append(plan ? "Plan " : "Sync ").append(r.get("source")).append(" -> ").append(r.get("target"))
                .append(": ").append(result.status()).append(" in ").append(r.get("durationMs")).append(" ms\n");
        if (r.get("error") != null) {
            sb.append("  error: ").append(r.get("error")).append('\n');
        }
        if (r.get("deletions") instanceof Map<?, ?> d) {
            printDeletions(sb, (Map<String, Object>) d);
        }
        ((Map<String, Map<String, Object>>) r.get("models")).forEach((model, c) -> sb.append(plan
                ? String.format(Locale.ROOT, "  %-16s create=%-6s update=%-6s skip=%-6s delete=%s%n", model, c.get("created"),
                c.get("updated"), c.get("unchanged"), c.get("delete"))
                : String.format(Locale.ROOT, "  %-16s read=%-6s created=%-6s updated=%-6s unchanged=%-6s failed=%-4s relations=%-6s "
                        + "published=%-6s unpublished=%-6s drafts=%s%n", model, c.get("read"), c.get("created"), c.get("updated"),
                c.get("unchanged"), c.get("failed"), c.get("relationsWritten"), c.get("published"), c.get("unpublished"), c.get("drafts"))));
        if (r.get("assets") instanceof Map<?, ?> a) {
            // the counts as key=value like the models' lines; an error of the phase is in the run's error line
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-16s", "assets"));
            a.forEach((k, v) -> {
                if (!"error".equals(k)) {
                    line.append(' ').append(k).append('=').append(v);
                }
            });
            sb.append(line).append('\n');
        }
        Map<String, String> phases = (Map<String, String>) r.getOrDefault("phases", Map.of());
        if (!phases.isEmpty()) {
            StringBuilder line = new StringBuilder();
            phases.forEach((phase, outcome) -> line.append(line.length() == 0 ? "" : "; ").append(phase).append('=').append(outcome));
            sb.append("  phases: ").append(line).append('\n');
        }
        sb.append("  requests ").append(r.get("requests")).append('\n');
        List<Map<String, Object>> failed = (List<Map<String, Object>>) r.get("failed");
        if (!failed.isEmpty()) {
            sb.append("  failed items (").append(failed.size()).append("):\n");
            failed.stream().limit(LISTED).forEach(f -> sb.append("    ").append(f.get("model")).append(' ')
                    .append(f.get("sourceId")).append(": ").append(f.get("reason")).append('\n'));
            if (failed.size() > LISTED) {
                sb.append("    ... and ").append(failed.size() - LISTED).append(" more (all in --report)\n");
            }
        }
        List<String> warnings = (List<String>) r.get("warnings");
        if (!warnings.isEmpty()) {
            sb.append("  warnings (").append(r.get("warningCount")).append("):\n");
            warnings.stream().limit(LISTED).forEach(w -> sb.append("    ").append(w).append('\n'));
        }
        if (plan) {
            sb.append(r.containsKey("deletions") ? "  (plan only: nothing was written or deleted; delete counts what the mirror would delete)\n"
                    : "  (plan only: nothing was written; delete counts target entries whose source is gone, which a sync never deletes)\n");
        }
        return sb.toString();
    }

    /** A mirror's deletions: done or not (and why), the backup taken first, then the ids by model. */
    @SuppressWarnings("unchecked")
    private static void printDeletions(StringBuilder sb, Map<String, Object> d) {
        sb.append("  mirror: ").append(d.get("count")).append(Boolean.TRUE.equals(d.get("deleted")) ? " deleted" : " to delete, not deleted ("
                + d.get("reason") + ")");
        if (d.get("backup") != null) {
            sb.append(", backup ").append(d.get("backup"));
        }
        sb.append('\n');
        ((Map<String, List<String>>) d.get("entries")).forEach((model, ids) -> {
            if (!ids.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "    %-14s %d: %s%s%n", model, ids.size(), String.join(", ", ids.subList(0,
                        Math.min(LISTED, ids.size()))), ids.size() > LISTED ? ", ... (all in --report)" : ""));
            }
        });
    }
}
