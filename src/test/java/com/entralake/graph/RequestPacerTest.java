package com.entralake.graph;

import org.junit.jupiter.api.Test;

import com.entralake.catalog.ThrottleClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RequestPacerTest {

    final FakeTime time = new FakeTime();
    final RequestPacer pacer = new RequestPacer(java.util.Map.of(), time, time);

    @Test
    void neverMoreThanFiveAuditLogRequestsInAnyTenSeconds() throws Exception {
        List<Long> sends = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pacer.acquire(ThrottleClass.REPORTS);
            sends.add(time.nanoTime());
            time.advance(Duration.ofMillis(300)); // the request itself takes a little time
        }

        long window = Duration.ofSeconds(10).toNanos();
        for (int i = 0; i < sends.size(); i++) {
            long start = sends.get(i);
            long inWindow = sends.stream().filter(t -> t >= start && t < start + window).count();
            assertThat(inWindow).as("sends in the 10 s from send %d", i).isLessThanOrEqualTo(5);
        }
        // and it does not wait more than it must: 12 sends fit in [0, 20 s] + request times
        assertThat(sends.get(11) - sends.get(0)).isLessThanOrEqualTo(Duration.ofSeconds(21).toNanos());
        assertThat(sends.get(5) - sends.get(0)).isEqualTo(window);
    }

    /**
     * Graph counts a request when it arrives. With a latency that varies (a slow request, then fast ones), a pacer
     * counting send times would let the sixth request arrive within ten seconds of the first one's arrival; counting
     * each from its answer, it never does.
     */
    @Test
    void graphsCountAtArrivalStaysWithinTheBudgetWhateverTheLatency() throws Exception {
        long[] latencies = {Duration.ofMillis(900).toNanos(), 1_000_000, 1_000_000, 1_000_000, 1_000_000,
                1_000_000, Duration.ofMillis(700).toNanos(), 1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000};
        List<Long> arrivals = new ArrayList<>();
        for (long latency : latencies) {
            RequestPacer.Permit permit = pacer.acquire(ThrottleClass.REPORTS);
            time.advance(Duration.ofNanos(latency / 2)); // on its way: Graph counts it here
            arrivals.add(time.nanoTime());
            time.advance(Duration.ofNanos(latency - latency / 2)); // and the answer on its way back
            permit.answered();
        }
        long window = Duration.ofSeconds(10).toNanos();
        for (int i = 5; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i) - arrivals.get(i - 5)).as("arrival %d and the fifth before it", i)
                    .isGreaterThanOrEqualTo(window);
        }
    }

    @Test
    void directoryBudgetIsSeparateFromAuditLogs() throws Exception {
        for (int i = 0; i < 5; i++) {
            pacer.acquire(ThrottleClass.REPORTS);
        }
        for (int i = 0; i < 50; i++) {
            pacer.acquire(ThrottleClass.DIRECTORY);
        }
        assertThat(time.sleeps).isEmpty();
        pacer.acquire(ThrottleClass.REPORTS);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void penaltyHoldsItsOwnClassOnlyAndTheLongestWins() throws Exception {
        pacer.penalize(ThrottleClass.REPORTS, Duration.ofSeconds(5));
        pacer.penalize(ThrottleClass.REPORTS, Duration.ofSeconds(2));
        // Graph counts each class's budget apart: a throttled audit log says nothing about the directory
        pacer.acquire(ThrottleClass.DIRECTORY);
        assertThat(time.sleeps).isEmpty();
        pacer.acquire(ThrottleClass.REPORTS);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5));
        pacer.acquire(ThrottleClass.REPORTS);
        assertThat(time.sleeps).hasSize(1);
    }

    @Test
    void identityProtectionIsOneRequestPerSecond() throws Exception {
        for (int i = 0; i < 3; i++) {
            pacer.acquire(ThrottleClass.IDENTITY_PROTECTION);
        }
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void everyClassHasMicrosoftsBudgetUnlessOverridden() throws Exception {
        RequestPacer overridden = new RequestPacer(java.util.Map.of(ThrottleClass.REPORTS,
                new RequestPacer.Budget(2, Duration.ofSeconds(10))), time, time);
        overridden.acquire(ThrottleClass.REPORTS);
        overridden.acquire(ThrottleClass.REPORTS);
        overridden.acquire(ThrottleClass.REPORTS);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10));
        for (ThrottleClass throttle : ThrottleClass.values()) {
            assertThat(RequestPacer.Budget.of(throttle).limit()).as(throttle.name()).isEqualTo(throttle.limit());
        }
    }

    @Test
    void threadsSharingARealPacerStayWithinBudget() throws Exception {
        RequestPacer real = new RequestPacer(java.util.Map.of(ThrottleClass.REPORTS,
                new RequestPacer.Budget(3, Duration.ofMillis(300))), Ticker.SYSTEM, Sleeper.REAL);
        List<Long> sends = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(threads.submit(() -> {
                for (int i = 0; i < 3; i++) {
                    real.acquire(ThrottleClass.REPORTS);
                    sends.add(System.nanoTime());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        threads.shutdown();
        List<Long> sorted = new ArrayList<>(sends);
        sorted.sort(null);
        long window = Duration.ofMillis(300).toNanos();
        for (int i = 3; i < sorted.size(); i++) {
            // the 4th send after any send is at least one window later (small slack for the list append)
            assertThat(sorted.get(i) - sorted.get(i - 3)).isGreaterThan(window - Duration.ofMillis(5).toNanos());
        }
    }
}
