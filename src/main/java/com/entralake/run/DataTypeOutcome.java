package com.entralake.run;

import java.time.Duration;

import com.entralake.batch.CollectionCounts;

/** What happened to one data type of one tenant in a run: the line of the run summary. */
public record DataTypeOutcome(
        String dataset,
        Status status,
        String message,
        String covered,
        CollectionCounts counts,
        Duration duration) {

    public enum Status {
        /** Collected (and committed) everything selected. */
        COLLECTED,
        /** Selected {@code no}. */
        DISABLED,
        /** Selected {@code managed} and not licensed or not permitted: skipped, reported, still a success. */
        SKIPPED_UNAVAILABLE,
        /** Selected {@code yes} but not licensed or not permitted: the run is partial. */
        UNAVAILABLE,
        /** Failed after retries (Graph outage, bad data): the next run resumes it. */
        FAILED,
        /** Failed in a way that is a bug. */
        CRASHED
    }

    public static DataTypeOutcome of(String dataset, Status status, String message) {
        return new DataTypeOutcome(dataset, status, message, "", CollectionCounts.NONE, Duration.ZERO);
    }
}
