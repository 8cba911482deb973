package com.entralake.time;

import java.time.Clock;
import java.time.Instant;

/**
 * The one clock of a run. Every window, watermark and "now" comes from here and never from Graph or the
 * emulator, so tests can move the job's time and the emulator's time separately.
 */
public final class JobClock {

    private final Clock clock;

    public JobClock(Clock clock) {
        this.clock = clock;
    }

    /** The system clock in whole seconds: times in summaries, status and the job repository read cleanly. */
    public static JobClock system() {
        return new JobClock(Clock.tick(Clock.systemUTC(), java.time.Duration.ofSeconds(1)));
    }

    /** A clock frozen at {@code instant}: the {@code --now} option, for tests and reprocessing. */
    public static JobClock fixed(Instant instant) {
        return new JobClock(Clock.fixed(instant, java.time.ZoneOffset.UTC));
    }

    public Instant now() {
        return clock.instant();
    }
}
