package com.entralake.batch;

import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a query has committed so far, kept apart from the step's counters until the query has been read to
 * its last page: only then are its windows known complete (whatever Graph's order was), and only then do its
 * numbers join the step's and move the restart point. A query given up or interrupted leaves no numbers
 * behind for windows that will be read again.
 */
final class PendingCounts {

    private final Map<String, Long> counts = new HashMap<>();

    void add(String key, long delta) {
        if (delta != 0) {
            counts.merge(key, delta, Long::sum);
        }
    }

    long get(String key) {
        return counts.getOrDefault(key, 0L);
    }

    /** Adds everything to the step's counters and starts again from zero. */
    void flushInto(ExecutionContext ec) {
        counts.forEach((key, delta) -> StepProgress.add(ec, key, delta));
        counts.clear();
    }

    /** Adds everything to another set of pending counts (what a page set aside joins its snapshot's) and starts again. */
    void flushInto(PendingCounts other) {
        counts.forEach(other::add);
        counts.clear();
    }

    void discard() {
        counts.clear();
    }
}
