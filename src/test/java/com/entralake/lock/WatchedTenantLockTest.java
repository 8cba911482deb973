package com.entralake.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The watchdog against a real (H2) job repository: heartbeats only while the lock is proven held. */
class WatchedTenantLockTest {

    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final String TENANT = "8f0b5a4e-3c1d-4c5e-9a7b-2d6f1e0c9b8a";

    private final TenantRunStore runs = new TenantRunStore(h2());
    private final ProcessIdentity self = ProcessIdentity.current();

    /** The lock underneath, lost on demand. */
    private static final class FakeLock implements TenantLock {
        volatile String lost;
        volatile boolean closed;

        @Override
        public void ensureHeld() {
            if (lost != null) {
                throw new TenantLockLostException(lost);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aHeldLockBeatsAndALostOneStopsBeatingAndStaysLost() throws Exception {
        FakeLock lock = new FakeLock();
        runs.claim(TENANT, "run-a", self);
        Instant claimed = runs.read(TENANT).orElseThrow().heartbeatAt();
        try (WatchedTenantLock watched = WatchedTenantLock.watch(lock, runs, TENANT, "run-a", "contoso", INTERVAL)) {
            await(() -> runs.read(TENANT).orElseThrow().heartbeatAt().isAfter(claimed));
            assertThat(watched.lost()).isEmpty();

            lock.lost = "the tenant lock of contoso was lost: its session ended";
            await(() -> watched.lost().isPresent());
            Instant last = runs.read(TENANT).orElseThrow().heartbeatAt();
            Thread.sleep(INTERVAL.multipliedBy(6).toMillis());
            assertThat(runs.read(TENANT).orElseThrow().heartbeatAt()).as("no heartbeat without the lock").isEqualTo(last);

            lock.lost = null; // whatever the lock says later: another run may have taken it in between
            assertThatThrownBy(watched::ensureHeld).isInstanceOf(TenantLockLostException.class)
                    .hasMessage("the tenant lock of contoso was lost: its session ended");
        }
        assertThat(runs.read(TENANT)).as("closing removes the run's row: the next run need not wait").isEmpty();
        assertThat(lock.closed).isTrue();
    }

    @Test
    void aRowTakenOverByAnotherRunIsALostLock() throws Exception {
        runs.claim(TENANT, "run-a", self);
        try (WatchedTenantLock watched = WatchedTenantLock.watch(new FakeLock(), runs, TENANT, "run-a", "contoso",
                INTERVAL)) {
            runs.claim(TENANT, "run-b", self);
            await(() -> watched.lost().isPresent());
            assertThat(watched.lost().get()).contains("another run has taken the tenant over");
        }
        assertThat(runs.read(TENANT).orElseThrow().runId()).as("the other run's row is left alone").isEqualTo("run-b");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static JdbcDataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }
}
