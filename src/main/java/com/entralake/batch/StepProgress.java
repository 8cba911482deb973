package com.entralake.batch;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Counters a collection step keeps in its execution context, so they survive a restart and the run
 * summary and {@code status} can read them from the job repository.
 */
public final class StepProgress {
    public static final String PAGES = "pages";
    public static final String RECORDS_READ = "recordsRead";
    public static final String RECORDS_WRITTEN = "recordsWritten";
    public static final String DUPLICATES_DROPPED = "duplicatesDropped";
    public static final String FILES_COMMITTED = "filesCommitted";
    public static final String BYTES_WRITTEN = "bytesWritten";
    public static final String RETRIES = "retries";
    public static final String THROTTLES = "throttles";
    /** Events: the exclusive upper end of the part of the range not yet committed (windows commit newest first). */
    public static final String RESUME_BEFORE = "resumeBefore";

    private StepProgress() {
    }

    public static void add(ExecutionContext context, String key, long delta) {
        context.putLong(key, context.getLong(key, 0L) + delta);
    }
}
