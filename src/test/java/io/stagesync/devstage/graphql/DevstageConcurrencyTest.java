package io.stagesync.devstage.graphql;

import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

class DevstageConcurrencyTest {
    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @Test
    void should_keep_every_write_and_both_relation_sides_under_parallel_requests() throws Exception {
        // given
        ContentApiFixture fx = ContentApiFixture.on(devstage);
        fx.createDestination("hub");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<List<String>>> writers = new ArrayList<>();
        // when
        for (int t = 0; t < 4; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ids.add(fx.createHotel("p-" + thread + "-" + i, ", destination: { connect: { slug: \"hub\" } }"));
                }
                return ids;
            }));
        }
        List<Future<Integer>> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            readers.add(pool.submit(() -> {
                int seen = 0;
                for (int i = 0; i < 20; i++) {
                    seen = Math.max(seen, ((List<?>) at(fx.data("{ hotels(stage: DRAFT, first: 100) { id destination { slug } } }"), "hotels")).size());
                }
                return seen;
            }));
        }
        List<String> created = new ArrayList<>();
        for (Future<List<String>> w : writers) {
            created.addAll(w.get());
        }
        for (Future<Integer> r : readers) {
            assertThat(r.get()).isBetween(0, 80);
        }
        pool.shutdown();
        // then
        assertThat(created).hasSize(80).doesNotHaveDuplicates();
        Map<String, Object> data = fx.data("{ hotelsConnection(stage: DRAFT) { aggregate { count } } destination(where: { slug: \"hub\" }, stage: DRAFT) { hotels(first: 100) { id } } }");
        assertThat((Integer) at(data, "hotelsConnection", "aggregate", "count")).isEqualTo(80);
        List<Map<String, Object>> linked = at(data, "destination", "hotels");
        assertThat(linked).extracting(h -> (String) h.get("id")).containsExactlyInAnyOrderElementsOf(created);
    }
}
