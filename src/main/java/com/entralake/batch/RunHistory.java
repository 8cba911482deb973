package com.entralake.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import com.entralake.window.RangePlanner;
import com.entralake.window.TimeWindow;

/**
 * What the job repository knows about a tenant's data type: its watermark (the end of the last range
 * that committed), the executions a crash or a lost repository left unfinished, and the ranges that failed and must be resumed
 * before anything new is planned — so windows stay contiguous.
 *
 * <p>Each answer reads a few rows of the {@link JobIndex} and the Spring Batch executions of the instances
 * that are not settled, never the whole history: a run costs the same after a year of nightly runs of a
 * hundred tenants as after one. The collector tells it about each job it starts ({@link #planned}, then
 * {@link #seen}).
 */
public final class RunHistory {

    /** Job execution context key: this execution was planned by a clock ahead of a later run's; its range is not trusted. */
    static final String PLANNED_AHEAD = "plannedAheadOfClock";

    private final JobRepository repository;
    private final DataSource dataSource;
    private final JobIndex index;
    private volatile boolean upgraded;

    public RunHistory(JobRepository repository, DataSource dataSource) {
        this.repository = repository;
        this.dataSource = dataSource;
        this.index = new JobIndex(dataSource);
    }

    /** An instance of the index that is not settled, with its last execution in Spring Batch. */
    private record Open(IndexedJob row, JobExecution last) {
    }

    /** Before {@code parameters} start a job: its row, so that a process killed while starting it leaves none unknown. */
    public void planned(String jobName, JobParameters parameters) {
        IndexedJob row = IndexedJob.of(jobName, parameters);
        if (!IndexedJob.keyOf(row.identifyingParameters()).equals(row.jobKey())) {
            // the index rebuilds the parameters to find an instance whose id it never learnt: they must match
            throw new IllegalStateException("the job index cannot rebuild the identifying parameters " + parameters
                    + " (a parameter added to the jobs must be added to IndexedJob too)");
        }
        upgraded().insert(row);
    }

    /** After a job started, restarted or was abandoned: its instance, and whether it is settled now. */
    public void seen(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        upgraded().find(job, IndexedJob.keyOf(execution.getJobParameters()))
                .ifPresent(row -> index.seen(row.seen(execution.getJobInstanceId(), execution.getStatus())));
    }

    /**
     * Brings the rows not settled up to date with Spring Batch — settled where they are, dropped where their job
     * never started — so that the next runs look up fewer. Writes: only for a run that holds the tenant's lock.
     */
    public void tidy(String jobName, String tenantId, String dataset) {
        for (IndexedJob row : upgraded().open(jobName, tenantId, dataset)) {
            Optional<JobExecution> last = lastExecution(row);
            if (last.isEmpty()) {
                index.delete(row);
            } else if (row.instanceId() == null || IndexedJob.settledBy(last.get().getStatus()) != null) {
                index.seen(row.seen(last.get().getJobInstanceId(), last.get().getStatus()));
            }
        }
    }

    /**
     * The last executions of instances a run left looking unfinished: the job or one of its steps still marked
     * running (STARTING, STARTED, STOPPING), or UNKNOWN (Batch could not record a failure it met). A process
     * that died leaves the first; a job repository lost and back between a step's last update and the job's
     * leaves a FAILED job with a STARTED step. Spring Batch refuses to restart either ("already running",
     * "cannot restart from UNKNOWN"); while this run holds the tenant lock, no other run can be behind them.
     */
    public List<JobExecution> orphaned(String jobName, String tenantId, String dataset) {
        return open(jobName, tenantId, dataset).stream().map(Open::last)
                .filter(last -> repository.getJobExecutions(last.getJobInstance()).stream().anyMatch(RunHistory::leftOpen))
                .toList();
    }

