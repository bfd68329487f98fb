package io.stagesync.cli;

import io.stagesync.backup.BackupResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The backup command's summary says what a continued backup took from the stopped one instead of reading it again. */
class BackupCommandTest {

    @Test
    void should_name_the_entries_a_continued_backup_did_not_read_again() {
        // given
        BackupResult continued = result(true, Map.of("Review", 230L));
        BackupResult fresh = result(false, Map.of());

        // when
        String continuedSummary = BackupCommand.summary(continued);
        String freshSummary = BackupCommand.summary(fresh);

        // then
        assertThat(continuedSummary).contains("Backup clean-db/20261205T023000.000Z of production (continued)")
                .contains("  continued where the stopped backup was, not read again: {Review=230}\n");
        assertThat(freshSummary).doesNotContain("continued");
    }

    private static BackupResult result(boolean resumed, Map<String, Long> continued) {
        return new BackupResult("clean-db", "20261205T023000.000Z", "production", resumed, continued, Map.of("Review", 600L), 4, 10,
                2048, 8, 0, 4, 0, List.of(), 1200);
    }
}
