package com.entralake.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The staleness rule on a fake database clock: each pause moves the clock, and what the previous run does
 * meanwhile (keeps beating, stops beating, releases the tenant) is scripted.
 */
class PreviousRunTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    private static final ProcessIdentity SELF = new ProcessIdentity("host-b", "pid:[1]", 200, T0.minusSeconds(60));
    /** On another host: its pid says nothing here, only its heartbeat does. */
    private static final ProcessIdentity ELSEWHERE = new ProcessIdentity("host-a", "pid:[1]", 100, T0.minusSeconds(3600));

    /** The database as the waiting run sees it: its clock, and the previous run's row. */
    private static final class FakeDatabase {
        Instant now = T0;
        TenantRun row;
        /** What the previous run does during each pause. */
        Runnable meanwhile = () -> { };
        final List<Duration> pauses = new ArrayList<>();

        Optional<TenantRun> read() {
            return Optional.ofNullable(row).map(r -> new TenantRun(r.tenantId(), r.runId(), r.owner(), r.heartbeatAt(), now));
        }

        void pause(Duration d) {
            pauses.add(d);
            now = now.plus(d);
            meanwhile.run();
        }

        void beat() {
            row = new TenantRun(row.tenantId(), row.runId(), row.owner(), now, now);
        }
    }

    private final FakeDatabase db = new FakeDatabase();
    private final PreviousRun previous = new PreviousRun(SELF, INTERVAL, STALE_AFTER, db::pause);

    private void previousRunBeatAgo(Duration age, ProcessIdentity owner) {
        db.row = new TenantRun("t", "run-a", owner, T0.minus(age), T0);
    }

    @Test
    void noRecordedRunMeansNoWait() {
        previous.awaitGone("contoso", "run-b", db::read);
        assertThat(db.pauses).isEmpty();
    }

    @Test
    void aStaleHeartbeatMeansItsRunIsGone() {
        previousRunBeatAgo(STALE_AFTER, ELSEWHERE);
        previous.awaitGone("contoso", "run-b", db::read);
        assertThat(db.pauses).isEmpty();
    }

    @Test
    void aFreshHeartbeatOfAProcessSeenEndedOnThisHostMeansNoWait() {
        // kill -9 on this host: its pid is free now, and no waiting for its heartbeat to age
        ProcessIdentity ended = new ProcessIdentity(SELF.host(), SELF.pidNamespace(), Long.MAX_VALUE - 1, T0);
        ProcessIdentity here = new ProcessIdentity(SELF.host(), SELF.pidNamespace(), ProcessHandle.current().pid(),
                ProcessHandle.current().info().startInstant().orElse(null));
        previousRunBeatAgo(Duration.ofSeconds(1), ended);
        new PreviousRun(here, INTERVAL, STALE_AFTER, db::pause).awaitGone("contoso", "run-b", db::read);
        assertThat(db.pauses).isEmpty();
    }

    @Test
    void aFreshHeartbeatOnAnotherHostIsWaitedForUntilItIsStale() {
        previousRunBeatAgo(Duration.ofSeconds(2), ELSEWHERE);
        previous.awaitGone("contoso", "run-b", db::read);
        // it stopped beating 2 s before we looked: stale after 28 s more, i.e. the 6th pause of 5 s
        assertThat(db.pauses).hasSize(6).allMatch(INTERVAL::equals);
    }

    @Test
    void aRunThatReleasesTheTenantEndsTheWaitAtOnce() {
        previousRunBeatAgo(Duration.ofSeconds(1), ELSEWHERE);
        int[] rounds = {0};
        db.meanwhile = () -> {
            if (++rounds[0] == 2) {
                db.row = null; // it noticed its lost lock, stopped, and removed its row
            }
        };
        previous.awaitGone("contoso", "run-b", db::read);
        assertThat(db.pauses).hasSize(2);
    }

    @Test
    void aHeartbeatThatKeepsAdvancingLeavesTheTenantAlone() {
        previousRunBeatAgo(Duration.ZERO, ELSEWHERE);
        db.meanwhile = db::beat;
        assertThatThrownBy(() -> previous.awaitGone("contoso", "run-b", db::read))
                .isInstanceOf(TenantLockedException.class)
                .hasMessageContaining("Another Entra Lake run (run run-a, pid 100 on host-a) is still collecting contoso")
                .hasMessageContaining("heartbeat in ENTRALAKE_TENANT_RUN kept advancing");
        // bounded: stale-after plus one interval, then it gives up
        assertThat(db.pauses).hasSize(7);
        assertThat(db.now).isEqualTo(T0.plus(STALE_AFTER).plus(INTERVAL));
    }

    @Test
    void aHeartbeatThatIsFreshOnlyAtTheEdgeIsStillAlive() {
        previousRunBeatAgo(STALE_AFTER.minusMillis(1), ELSEWHERE);
        assertThat(PreviousRun.judge(db.read(), "run-b", SELF, STALE_AFTER).gone()).isFalse();
        previousRunBeatAgo(STALE_AFTER, ELSEWHERE);
        assertThat(PreviousRun.judge(db.read(), "run-b", SELF, STALE_AFTER).gone()).isTrue();
    }
}