    /**
     * Marks what {@link #orphaned} found FAILED, in every execution of its instance, so that the next start
     * restarts it from its step's last saved restart point. Safe even from UNKNOWN, which Batch leaves to an
     * operator: the restart point is saved only after its windows were committed, and a window written after
     * it is rewritten whole on restart, so resuming from it neither loses nor repeats a record.
     */
    public void recover(JobExecution orphan) {
        LocalDateTime now = LocalDateTime.now();
        for (JobExecution execution : repository.getJobExecutions(orphan.getJobInstance())) {
            for (StepExecution step : execution.getStepExecutions()) {
                if (isOpen(step.getStatus())) {
                    step.setStatus(BatchStatus.FAILED);
                    step.setExitStatus(ExitStatus.FAILED.addExitDescription(RECOVERED));
                    step.setEndTime(now);
                    repository.update(step);
                }
            }
            if (isOpen(execution.getStatus())) {
                execution.setStatus(BatchStatus.FAILED);
                execution.setExitStatus(ExitStatus.FAILED.addExitDescription(RECOVERED));
                execution.setEndTime(now);
                repository.update(execution);
            }
        }
    }

    private static final String RECOVERED = "left unfinished by an earlier run; marked failed to resume it";

    /** How {@code orphan} looks unfinished, for the log: "STARTED", or "FAILED, its step collect still STARTED". */
    public static String unfinishedState(JobExecution orphan) {
        return orphan.getStepExecutions().stream().filter(s -> isOpen(s.getStatus())).findFirst()
                .filter(step -> !isOpen(orphan.getStatus()))
                .map(step -> orphan.getStatus() + ", its step " + step.getStepName() + " still " + step.getStatus())
                .orElse(String.valueOf(orphan.getStatus()));
    }

    private static boolean leftOpen(JobExecution execution) {
        return isOpen(execution.getStatus()) || execution.getStepExecutions().stream().anyMatch(s -> isOpen(s.getStatus()));
    }

    private static boolean isOpen(BatchStatus status) {
        return status.isRunning() || status == BatchStatus.UNKNOWN;
    }

    /** Ranges that did not complete and must be restarted (oldest first) before a new range is planned. */
    public List<JobExecution> unfinished(String jobName, String tenantId, String dataset) {
        return open(jobName, tenantId, dataset).stream().map(Open::last).filter(RunHistory::isUnfinished).toList();
    }

    /**
     * Event executions planned by a clock later than {@code now} (a {@code --now} or host clock that was ahead), not
     * yet set aside: what they read after the real time of their run did not exist yet, so their ranges must not
     * count as collected. Collect sets them aside ({@link #setAside}); status reports them.
     */
    public List<JobExecution> plannedAhead(String tenantId, String dataset, Instant now) {
        return upgraded().plannedAfter(JobParameterNames.EVENTS_JOB, tenantId, dataset, now).stream()
                .map(this::lastExecution).flatMap(Optional::stream)
                .sorted(Comparator.comparingLong(JobExecution::getJobInstanceId))
                .toList();
    }

