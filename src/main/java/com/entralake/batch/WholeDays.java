package com.entralake.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.entralake.lake.PartitionManifest;
import com.entralake.window.TimeWindow;

/**
 * Which days of a query are written whole, straight into their compacted file, instead of window by window and
 * compacted afterwards: a sparse tenant's month is then about 30 files written, not 720 written, read back and
 * rewritten, so its cost follows its records rather than its windows.
 *
 * <p>A day qualifies when the query covers all of it (so its last page completes the whole day, and a re-read of
 * it replaces the whole day), when it is final once the range completes (past the lookback: nothing later re-reads
 * it window by window), and when it is all new or all re-read (so its records count as one or the other). Any
 * other day is written in windows, as before, and compacted once final.
 */
final class WholeDays {

    static final Duration DAY = Duration.ofDays(1);
    /**
     * The most records a day is written whole with: its writer keeps every id of the day (about 130 bytes each, so
     * about 6.5 MB here), where a window's writer keeps an hour's. A query covers whole days only where Graph had
     * at most about 20,000 records a day before it; a burst beyond this (a password spray in a quiet tenant) makes
     * the query read again window by window ({@link EventRange#dayTooLargeToWriteWhole}).
     */
    static final int MAX_RECORDS = 50_000;
    /**
     * A dense tenant's day (one a query of {@link QuerySpan#TARGET_PAGES} pages does not cover) is read as one query,
     * so that it too is written whole rather than in 24 windows compacted afterwards, when the last query found at
     * most this many records a day and at most twice the target pages: such a query costs a crash at most twice
     * what a slice does, and leaves a fifth of room below {@link #MAX_RECORDS} for a day busier than the last.
     */
    static final int DAY_QUERY_RECORDS = MAX_RECORDS * 4 / 5;

    private boolean enabled;
    private final Instant rangeEnd;
    private final Instant newFrom;
    private final Duration lookback;

    /**
     * @param enabled  whether final days are compacted at all ({@code collection.compact-final-days})
     * @param rangeEnd the watermark once the range completes
     * @param newFrom  where the windows never collected before begin
     */
    WholeDays(boolean enabled, Instant rangeEnd, Instant newFrom, Duration lookback) {
        this.enabled = enabled;
        this.rangeEnd = rangeEnd;
        this.newFrom = newFrom;
        this.lookback = lookback;
    }

    /** From now on every day is written window by window: the staging area a whole day is written in failed. */
    void disable() {
        enabled = false;
    }

    /** The whole day {@code window} is written in, or empty when its day is written window by window. */
    Optional<TimeWindow> dayOf(EventQuery query, TimeWindow window) {
        if (!enabled || query.oneWindow) {
            return Optional.empty();
        }
        TimeWindow day = TimeWindow.containing(window.start(), DAY);
        boolean covered = !day.start().isBefore(query.start) && !day.end().isAfter(query.end);
        boolean splitByNewFrom = newFrom.isAfter(day.start()) && newFrom.isBefore(day.end());
        boolean finalOnceComplete = PartitionManifest.isEventPartitionFinal(day.startDate(), rangeEnd, lookback);
        return covered && !splitByNewFrom && finalOnceComplete ? Optional.of(day) : Optional.empty();
    }
}
