package com.entralake.graph;

/** Monotonic nanoseconds, as {@link System#nanoTime()}; injectable so pacing can be tested without waiting. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
