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
import com.entralake.window.TimeWindow;

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

    /**
     * What has not been collected yet, oldest first: the uncommitted part of each unfinished range (windows
     * commit newest first, so it runs from the range start to its {@code resumeBefore}), then everything from
     * the furthest range end to {@code now}. Empty before the first range was ever planned.
     */
    public List<TimeWindow> uncollected(String tenantId, String dataset, Instant now) {
        List<TimeWindow> result = new ArrayList<>();
        Optional<Instant> reached = watermark(tenantId, dataset);
        for (JobExecution failed : unfinished(JobParameterNames.EVENTS_JOB, tenantId, dataset)) {
            Instant start = Instant.parse(failed.getJobParameters().getString(JobParameterNames.RANGE_START));
            Instant end = Instant.parse(failed.getJobParameters().getString(JobParameterNames.RANGE_END));
            Instant resumeBefore = failed.getStepExecutions().stream()
                    .map(step -> step.getExecutionContext())
                    .filter(ec -> ec.containsKey(StepProgress.RESUME_BEFORE))
                    .map(ec -> Instant.parse(ec.getString(StepProgress.RESUME_BEFORE)))
                    .findFirst().orElse(end);
            if (start.isBefore(resumeBefore)) {
                result.add(new TimeWindow(start, resumeBefore));
            }
            reached = Optional.of(reached.filter(r -> r.isAfter(end)).orElse(end));
        }
        reached.filter(r -> r.isBefore(now)).ifPresent(r -> result.add(new TimeWindow(r, now)));
        return result;
    }
}
