package com.entralake.run;

import java.time.Duration;

import org.springframework.batch.core.job.JobExecution;

import com.entralake.batch.CollectionCounts;
import com.entralake.batch.JobParameterNames;

/** Adds up the counters of the executions a data type ran in this run (a resumed range and a new one). */
final class Tally {
    CollectionCounts counts = CollectionCounts.NONE;
    String covered = "";
    String note = "";

    void add(JobExecution execution) {
        counts = counts.plus(CollectionCounts.of(execution));
        if (covered.isEmpty()) {
            covered = execution.getJobParameters().getString(JobParameterNames.RANGE_START, "") + " .. "
                    + execution.getJobParameters().getString(JobParameterNames.RANGE_END, "");
        }
    }

    void note(String more) {
        note = (note.isEmpty() ? "" : note + "; ") + more;
    }

    DataTypeOutcome outcome(String dataset, DataTypeOutcome.Status status, String message, long startedNanos) {
        return new DataTypeOutcome(dataset, status, message, covered, counts,
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
