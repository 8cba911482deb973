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

    /** Job execution context key: this execution was planned by a clock ahead of a later run's; its range is not trusted. */
    static final String PLANNED_AHEAD = "plannedAheadOfClock";

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

    /**
     * Event executions planned by a clock later than {@code now} (a {@code --now} or host clock that was ahead), not
     * yet set aside: what they read after the real time of their run did not exist yet, so their ranges must not
     * count as collected. Collect sets them aside ({@link #setAside}); status reports them.
     */
    public List<JobExecution> plannedAhead(String tenantId, String dataset, Instant now) {
        return latestExecutions(JobParameterNames.EVENTS_JOB, tenantId, dataset).stream()
                .filter(e -> !e.getExecutionContext().containsKey(PLANNED_AHEAD))
                .filter(e -> plannedAt(e).isAfter(now))
                .toList();
    }

    /**
     * Marks an execution planned ahead of the clock so that no later run trusts its range again — not even once
     * the real time has caught up with its clock, because its windows were still read before they were complete.
     */
    public void setAside(JobExecution execution, Instant detectedAt) {
        execution.getExecutionContext().putString(PLANNED_AHEAD, detectedAt.toString());
        repository.updateExecutionContext(execution);
    }

    /** The end of the last trustworthy committed event range, or empty before the first one completed. */
    public Optional<Instant> watermark(String tenantId, String dataset, Instant now) {
        return lastCompletedRange(tenantId, dataset, now).map(RangePlanner.CompletedRange::end);
    }

    /**
     * The completed event range that reaches furthest, with when it was read (its planned-at job clock), among
     * those a run at {@code now} can trust: not planned after {@code now} and not set aside for that reason.
     */
    public Optional<RangePlanner.CompletedRange> lastCompletedRange(String tenantId, String dataset, Instant now) {
        return latestExecutions(JobParameterNames.EVENTS_JOB, tenantId, dataset).stream()
                .filter(e -> e.getStatus() == BatchStatus.COMPLETED)
                .filter(e -> trusted(e, now))
                .map(e -> new RangePlanner.CompletedRange(rangeStart(e), rangeEnd(e), plannedAt(e)))
                .max(Comparator.comparing(RangePlanner.CompletedRange::end)
                        .thenComparing(RangePlanner.CompletedRange::readAt));
    }

    /**
     * What has not been collected yet, oldest first: the uncommitted part of each unfinished range (windows
     * commit newest first, so it runs from the range start to its {@code resumeBefore}), then everything from
     * the furthest trusted range end to {@code now}. Empty before the first range was ever planned.
     *
     * <p>The part of an unfinished range that was already older than {@code retention} when it was planned was
     * never in Graph for this run to collect (a backfill reaches a little past the retention by alignment), so it
     * is not uncollected data: reporting it would raise a gap for records that never existed.
     */
    public List<TimeWindow> uncollected(String tenantId, String dataset, Instant now, java.time.Duration retention) {
        List<TimeWindow> result = new ArrayList<>();
        Optional<Instant> reached = watermark(tenantId, dataset, now);
        for (JobExecution failed : unfinished(JobParameterNames.EVENTS_JOB, tenantId, dataset)) {
            if (!trusted(failed, now)) {
                continue;
            }
            Instant start = max(rangeStart(failed), plannedAt(failed).minus(retention));
            Instant end = rangeEnd(failed);
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
        // what a range planned with a clock ahead covered was read (its windows are read again because they may
        // be incomplete), so it is not "never collected": calling it lost would be a false alarm for data the
        // lake most likely holds — after a --now in the past, certainly
        List<TimeWindow> lost = result;
        for (JobExecution ahead : latestExecutions(JobParameterNames.EVENTS_JOB, tenantId, dataset)) {
            if (ahead.getStatus() == BatchStatus.COMPLETED && !trusted(ahead, now)) {
                lost = minus(lost, new TimeWindow(rangeStart(ahead), rangeEnd(ahead)));
            }
        }
        return lost;
    }

    private static List<TimeWindow> minus(List<TimeWindow> windows, TimeWindow cut) {
        List<TimeWindow> rest = new ArrayList<>();
        for (TimeWindow w : windows) {
            if (!cut.end().isAfter(w.start()) || !cut.start().isBefore(w.end())) {
                rest.add(w);
                continue;
            }
            if (w.start().isBefore(cut.start())) {
                rest.add(new TimeWindow(w.start(), cut.start()));
            }
            if (cut.end().isBefore(w.end())) {
                rest.add(new TimeWindow(cut.end(), w.end()));
            }
        }
        return rest;
    }

    private static boolean trusted(JobExecution e, Instant now) {
        return !e.getExecutionContext().containsKey(PLANNED_AHEAD) && !plannedAt(e).isAfter(now);
    }

    public static Instant plannedAt(JobExecution e) {
        return Instant.parse(e.getJobParameters().getString(JobParameterNames.PLANNED_AT));
    }

    private static Instant rangeStart(JobExecution e) {
        return Instant.parse(e.getJobParameters().getString(JobParameterNames.RANGE_START));
    }

    private static Instant rangeEnd(JobExecution e) {
        return Instant.parse(e.getJobParameters().getString(JobParameterNames.RANGE_END));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
