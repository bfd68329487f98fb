package io.stagesync.sync;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws one progress bar per phase and model on a terminal ({@code entries:Hotel [#####.....] 500/1000}).
 */
public final class TerminalProgress implements SyncProgress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private String current;
    private long lastDone;
    private long lastTotal = -1;
    private long bytesDone = -1;
    private long bytesTotal;

    public TerminalProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void phaseStarted(String phase, long total) {
        finishLine();
        current = phase;
        draw(phase, 0, total);
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        if (!phase.equals(current)) {
            finishLine();
            current = phase;
        }
        draw(phase, done, total);
    }

    /** The asset phase's bytes moved so far, shown after its bar. */
    @Override
    public synchronized void bytes(long done, long total) {
        bytesDone = done;
        bytesTotal = total;
        if (current != null && current.startsWith("assets")) {
            draw(current, lastDone, lastTotal);
        }
    }

    @Override
    public synchronized void phaseFinished(String phase) {
        if (phase.equals(current)) {
            finishLine();
        }
    }

    @Override
    public synchronized void log(String level, String phase, String message) {
        if (!"INFO".equals(level)) {
            finishLine();
            out.println(level + " " + message);
        }
    }

    private void draw(String phase, long done, long total) {
        lastDone = done;
        lastTotal = total;
        int filled = total > 0 ? (int) Math.min(WIDTH, done * WIDTH / total) : 0;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String count = total >= 0 ? done + "/" + total : String.valueOf(done);
        String moved = phase.startsWith("assets") && bytesDone >= 0
                ? String.format(Locale.ROOT, "  %.1f/%.1f MB", bytesDone / 1e6, bytesTotal / 1e6) : "";
        out.print(String.format(Locale.ROOT, "\r%-28s [%s] %s%s   ", phase, bar, count, moved));
        out.flush();
    }

    private void finishLine() {
        if (current != null) {
            out.println();
            current = null;
        }
    }
}
