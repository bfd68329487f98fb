package io.stagesync.sync;

import io.stagesync.dialect.EntryWrite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** BatchWriter over an in-memory target: outcome per item, the id map of what was written, halving of refused batches. */
class BatchWriterTest {

    private final EngineFixture f = new EngineFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private List<EntryWrite> creates(SyncRun run, String... ids) {
        EntryWriteBuilder builder = new EntryWriteBuilder();
        return java.util.Arrays.stream(ids).map(id -> builder.create(run, new EntryWork("Destination", EntryWork.Action.CREATE,
                EngineFixture.destination(id, "D " + id), null, "hash-" + id, Map.of(), Map.of()))).toList();
    }

    @Test
    void should_map_the_written_entries_and_fail_only_the_item_the_target_refused() {
        // given
        SyncRun run = f.run(25);
        f.target.refuseItem("d2");

        // when
        BatchResult result = new BatchWriter(f.idMap, new TargetLookup(f.idMap)).write(run, creates(run, "d1", "d2", "d3"));

        // then
        assertThat(result.written()).containsOnlyKeys("d1", "d3");
        assertThat(result.created()).isEqualTo(2);
        assertThat(result.failures()).singleElement().satisfies(e -> assertThat(e.reason()).contains("value refused for d2"));
        assertThat(f.idMap.findModel("production", "staging", "Destination")).containsOnlyKeys("d1", "d3");
        assertThat(f.target.batches()).hasSize(1);
    }

    @Test
    void should_split_a_batch_refused_as_a_whole_until_the_entry_it_cannot_take_is_alone() {
        // given
        SyncRun run = f.run(25);
        f.target.refuseItem("d3").refuseWholeBatches();

        // when
        BatchResult result = new BatchWriter(f.idMap, new TargetLookup(f.idMap)).write(run, creates(run, "d1", "d2", "d3", "d4"));

        // then: [d1 d2 d3 d4] -> [d1 d2] ok, [d3 d4] -> [d3] refused, [d4] ok
        assertThat(result.written()).containsOnlyKeys("d1", "d2", "d4");
        assertThat(result.failures()).singleElement().satisfies(e -> {
            assertThat(e.sourceId()).isEqualTo("d3");
            assertThat(e.reason()).startsWith("target refused the write");
        });
        assertThat(f.target.batches()).extracting(List::size).containsExactly(4, 2, 2, 1, 1);
    }
}
