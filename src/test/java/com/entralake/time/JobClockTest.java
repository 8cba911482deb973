package com.entralake.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class JobClockTest {

    private static final Instant REAL = Instant.parse("2026-12-01T02:00:00Z");

    @Test
    void aMachineClockAheadOfTheRepositorysActsAtTheRepositorysTime() {
        JobClock clock = JobClock.system(Clock.fixed(REAL.plus(Duration.ofHours(3)), ZoneOffset.UTC));
        assertThat(clock.correctAgainst(REAL)).hasValue(Duration.ofHours(3));
        assertThat(clock.now()).isEqualTo(REAL);
    }

    @Test
    void theUsualSkewBetweenTwoMachinesChangesNothing() {
        JobClock clock = JobClock.system(Clock.fixed(REAL.plusSeconds(20), ZoneOffset.UTC));
        assertThat(clock.correctAgainst(REAL)).isEmpty();
        assertThat(clock.now()).isEqualTo(REAL.plusSeconds(20));
        JobClock behind = JobClock.system(Clock.fixed(REAL.minus(Duration.ofHours(1)), ZoneOffset.UTC));
        assertThat(behind.correctAgainst(REAL)).as("behind reads less, never what does not exist yet").isEmpty();
    }

    @Test
    void anExplicitNowIsNeverCorrectedButMayNotBeAhead() {
        JobClock fixed = JobClock.fixed(REAL.plus(Duration.ofHours(3)));
        assertThat(fixed.correctAgainst(REAL)).isEmpty();
        assertThat(fixed.now()).isEqualTo(REAL.plus(Duration.ofHours(3)));
        assertThatThrownBy(() -> JobClock.notAhead(REAL.plusSeconds(1), Clock.fixed(REAL, ZoneOffset.UTC)))
                .hasMessageContaining("later than this machine's clock");
        assertThat(JobClock.notAhead(REAL, Clock.fixed(REAL, ZoneOffset.UTC)).now()).isEqualTo(REAL);
    }
}
