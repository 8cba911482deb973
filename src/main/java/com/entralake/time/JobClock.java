package com.entralake.time;

import java.time.Clock;
import java.time.Instant;

/**
 * The one clock of a run. Every window, watermark and "now" comes from here and never from Graph or the
 * emulator, so tests can move the job's time and the emulator's time separately.
 */
public final class JobClock {

    /** Clocks kept by NTP differ by far less; more than this between two machines is a clock to distrust. */
    public static final java.time.Duration SKEW_TOLERANCE = java.time.Duration.ofMinutes(1);

    private final Clock clock;
    /** Whether this is the machine's clock (not a --now): only that one can be wrong, and be corrected. */
    private final boolean machine;
    /** How far the machine's clock was found ahead of a clock it trusts more (the job repository's). */
    private volatile java.time.Duration ahead = java.time.Duration.ZERO;

    public JobClock(Clock clock) {
        this(clock, false);
    }

    private JobClock(Clock clock, boolean machine) {
        this.clock = clock;
        this.machine = machine;
    }

    /** The system clock in whole seconds: times in summaries, status and the job repository read cleanly. */
    public static JobClock system() {
        return system(Clock.systemUTC());
    }

    /** The given machine clock in whole seconds (tests give a clock that is off). */
    public static JobClock system(Clock machineClock) {
        return new JobClock(Clock.tick(machineClock, java.time.Duration.ofSeconds(1)), true);
    }

    /**
     * Compares the machine's clock with a clock on another machine that every run of a tenant reads (the
     * PostgreSQL job repository's): if this machine is ahead by more than {@link #SKEW_TOLERANCE}, the run acts
     * at the other clock's time instead. A run on a clock ahead would read windows before their records exist,
     * and the next run, on a corrected clock, would take them as settled. A {@code --now} is never changed.
     *
     * @return how far ahead this machine's clock was, when it was corrected
     */
    public java.util.Optional<java.time.Duration> correctAgainst(Instant trustedNow) {
        if (!machine) {
            return java.util.Optional.empty();
        }
        java.time.Duration skew = java.time.Duration.between(trustedNow, clock.instant());
        if (skew.compareTo(SKEW_TOLERANCE) <= 0) {
            return java.util.Optional.empty();
        }
        ahead = skew;
        return java.util.Optional.of(skew);
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
        return clock.instant().minus(ahead);
    }
}
