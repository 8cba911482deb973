package com.entralake.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The emulator's own clock: decides data visibility and retention. Default is system time; once set it is frozen until set/advanced again. */
public final class EmulatorClock {
    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    public Instant now() {
        Instant f = fixed.get();
        return f != null ? f : Instant.now();
    }

    public void set(Instant instant) {
        fixed.set(instant);
    }

    public void advance(Duration d) {
        fixed.updateAndGet(f -> (f != null ? f : Instant.now()).plus(d));
    }

    /** Back to following system time. */
    public void useSystemTime() {
        fixed.set(null);
    }
}
