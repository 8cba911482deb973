package com.entralake.batch;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Counters a collection step keeps in its execution context, so they survive a restart and the run
 * summary and {@code status} can read them from the job repository.
 */
public final class StepProgress {
    public static final String PAGES = "pages";
    public static final String RECORDS_READ = "recordsRead";
    /** Rows the step's commits put in the lake (a rewritten window counts all its rows again). */
    public static final String RECORDS_WRITTEN = "recordsWritten";
    /** Events: rows of windows no earlier range had collected (from the watermark on, or the whole first backfill). */
    public static final String RECORDS_NEW = "recordsNew";
    /** Events: rows of windows read again because they were still inside the lookback. */
    public static final String RECORDS_REREAD = "recordsReread";
    /** Events: rows a re-read window gained (late arrivals): part of what is new in the lake. */
    public static final String RECORDS_LATE = "recordsLate";
    /** Files the step's commits created where there was none. */
    public static final String FILES_NEW = "filesNew";
    /** Records newly set aside in the quarantine dataset (no id, no or unreadable time, not an object). */
    public static final String QUARANTINED = "quarantined";
    /** Records set aside again that an earlier read had already put in quarantine (a re-read window). */
    public static final String QUARANTINED_AGAIN = "quarantinedAgain";
    /** Records Graph returned outside the range it was asked for: ignored (their own window's query returns them). */
    public static final String OUT_OF_RANGE = "outOfRange";
    /** How often Graph's order could not be trusted and the rest of the range was read one window per query. */
    public static final String ORDER_FALLBACKS = "orderFallbacks";
    public static final String DUPLICATES_DROPPED = "duplicatesDropped";
    public static final String FILES_COMMITTED = "filesCommitted";
    public static final String BYTES_WRITTEN = "bytesWritten";
    public static final String RETRIES = "retries";
    public static final String THROTTLES = "throttles";
    /**
     * Events: everything from here to the range's end is complete in the lake. It moves when a query has been
     * read to its last page (windows commit newest first, but only a query read to its end proves them whole).
     */
    public static final String RESUME_BEFORE = "resumeBefore";
    /** Events: set once Graph's order failed for this range; the rest of it is read one window per query. */
    public static final String ONE_QUERY_PER_WINDOW = "oneQueryPerWindow";
    /**
     * The last completed query of a range: its span, records and pages ("PT6H 7200 8"), so that a resumed range
     * sizes its first query from the data, as the failed run had, rather than from the six hours of a new one.
     */
    public static final String LAST_QUERY = "lastQuery";

    private StepProgress() {
    }

    public static void add(ExecutionContext context, String key, long delta) {
        context.putLong(key, context.getLong(key, 0L) + delta);
    }
}
