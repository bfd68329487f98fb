package io.stagesync.assets;

import io.stagesync.sync.TerminalProgress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The sync command's terminal progress shows the asset phase's bytes next to its bar. */
class AssetProgressDisplayTest {

    @Test
    void should_show_the_bytes_moved_by_the_asset_phase() {
        // given
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(out, true, StandardCharsets.UTF_8));

        // when
        progress.phaseStarted("assets", 4);
        progress.progress("assets", 1, 4);
        progress.bytes(2_500_000, 10_000_000);

        // then
        String shown = out.toString(StandardCharsets.UTF_8);
        String last = shown.substring(shown.lastIndexOf('\r') + 1);
        assertThat(last).contains("1/4").contains("2.5/10.0 MB");
    }
}
