package io.stagesync.state;

import io.stagesync.config.ConfigValues;
import io.stagesync.testing.ChildApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded state store (an H2 file, with the default URL's settings) under SIGKILL: a child process that writes as a
 * sync does is killed at a random point, again and again on the same file. After each kill the store must open, hold
 * every transaction the child reported committed (those of earlier children too), and take new writes; every other
 * open ends in a clean close, which lets H2 compact the file before the next child.
 */
class StateStoreKillTest {

    private static final String PASSWORD = "kill-test";

    @TempDir
    Path dir;

    /** A commit a child reported: its generation (child), writer, round and rows. */
    private record Commit(int generation, int writer, int round, int rows) {
    }

    @Test
    void should_open_with_every_reported_commit_after_each_of_many_kills() throws Exception {
        // given: the default URL's settings on a file of this test; the kill points drawn from a printed seed
        // (-Dstagesync.kill.seed=<seed> repeats them)
        String url = ConfigValues.STATE_URL.replace("./data/stagesync", dir.resolve("stagesync").toString());
        long seed = Long.getLong("stagesync.kill.seed", System.nanoTime());
        int trials = Integer.getInteger("stagesync.state.kill.trials", 6);
        Random random = new Random(seed);
        System.out.println("State store kill points: seed=" + seed + " trials=" + trials);
        List<Commit> lastCommits = new ArrayList<>();

        for (int g = 0; g < trials; g++) {
            int generation = g;
            int after = 1 + random.nextInt(200);
            String where = "seed " + seed + ", child " + generation + " killed after " + after + " commits";

            // when: a child writes until it reported `after` commits, and is killed there (SIGKILL)
            List<Commit> reported;
            try (ChildApplication child = ChildApplication.startMain(StateStoreWriterMain.class.getName(), url, String.valueOf(generation))) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                        .until(() -> !child.alive() || commits(child.lines(), generation).size() >= after);
                child.kill();
                reported = commits(child.lines(), generation);
                assertThat(reported).as(where + "; its output: " + child.lines()).hasSizeGreaterThanOrEqualTo(after);
            }
            lastCommits.addAll(lastPerWriter(reported));

            // then: the store opens and holds each writer's last reported commit, of this child and every earlier one
            try (StateStore store = new StateStore(url, "sa", PASSWORD, 2)) {
                IdMapRepository ids = new IdMapRepository(store.dataSource());
                for (Commit c : lastCommits) {
                    List<String> sourceIds = new ArrayList<>();
                    for (int k = 0; k < c.rows(); k++) {
                        sourceIds.add(StateStoreWriterMain.sourceId(String.valueOf(c.generation()), c.round(), k));
                    }
                    Map<String, IdMapRepository.Mapping> found = ids.findAll("a", "b", StateStoreWriterMain.model(c.writer()), sourceIds);
                    assertThat(found).as(where + ": the rows of " + c).hasSize(c.rows());
                    assertThat(found.get(sourceIds.get(0)).targetId()).as(where)
                            .isEqualTo(StateStoreWriterMain.targetId(String.valueOf(c.generation()), c.round(), 0));
                }
                if (generation % 2 == 0) { // a write after the kill, then the clean close
                    ids.save("a", "b", new IdMapRepository.Mapping("After", "after-" + generation, "t-after-" + generation, "h"));
                    assertThat(ids.find("a", "b", "After", "after-" + generation)).as(where).isPresent();
                }
            }
        }
        System.out.println("State store after " + trials + " kills: " + Files.size(dir.resolve("stagesync.mv.db")) + " bytes");
    }

    private static List<Commit> commits(List<String> lines, int generation) {
        List<Commit> commits = new ArrayList<>();
        for (String line : List.copyOf(lines)) {
            String[] words = line.split(" ");
            if (words.length == 4 && words[0].equals("committed")) {
                commits.add(new Commit(generation, Integer.parseInt(words[1]), Integer.parseInt(words[2]), Integer.parseInt(words[3])));
            }
        }
        return commits;
    }

    private static List<Commit> lastPerWriter(List<Commit> commits) {
        Map<Integer, Commit> last = new TreeMap<>();
        for (Commit c : commits) {
            last.merge(c.writer(), c, (a, b) -> b.round() > a.round() ? b : a);
        }
        return List.copyOf(last.values());
    }
}
