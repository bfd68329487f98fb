package io.stagesync.state;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncCheckpointTest {

    @Test
    void should_read_back_every_shape_it_writes() {
        // given
        SyncCheckpoint fresh = SyncCheckpoint.start("production", "staging", "entries", "Hotel", null);
        SyncCheckpoint incremental = SyncCheckpoint.start("production", "staging", "entries", "Review", "2024-05-01T00:00:00Z")
                .next("c1", "2024-06-01T00:00:00Z", 2, 1, false).next("c2", null, 0, true);

        // when
        List<SyncCheckpoint> read = List.of(SyncCheckpoint.fromJson(fresh.toJson()), SyncCheckpoint.fromJson(incremental.toJson()));

        // then
        assertThat(read).containsExactly(fresh, incremental);
        assertThat(incremental.pages()).isEqualTo(3);
        assertThat(incremental.cursor()).isEqualTo("c2");
        assertThat(incremental.windowEnd()).isEqualTo("2024-06-01T00:00:00Z");
        assertThat(incremental.failed()).isEqualTo(1);
    }

    @Test
    void should_refuse_a_checkpoint_of_an_unknown_version() {
        // given
        String json = SyncCheckpoint.start("a", "b", "entries", "Hotel", null).toJson().replace("\"version\":1", "\"version\":9");

        // when / then
        assertThatThrownBy(() -> SyncCheckpoint.fromJson(json)).hasMessageContaining("Unsupported checkpoint version 9");
    }
}
