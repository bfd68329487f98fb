package io.stagesync.sync;

import io.stagesync.dialect.SourceEntry;
import io.stagesync.state.SyncCheckpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PageCommitter on a real (in-memory H2) state store: state per written entry, then the checkpoint and watermark. */
class PageCommitterTest {

    private final EngineFixture f = new EngineFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void should_save_the_pending_links_and_publish_state_of_written_entries_then_the_checkpoint() {
        // given: h1 written with a link still pending, h2 failed
        SyncRun run = f.run(25);
        SourceEntry h1 = EngineFixture.hotel("h1", "One", List.of("r9"));
        SourceEntry h2 = EngineFixture.hotel("h2", "Two", List.of());
        List<EntryWork> works = List.of(
                new EntryWork("Hotel", EntryWork.Action.CREATE, h1, null, "a", Map.of(), Map.of("reviews", List.of("r9"))),
                new EntryWork("Hotel", EntryWork.Action.CREATE, h2, null, "b", Map.of(), Map.of()));
        BatchResult written = new BatchResult(Map.of("h1", "t1"), List.of(new EntryFailure("Hotel", "h2", "refused")), 1, 0);
        SyncCheckpoint start = SyncCheckpoint.start("production", "staging", EntryPageReader.PHASE, "Hotel", null);
        EntryPage page = new EntryPage("Hotel", List.of(h1, h2), "2", false, 2, "2024-01-02T00:00:00Z", 1, -1, -1);

        // when
        SyncCheckpoint next = new PageCommitter(f.checkpoints, f.states, f.idMap, new PublishStateReconciler(f.states, f.idMap))
                .commit(run, start, page, works, List.of(written));

        // then
        assertThat(next.cursor()).isEqualTo("2");
        assertThat(next.done()).isTrue();
        assertThat(next.failed()).isEqualTo(1);
        assertThat(f.states.withPendingLinks("production", "staging", "Hotel")).singleElement()
                .satisfies(s -> assertThat(s.pendingLinks()).isEqualTo("{\"reviews\":[\"r9\"]}"));
        assertThat(f.states.withPublishChange("production", "staging", "Hotel")).extracting(s -> s.sourceId()).containsExactly("h1");
        assertThat(f.checkpoints.load(run.runId(), EntryPageReader.PHASE)).containsKey("Hotel");
        assertThat(f.checkpoints.watermark("production", "staging", "Hotel")).as("no watermark after a failed entry").isEmpty();
        assertThat(run.counters("Hotel").created.get()).isEqualTo(1);
    }
}
