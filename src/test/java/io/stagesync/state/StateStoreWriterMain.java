package io.stagesync.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes to a state store the way a sync does, until it is killed: writers upsert id-map rows, entry states and
 * checkpoints in batches of ten (new rows and updates of older ones), and now and then one large batch, each in its
 * own transaction; after each commit a writer prints {@code committed <writer> <round> <rows>}. Arguments: JDBC URL,
 * generation (a number that keeps one process's rows apart from another's).
 */
public final class StateStoreWriterMain {

    static final int WRITERS = 3;
    static final int BATCH = 10;
    static final int LARGE = 2_000;

    private StateStoreWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        StateStore store = new StateStore(args[0], "sa", "kill-test", WRITERS + 1);
        IdMapRepository ids = new IdMapRepository(store.dataSource());
        EntryStateRepository states = new EntryStateRepository(store.dataSource());
        CheckpointStore checkpoints = new CheckpointStore(store.dataSource());
        String generation = args[1];
        String run = "run-" + generation;
        checkpoints.runStarted(run, "a", "b");
        System.out.println("open " + run);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> write(writer, generation, ids, states, checkpoints, run), "writer-" + w);
            t.start();
            writers.add(t);
        }
        for (Thread t : writers) {
            t.join();
        }
    }

    private static void write(int writer, String generation, IdMapRepository ids, EntryStateRepository states,
                              CheckpointStore checkpoints, String run) {
        Random random = new Random(writer);
        String model = model(writer);
        SyncCheckpoint checkpoint = SyncCheckpoint.start("a", "b", "entries", model, null);
        for (int round = 0; ; round++) {
            int size = round % 97 == 96 ? LARGE : BATCH;
            List<IdMapRepository.Mapping> rows = new ArrayList<>();
            List<EntryStateRepository.EntryState> entries = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                rows.add(new IdMapRepository.Mapping(model, sourceId(generation, round, k), targetId(generation, round, k), "hash-" + round));
                entries.add(new EntryStateRepository.EntryState(model, sourceId(generation, round, k), "[\"link-" + k + "\"]", "p", "p"));
            }
            if (round > 0) { // an update of an older row, as a rerun writes
                int old = random.nextInt(round);
                rows.add(new IdMapRepository.Mapping(model, sourceId(generation, old, 0), targetId(generation, old, 0), "rehash-" + round));
            }
            ids.saveAll("a", "b", rows);
            states.saveAll("a", "b", entries);
            checkpoint = checkpoint.next(sourceId(generation, round, size - 1), null, 0, false);
            checkpoints.save(run, checkpoint);
            synchronized (System.out) {
                System.out.println("committed " + writer + " " + round + " " + size);
            }
        }
    }

    static String model(int writer) {
        return "Model" + writer;
    }

    static String sourceId(String generation, int round, int k) {
        return "s-" + generation + "-" + round + "-" + k;
    }

    static String targetId(String generation, int round, int k) {
        return "t-" + generation + "-" + round + "-" + k;
    }
}
