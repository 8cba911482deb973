package com.entralake.emulator;

import java.time.Instant;
import java.util.Iterator;

/** A source of event records. Must be lazy: iterate only what is consumed. */
public interface EventSource {
    /**
     * Records with time in [from, toExclusive), in {@link EventRecord#ASC} or {@link EventRecord#DESC} order,
     * regardless of visibility (the caller filters on visibleAt).
     */
    Iterator<EventRecord> scan(Instant from, Instant toExclusive, boolean descending);
}
