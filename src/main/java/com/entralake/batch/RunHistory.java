package com.entralake.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

import com.entralake.window.RangePlanner;

/**
 * What the job repository knows about a tenant's data type: its watermark (the end of the last range
 * that committed), the executions a crash left STARTED, and the ranges that failed and must be resumed
 * before anything new is planned — so windows stay contiguous.
 */
public final class RunHistory {

    private final JobRepository repository;

    public RunHistory(JobRepository repository) {
        this.repository = repository;
    }

    /** The latest execution of every instance of {@code jobName} for this tenant and dataset, oldest instance first. */
    public List<JobExecution> latestExecutions(String jobName, String tenantId, String dataset) {
        List<JobExecution> result = new ArrayList<>();
        for (JobInstance instance : repository.getJobInstances(jobName, 0, Integer.MAX_VALUE)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last != null && tenantId.equals(last.getJobParameters().getString(JobParameterNames.TENANT_ID))
                    && dataset.equals(last.getJobParameters().getString(JobParameterNames.DATASET))) {
                result.add(last);
            }
        }
        result.sort(Comparator.comparingLong(JobExecution::getJobInstanceId));
        return result;
    }

    /** Executions still marked STARTED: while this run holds the tenant lock, their process can only have died. */
    public List<JobExecution> orphaned(String jobName, String tenantId, String dataset) {
        return latestExecutions(jobName, tenantId, dataset).stream()
                .filter(e -> e.getStatus() == BatchStatus.STARTED || e.getStatus() == BatchStatus.STARTING
                        || e.getStatus() == BatchStatus.STOPPING)
                .toList();
    }

    /** Ranges that did not complete and must be restarted (oldest first) before a new range is planned. */
    public List<JobExecution> unfinished(String jobName, String tenantId, String dataset) {
        return latestExecutions(jobName, tenantId, dataset).stream()
                .filter(e -> e.getStatus() == BatchStatus.FAILED || e.getStatus() == BatchStatus.STOPPED)
                .toList();
    }

    /** The end of the last committed event range, or empty before the first one completed. */
    public Optional<Instant> watermark(String tenantId, String dataset) {
        return lastCompletedRange(tenantId, dataset).map(RangePlanner.CompletedRange::end);
    }

    /** The completed event range that reaches furthest, with when it was read (its planned-at job clock). */
    public Optional<RangePlanner.CompletedRange> lastCompletedRange(String tenantId, String dataset) {
        return latestExecutions(JobParameterNames.EVENTS_JOB, tenantId, dataset).stream()
                .filter(e -> e.getStatus() == BatchStatus.COMPLETED)
                .map(e -> e.getJobParameters())
                .map(p -> new RangePlanner.CompletedRange(Instant.parse(p.getString(JobParameterNames.RANGE_START)),
                        Instant.parse(p.getString(JobParameterNames.RANGE_END)),
                        Instant.parse(p.getString(JobParameterNames.PLANNED_AT))))
                .max(Comparator.comparing(RangePlanner.CompletedRange::end)
                        .thenComparing(RangePlanner.CompletedRange::readAt));
    }
}
