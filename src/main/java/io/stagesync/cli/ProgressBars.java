package io.stagesync.cli;

import io.stagesync.sync.SyncProgress;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Progress bars of a sync on a terminal: one per phase and model ({@code entries:Hotel}) with counts and rate,
 * redrawn in place at the bottom of the screen (JLine's status area); lines printed meanwhile (warnings, errors)
 * scroll above them, and a finished bar stays there as its final line.
 */
final class ProgressBars implements SyncProgress, AutoCloseable {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;
    static final String NOTHING_TO_DO = "nothing to do";

    private final Terminal terminal;
    private final Status status;
    private final boolean unicode;
    private final Map<String, Bar> active = new LinkedHashMap<>();
    private long lastDraw;
    private long bytesDone = -1;
    private long bytesTotal;

    ProgressBars(Terminal terminal) {
        this.terminal = terminal;
        this.status = Status.getStatus(terminal);
        this.unicode = StandardCharsets.UTF_8.equals(terminal.encoding());
    }

    @Override
    public synchronized void phaseStarted(String phase, long total) {
        active.put(phase, new Bar(total));
        draw(true);
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        Bar bar = active.computeIfAbsent(phase, p -> new Bar(total));
        bar.done = Math.max(bar.done, done);
        bar.total = total;
        draw(false);
    }

    @Override
    public synchronized void bytes(long done, long total) {
        bytesDone = done;
        bytesTotal = total;
        draw(false);
    }

    @Override
    public synchronized void phaseFinished(String phase) {
        Bar bar = active.remove(phase);
        if (bar != null) {
            if (bar.total >= 0) {
                bar.done = Math.max(bar.done, bar.total);
            }
            above(render(phase, bar));
        }
        draw(true);
    }

    /** Prints a line above the bars (a warning or an error of the log). */
    synchronized void above(String line) {
        // the status area keeps the bottom rows out of the scroll region: the line scrolls up above the bars
        terminal.writer().println(line);
        terminal.flush();
        draw(true);
    }

    /** Removes the bars, so what is printed next starts on a clean line. */
    @Override
    public synchronized void close() {
        active.clear();
        if (status != null) {
            status.update(List.of());
            status.close();
        }
        terminal.flush();
    }

    private void draw(boolean now) {
        long time = System.nanoTime();
        if (status == null || (!now && time - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = time;
        int rows = Math.max(1, terminal.getHeight() / 2);
        List<AttributedString> lines = new ArrayList<>();
        for (Map.Entry<String, Bar> e : active.entrySet()) {
            if (lines.size() < rows) {
                lines.add(new AttributedString(render(e.getKey(), e.getValue())));
            }
        }
        status.update(lines);
    }

    private String render(String phase, Bar bar) {
        // a phase with nothing to do (0 of 0) is drawn empty and says so
        int filled = bar.total > 0 ? (int) Math.min(WIDTH, bar.done * WIDTH / bar.total) : 0;
        String full = unicode ? "\u2588" : "#";
        String empty = unicode ? "\u2591" : ".";
        String count = bar.total == 0 ? NOTHING_TO_DO : bar.total > 0 ? bar.done + "/" + bar.total : String.valueOf(bar.done);
        double seconds = Math.max(0.001, (System.nanoTime() - bar.started) / 1e9);
        String moved = phase.startsWith("assets") && bytesDone >= 0
                ? String.format(Locale.ROOT, "  %.1f/%.1f MB", bytesDone / 1e6, bytesTotal / 1e6) : "";
        String line = String.format(Locale.ROOT, "%-24s %s%s %13s  %6.0f/s  %5.1fs%s", phase, full.repeat(filled),
                empty.repeat(WIDTH - filled), count, bar.done / seconds, seconds, moved);
        int width = terminal.getWidth();
        return width > 10 && line.length() >= width ? line.substring(0, width - 1) : line;
    }

    private static final class Bar {
        final long started = System.nanoTime();
        long done;
        long total;

        Bar(long total) {
            this.total = total;
        }
    }
}
