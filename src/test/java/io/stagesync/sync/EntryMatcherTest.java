package io.stagesync.sync;

import io.stagesync.dialect.SourceEntry;
import io.stagesync.state.IdMapRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** EntryMatcher over an in-memory target: create, update or skip per entry, and the links that must wait. */
class EntryMatcherTest {

    private final EngineFixture f = new EngineFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private EntryMatcher matcher() {
        return new EntryMatcher(f.idMap, new TargetLookup(f.idMap), new TargetDriftCheck(f.states, f.idMap));
    }

    @Test
    void should_skip_an_unchanged_entry_update_a_changed_one_and_create_a_new_one() {
        // given: h1 synced with its current content, h2 synced before an edit, h3 never synced
        SyncRun run = f.run(25);
        SourceEntry h1 = EngineFixture.hotel("h1", "One", List.of());
        SourceEntry h2 = EngineFixture.hotel("h2", "Two edited", List.of());
        SourceEntry h3 = EngineFixture.hotel("h3", "Three", List.of());
        EntryHasher hasher = new EntryHasher();
        f.idMap.saveAll("production", "staging", List.of(new IdMapRepository.Mapping("Hotel", "h1", "t-h1", hasher.hash(h1)),
                new IdMapRepository.Mapping("Hotel", "h2", "t-h2", "old-hash")));
        EntryPage page = new EntryPage("Hotel", List.of(h1, h2, h3), "3", false, 3, null, 1, -1, -1);

        // when
        List<EntryWork> works = matcher().match(run, page);

        // then
        assertThat(works).extracting(EntryWork::action).containsExactly(EntryWork.Action.SKIP, EntryWork.Action.UPDATE, EntryWork.Action.CREATE);
        assertThat(works).extracting(EntryWork::targetId).containsExactly("t-h1", "t-h2", null);
        assertThat(matcher().changes(works)).extracting(EntryWork::sourceId).containsExactly("h2", "h3");
    }

    @Test
    void should_find_an_entry_the_id_map_does_not_know_by_its_stored_source_id_in_the_target() {
        // given: the target already holds h1's copy (a run that crashed before saving its id map)
        SyncRun run = f.run(25);
        f.target.with("Hotel", new SourceEntry("t-7", null, null, Map.of("syncSourceId", "h1"), Map.of(), Map.of(), null));
        EntryPage page = new EntryPage("Hotel", List.of(EngineFixture.hotel("h1", "One", List.of())), "1", false, 1, null, 1, -1, -1);

        // when
        List<EntryWork> works = matcher().match(run, page);

        // then
        assertThat(works).singleElement().satisfies(w -> {
            assertThat(w.action()).isEqualTo(EntryWork.Action.UPDATE);
            assertThat(w.targetId()).isEqualTo("t-7");
        });
    }

    @Test
    void should_resolve_mapped_links_and_leave_the_others_pending_once() {
        // given: review r1 is mapped, r2 is not
        SyncRun run = f.run(25);
        f.idMap.saveAll("production", "staging", List.of(new IdMapRepository.Mapping("Review", "r1", "t-r1", "x")));
        EntryPage page = new EntryPage("Hotel", List.of(EngineFixture.hotel("h1", "One", List.of("r1", "r2"))), "1", false, 1, null, 1, -1, -1);

        // when
        EntryWork work = matcher().match(run, page).get(0);

        // then
        assertThat(work.linkIds()).isEqualTo(Map.of("r1", "t-r1"));
        assertThat(work.pendingLinks()).isEqualTo(Map.of("reviews", List.of("r1", "r2")));
        assertThat(PageCommitter.pendingJson(work)).isEqualTo("{\"reviews\":[\"r1\",\"r2\"]}");
    }
}
