package io.stagesync.cli;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The bars drawn for a sync on an xterm: counts, the asset phase's bytes, and a finished bar left above. */
class ProgressBarsTest {

    @Test
    void should_show_counts_bytes_and_leave_a_finished_bar_above_the_live_ones() throws Exception {
        // given
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        // an xterm on streams (no pty): what is drawn is in the stream at once
        try (Terminal terminal = new ExternalTerminal("test", "xterm-256color", new ByteArrayInputStream(new byte[0]), screen,
                StandardCharsets.UTF_8); ProgressBars bars = new ProgressBars(sized(terminal))) {

            // when
            bars.phaseStarted("assets", 4);
            bars.phaseStarted("publish:Hotel", 200);
            bars.progress("assets", 1, 4);
            bars.bytes(2_500_000, 10_000_000);
            bars.phaseFinished("assets");
            bars.progress("publish:Hotel", 100, 200);
            bars.above("WARN  a warning");
            bars.phaseFinished("publish:Hotel");
        }

        // then
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("4/4").contains("2.5/10.0 MB").contains("100/200").contains("200/200").contains("WARN  a warning");
        assertThat(shown.indexOf("publish:Hotel")).isLessThan(shown.lastIndexOf("200/200"));
    }

    @Test
    void should_draw_a_phase_with_nothing_to_do_empty_and_say_so() throws Exception {
        // given
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new ExternalTerminal("test", "xterm", new ByteArrayInputStream(new byte[0]), screen,
                StandardCharsets.US_ASCII); ProgressBars bars = new ProgressBars(sized(terminal))) {

            // when
            bars.phaseStarted("drafts:Hotel", 0);
            bars.phaseFinished("drafts:Hotel");
        }

        // then: no filled cell on the line, which says there was nothing to do
        String line = screen.toString(StandardCharsets.US_ASCII).lines().filter(l -> l.contains("drafts:Hotel")).reduce((a, b) -> b).orElseThrow();
        assertThat(line).contains(".".repeat(30)).contains(ProgressBars.NOTHING_TO_DO).doesNotContain("#");
    }

    private static Terminal sized(Terminal terminal) {
        terminal.setSize(new Size(120, 30));
        return terminal;
    }
}
