package io.stagesync.assets;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferSlotsTest {

    @Test
    void should_let_no_more_transfers_run_at_once_than_it_has_slots() throws Exception {
        // given
        TransferSlots slots = new TransferSlots(3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        // when
        for (int i = 0; i < 20; i++) {
            int n = i;
            done.add(threads.submit(() -> {
                start.await();
                return slots.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(30);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    running.decrementAndGet();
                    return n;
                });
            }));
        }
        start.countDown();
        // then
        for (int i = 0; i < done.size(); i++) {
            assertThat(done.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
        }
        threads.shutdown();
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void should_free_the_slot_of_a_failed_transfer() {
        // given
        TransferSlots slots = new TransferSlots(1);
        // when
        assertThatThrownBy(() -> slots.run(() -> {
            throw new AssetFailedException("source 404");
        })).hasMessage("source 404");
        // then
        assertThat(slots.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void should_refuse_fewer_than_one_slot() {
        assertThatThrownBy(() -> new TransferSlots(0)).hasMessageContaining("stagesync.assets.parallel-transfers")
                .hasMessageContaining("0");
    }
}