    /**
     * Marks an execution planned ahead of the clock so that no later run trusts its range again — not even once
     * the real time has caught up with its clock, because its windows were still read before they were complete.
     * Kept in its execution context too: that is where an earlier version looks.
     */
    public void setAside(JobExecution execution, Instant detectedAt) {
        execution.getExecutionContext().putString(PLANNED_AHEAD, detectedAt.toString());
        repository.updateExecutionContext(execution);
        upgraded().find(execution.getJobInstance().getJobName(), IndexedJob.keyOf(execution.getJobParameters()))
                .ifPresent(row -> index.setAside(row, detectedAt));
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
        Stream<IndexedJob> settled = upgraded().furthestTrustedCompleted(JobParameterNames.EVENTS_JOB, tenantId,
                dataset, now).stream();
        Stream<IndexedJob> notYetSettled = completedOpen(tenantId, dataset).filter(row -> row.trusted(now));
        return Stream.concat(settled, notYetSettled).map(IndexedJob::completedRange)
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
    public List<TimeWindow> uncollected(String tenantId, String dataset, Instant now, Duration retention) {
        List<TimeWindow> result = new ArrayList<>();
        Optional<Instant> reached = watermark(tenantId, dataset, now);
        for (Open failed : open(JobParameterNames.EVENTS_JOB, tenantId, dataset)) {
            if (!isUnfinished(failed.last()) || !failed.row().trusted(now)) {
                continue;
            }
            Instant start = max(failed.row().rangeStart(), failed.row().plannedAt().minus(retention));
            Instant end = failed.row().rangeEnd();
            Instant resumeBefore = failed.last().getStepExecutions().stream()
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
        if (result.isEmpty()) {
            return result;
        }
        // what a range planned with a clock ahead covered was read (its windows are read again because they may
        // be incomplete), so it is not "never collected": calling it lost would be a false alarm for data the
        // lake most likely holds — after a --now in the past, certainly
        Instant from = result.stream().map(TimeWindow::start).min(Instant::compareTo).orElseThrow();
        Instant to = result.stream().map(TimeWindow::end).max(Instant::compareTo).orElseThrow();
        List<TimeWindow> lost = result;
        for (IndexedJob ahead : Stream.concat(
                index.untrustedCompleted(JobParameterNames.EVENTS_JOB, tenantId, dataset, now, from, to).stream(),
                completedOpen(tenantId, dataset).filter(row -> !row.trusted(now))).toList()) {
            lost = minus(lost, new TimeWindow(ahead.rangeStart(), ahead.rangeEnd()));
        }
        return lost;
    }

    /** The latest execution of this tenant's data type (the one created last), if it ever ran. */
    public Optional<JobExecution> last(String jobName, String tenantId, String dataset) {
        Stream<JobExecution> newest = upgraded().newest(jobName, tenantId, dataset, false).flatMap(this::lastExecution)
                .stream();
        return Stream.concat(newest, open(jobName, tenantId, dataset).stream().map(Open::last))
                .max(Comparator.comparing(JobExecution::getCreateTime));
    }

    /** The window length the newest event range of this tenant's dataset was collected in, if any. */
    public Optional<String> lastWindow(String tenantId, String dataset) {
        Stream<IndexedJob> newest = upgraded().newest(JobParameterNames.EVENTS_JOB, tenantId, dataset, true).stream();
        Stream<IndexedJob> open = open(JobParameterNames.EVENTS_JOB, tenantId, dataset).stream()
                .map(o -> o.row().seen(o.last().getJobInstanceId(), o.last().getStatus()))
                .filter(row -> row.window() != null);
        return Stream.concat(newest, open).max(Comparator.comparingLong(IndexedJob::instanceId)).map(IndexedJob::window);
    }

    public static Instant plannedAt(JobExecution e) {
        return Instant.parse(e.getJobParameters().getString(JobParameterNames.PLANNED_AT));
    }

    /** The rows not settled whose job did start, oldest instance first, each with its last execution. */
    private List<Open> open(String jobName, String tenantId, String dataset) {
        List<Open> open = new ArrayList<>();
        for (IndexedJob row : upgraded().open(jobName, tenantId, dataset)) {
            lastExecution(row).ifPresent(last -> open.add(new Open(row, last)));
        }
        open.sort(Comparator.comparingLong(o -> o.last().getJobInstanceId()));
        return open;
    }

    /** Event rows not settled in the index whose last execution has completed (seen by no run yet). */
    private Stream<IndexedJob> completedOpen(String tenantId, String dataset) {
        return open(JobParameterNames.EVENTS_JOB, tenantId, dataset).stream()
                .filter(o -> o.last().getStatus() == BatchStatus.COMPLETED).map(Open::row);
    }

    /** The last execution of the row's instance; empty when its job never started. */
    private Optional<JobExecution> lastExecution(IndexedJob row) {
        JobInstance instance = row.instanceId() != null ? repository.getJobInstance(row.instanceId())
                : repository.getJobInstance(row.jobName(), row.identifyingParameters());
        return Optional.ofNullable(instance).map(repository::getLastJobExecution);
    }

    /** The index, complete: created and filled from an earlier version's history, once per process. */
    private JobIndex upgraded() {
        if (!upgraded) {
            JobIndexUpgrade.ensure(dataSource, repository);
            upgraded = true;
        }
        return index;
    }

    private static boolean isUnfinished(JobExecution e) {
        return e.getStatus() == BatchStatus.FAILED || e.getStatus() == BatchStatus.STOPPED;
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

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
