package com.entralake.batch;

import java.time.Duration;

/**
 * How much time one event query covers. A query's windows are known complete only once it has been read to
 * its last page, so a run interrupted midway reads that query again: the span bounds what a crash costs.
 * It adapts to the data so that a query is about {@link #TARGET_PAGES} pages — a sparse month in one or
 * two queries (requests stay close to records / page size), a dense tenant in slices of a few hours.
 */
final class QuerySpan {

    static final Duration INITIAL = Duration.ofHours(6);
    static final int TARGET_PAGES = 20;
    /** Longer than any range (Graph keeps at most 30 days of sign-ins): "the rest of the range". */
    private static final Duration LONGEST = Duration.ofDays(400);

    private final Duration window;
    private Duration span;
    /** Records a day held at the last query's density; unknown until a query with a documented page size completed. */
    private double recordsPerDay = Double.NaN;
    private boolean measured;

    QuerySpan(Duration window) {
        this.window = window;
        this.span = roundToWindows(INITIAL);
    }

    Duration current() {
        return span;
    }

    /** After a query over {@code covered} returned {@code records} in {@code pages}: the span that would have held the target. */
    void completed(Duration covered, long records, long pages, int pageSize) {
        // without a documented page size ($top), Graph's own pages are counted instead of records; a query that
        // fitted one of them had room to spare, as far as anyone can tell
        double target = pageSize > 0 ? (double) TARGET_PAGES * pageSize : TARGET_PAGES;
        double found = pageSize > 0 ? records : pages <= 1 ? 0 : pages;
        double scale = found == 0 ? Double.POSITIVE_INFINITY : target / found;
        double nanos = Math.min(covered.toNanos() * scale, LONGEST.toNanos());
        span = roundToWindows(Duration.ofNanos((long) nanos));
        measured = true;
        if (pageSize > 0 && !covered.isZero()) {
            recordsPerDay = records * ((double) Duration.ofDays(1).toNanos() / covered.toNanos());
        }
    }

    /** Whether a query has completed, so that {@link #current()} follows the data rather than {@link #INITIAL}. */
    boolean measured() {
        return measured;
    }

    /** Whether a day held at most {@code records} records at the density the last query found (false before one). */
    boolean dayHoldsAtMost(long records) {
        return recordsPerDay <= records;
    }

    /** Whole windows, at least one: query bounds stay on window boundaries. */
    private Duration roundToWindows(Duration d) {
        long windows = Math.max(1, d.toNanos() / window.toNanos());
        return window.multipliedBy(windows);
    }
}
