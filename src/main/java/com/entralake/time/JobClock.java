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

    /**
     * The {@code --now} clock, which may not run ahead of this machine's: a run at a time that has not come yet
     * would read windows before their records exist and move the watermark past them, so that the run after it
     * would take them as settled. Refused before anything runs.
     *
     * @throws IllegalArgumentException naming both times when {@code instant} is later than {@code machine}
     */
    public static JobClock notAhead(Instant instant, Clock machine) {
        Instant machineNow = machine.instant();
        if (instant.isAfter(machineNow)) {
            throw new IllegalArgumentException("--now " + instant + " is later than this machine's clock (" + machineNow
                    + "): Entra Lake never acts at a time that has not come yet — it would read windows before their"
                    + " records exist. Give a time that has passed, or leave --now out to use the machine's clock.");
        }
        return fixed(instant);
    }

    public Instant now() {
        return clock.instant();
    }
}
