package com.entralake.graph;

import org.junit.jupiter.api.Test;

import java.net.URI;
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
    final RequestPacer pacer = new RequestPacer(RequestPacer.DEFAULT_AUDIT_LOGS_BUDGET,
            new RequestPacer.Budget(100, Duration.ofSeconds(10)), time, time);

    @Test
    void neverMoreThanFiveAuditLogRequestsInAnyTenSeconds() throws Exception {
        List<Long> sends = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pacer.acquire(RequestPacer.AUDIT_LOGS);
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

    @Test
    void directoryBudgetIsSeparateFromAuditLogs() throws Exception {
        for (int i = 0; i < 5; i++) {
            pacer.acquire(RequestPacer.AUDIT_LOGS);
        }
        for (int i = 0; i < 50; i++) {
            pacer.acquire(RequestPacer.DIRECTORY);
        }
        assertThat(time.sleeps).isEmpty();
        pacer.acquire(RequestPacer.AUDIT_LOGS);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void penaltyHoldsEveryEndpointClassAndTheLongestWins() throws Exception {
        pacer.penalize(Duration.ofSeconds(5));
        pacer.penalize(Duration.ofSeconds(2));
        pacer.acquire(RequestPacer.DIRECTORY);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5));
        pacer.acquire(RequestPacer.AUDIT_LOGS);
        assertThat(time.sleeps).hasSize(1);
    }

    @Test
    void classifiesEndpoints() {
        assertThat(RequestPacer.endpointClassOf(URI.create("https://graph.microsoft.com/v1.0/auditLogs/signIns?$top=1")))
                .isEqualTo(RequestPacer.AUDIT_LOGS);
        assertThat(RequestPacer.endpointClassOf(URI.create("https://graph.microsoft.com/beta/auditLogs/directoryAudits")))
                .isEqualTo(RequestPacer.AUDIT_LOGS);
        assertThat(RequestPacer.endpointClassOf(URI.create("https://graph.microsoft.com/v1.0/reports/authenticationMethods/userRegistrationDetails")))
                .isEqualTo(RequestPacer.AUDIT_LOGS);
        assertThat(RequestPacer.endpointClassOf(URI.create("https://graph.microsoft.com/v1.0/users?$top=999")))
                .isEqualTo(RequestPacer.DIRECTORY);
    }

    @Test
    void threadsSharingARealPacerStayWithinBudget() throws Exception {
        RequestPacer real = new RequestPacer(new RequestPacer.Budget(3, Duration.ofMillis(300)),
                RequestPacer.DEFAULT_DIRECTORY_BUDGET, Ticker.SYSTEM, Sleeper.REAL);
        List<Long> sends = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(threads.submit(() -> {
                for (int i = 0; i < 3; i++) {
                    real.acquire(RequestPacer.AUDIT_LOGS);
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
