package com.entralake.graph;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that only moves when something sleeps on it; records every sleep. */
final class FakeTime implements Ticker, Sleeper {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        nanos.addAndGet(duration.toNanos());
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
