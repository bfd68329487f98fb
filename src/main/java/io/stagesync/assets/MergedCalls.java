package io.stagesync.assets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Merges the calls that threads make to one stage at the same time into one request (group commit, no timer): one
 * request per stage is under way at a time, and every call made meanwhile goes out together in the next one, up to
 * {@code max} calls per request. A lone call costs one request, as it would alone.
 *
 * @param <Q> what one call asks
 * @param <A> what it gets back
 */
final class MergedCalls<Q, A> {

    /** Sends the calls of one request; answers them in order, each with a value or its own failure. */
    interface Sender<Q, A> {
        List<Answer<A>> send(String stage, List<Q> calls);
    }

    /** One call's answer: a value, or the failure of that call alone. */
    record Answer<A>(A value, RuntimeException failure) {
        static <A> Answer<A> of(A value) {
            return new Answer<>(value, null);
        }

        static <A> Answer<A> failed(RuntimeException failure) {
            return new Answer<>(null, failure);
        }
    }

    private final int max;
    private final Sender<Q, A> sender;
    private final Map<String, StageQueue> stages = new ConcurrentHashMap<>();

    MergedCalls(int max, Sender<Q, A> sender) {
        this.max = max;
        this.sender = sender;
    }

    /** Makes one call, merged with whatever other threads ask of the same stage at the same time. */
    A call(String stage, Q call) {
        return stages.computeIfAbsent(stage, StageQueue::new).call(call);
    }

    private final class StageQueue {
        private final String stage;
        private final Queue<Pending<Q, A>> queued = new ConcurrentLinkedQueue<>();
        private final Object sending = new Object();

        StageQueue(String stage) {
            this.stage = stage;
        }

        A call(Q call) {
            Pending<Q, A> mine = new Pending<>(call, new CompletableFuture<>());
            queued.add(mine);
            while (!mine.answer().isDone()) {
                synchronized (sending) {
                    if (!mine.answer().isDone()) {
                        send(take());
                    }
                }
            }
            try {
                return mine.answer().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        /** The oldest queued calls, as many as one request may carry. */
        private List<Pending<Q, A>> take() {
            List<Pending<Q, A>> batch = new ArrayList<>();
            for (Pending<Q, A> next; batch.size() < max && (next = queued.poll()) != null; ) {
                batch.add(next);
            }
            return batch;
        }

        private void send(List<Pending<Q, A>> batch) {
            try {
                List<Answer<A>> answers = sender.send(stage, batch.stream().map(Pending::call).toList());
                if (answers.size() != batch.size()) {
                    throw new IllegalStateException(batch.size() + " calls got " + answers.size() + " answers from stage " + stage);
                }
                for (int i = 0; i < batch.size(); i++) {
                    Answer<A> answer = answers.get(i);
                    if (answer.failure() != null) {
                        batch.get(i).answer().completeExceptionally(answer.failure());
                    } else {
                        batch.get(i).answer().complete(answer.value());
                    }
                }
            } catch (RuntimeException e) {
                batch.forEach(p -> p.answer().completeExceptionally(e));
            }
        }
    }

    private record Pending<Q, A>(Q call, CompletableFuture<A> answer) {
    }
}
