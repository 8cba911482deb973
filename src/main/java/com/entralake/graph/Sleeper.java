package com.entralake.graph;

import java.time.Duration;

/** Waits. The real one sleeps the thread; tests use a fake that records the wait and moves a fake {@link Ticker}. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
