package com.entralake.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;

import com.entralake.batch.CollectionContext;
import com.entralake.batch.JobParameterNames;
import com.entralake.batch.RunHistory;
import com.entralake.catalog.DataType;
import com.entralake.connectivity.ManagedAvailability;
import com.entralake.connectivity.Retention;
import com.entralake.lake.FinalDays;
import com.entralake.lake.PartitionCompactor;
import com.entralake.lake.PartitionManifest;
import com.entralake.tenant.TenantSession;
import com.entralake.window.DataGap;
import com.entralake.window.RangePlanner;
import com.entralake.window.TimeWindow;

/**
 * Time windows: ranges planned from the watermark, a failed range resumed before a new one is planned, ranges a
 * clock ahead planned set aside, what aged out of Graph's retention reported as a gap, and the manifest written
 * once the ranges are complete.
 */
final class EventWindowCollection implements ModeCollection {

    private static final Logger log = LoggerFactory.getLogger(EventWindowCollection.class);

    private final JobOperator jobOperator;
    private final Job eventsJob;
    private final RunHistory history;
    private final CollectionContext context;
    private final ManagedAvailability availability;

    EventWindowCollection(JobOperator jobOperator, Job eventsJob, RunHistory history, CollectionContext context,
            ManagedAvailability availability) {
        this.jobOperator = jobOperator;
        this.eventsJob = eventsJob;
        this.history = history;
        this.context = context;
        this.availability = availability;
    }

    @Override
    public Optional<JobExecution> collect(TenantSession session, DataType type, String runId, Tally tally)
            throws Exception {
        String tenantId = session.tenantId();
        setAsideRangesPlannedAhead(session, type, tally);
        reportGaps(session, type, tally);
        for (JobExecution failed : history.unfinished(JobParameterNames.EVENTS_JOB, tenantId, type.dataset())) {
            log.info("{} [{}]: resuming range {} .. {} from an earlier run", type.dataset(), session.name(),
                    failed.getJobParameters().getString(JobParameterNames.RANGE_START),
                    failed.getJobParameters().getString(JobParameterNames.RANGE_END));
            JobExecution resumed = jobOperator.restart(failed);
            history.seen(resumed);
            tally.add(resumed);
            if (resumed.getStatus() != BatchStatus.COMPLETED) {
                return Optional.of(resumed);
            }
        }
        Instant now = context.clock().now();
        var settings = context.settings();
        Optional<RangePlanner.CompletedRange> last = history.lastCompletedRange(tenantId, type.dataset(), now);
        Optional<TimeWindow> range = new RangePlanner(settings.getWindow(), settings.getBackfill(),
                settings.getLag(), settings.getLookback()).plan(last, now);
        if (range.isPresent() && last.isEmpty() && history.unfinished(JobParameterNames.EVENTS_JOB, tenantId,
                type.dataset()).isEmpty()) {
            // a new data type (after an upgrade, or newly selected) starts with its backfill: say so
            tally.note("first collection of " + type.dataset() + ": backfilling from " + range.get().start());
        }
        if (range.isPresent()) {
            Instant newFrom = last.map(RangePlanner.CompletedRange::end).orElse(range.get().start());
            JobParameters parameters = eventParameters(tenantId, type, range.get(), newFrom, now, runId);
            history.planned(JobParameterNames.EVENTS_JOB, parameters);
            JobExecution execution = jobOperator.start(eventsJob, parameters);
            history.seen(execution);
            tally.add(execution);
            tally.covered = range.get().toString();
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                return Optional.of(execution);
            }
        }
        settleFinalDays(session, type, tenantId, tally);
        return Optional.empty();
    }

    /**
     * Window files are named by their window; a different window length would write new files beside the
     * old ones for the same hours, and readers would see those records twice. So a change is refused.
     */
    @Override
    public Optional<String> refusal(TenantSession session, DataType type) {
        String tenantId = session.tenantId();
        String configured = context.settings().getWindow().toString();
        return history.lastWindow(tenantId, type.dataset())
                .filter(previous -> !previous.equals(configured))
                .map(previous -> "entralake.collection.window is " + configured + " but this lake was collected in "
                        + previous + " windows; window files are named by their window, so collecting with another "
                        + "length would put records twice in the lake. Set it back to " + previous
                        + ", or move the dataset's folder and the tenant's job history away to start over.");
    }

    /**
     * A run whose clock was ahead (a {@code --now} or a host clock set in the future) read windows before their
     * records existed and moved the watermark past the real time. Its ranges are set aside for good — not
     * resumed, never trusted again — so planning starts again from the last trustworthy range and the windows
     * after it are read again instead of being skipped as settled.
     */
    private void setAsideRangesPlannedAhead(TenantSession session, DataType type, Tally tally)
            throws org.springframework.batch.core.launch.JobExecutionAlreadyRunningException {
        Instant now = context.clock().now();
        List<JobExecution> ahead = history.plannedAhead(session.tenantId(), type.dataset(), now);
        if (ahead.isEmpty()) {
            return;
        }
        for (JobExecution execution : ahead) {
            if (execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED) {
                history.seen(jobOperator.abandon(execution));
            }
            history.setAside(execution, now);
        }
        Instant latest = ahead.stream().map(RunHistory::plannedAt).max(Instant::compareTo).orElseThrow();
        String message = ahead.size() + " earlier run(s) planned with a clock ahead of now (the latest at " + latest
                + ", now " + now + "): a --now or host clock was set in the future. Their windows are read again from "
                + history.lastCompletedRange(session.tenantId(), type.dataset(), now)
                        .map(l -> "the last trustworthy watermark " + l.end()).orElse("a new backfill")
                + "; check the host clock (NTP)";
        log.warn("{} [{}]: {}", type.dataset(), session.name(), message);
        tally.note(message);
    }

    /**
     * Before anything is read: what is still uncollected but older than Graph keeps is lost. Said now, and
     * kept in the database, because once this run moves the watermark past it nothing else remembers it.
     */
    private void reportGaps(TenantSession session, DataType type, Tally tally) {
        Instant now = context.clock().now();
        java.time.Duration retention = availability.retention(session.tenantId(), type);
        var uncollected = history.uncollected(session.tenantId(), type.dataset(), now, retention);
        for (DataGap gap : DataGap.within(uncollected, now, retention)) {
            log.warn("{} [{}]: DATA GAP: {}", type.dataset(), session.name(), gap.describe());
            tally.note("data gap: " + gap.describe());
        }
        // kept for good only what is lost under any licence: a Free retention inferred from a licence 403 (which
        // Graph sometimes sends intermittently) must never become a permanent false "lost" in status
        java.time.Duration longest = Retention.longest(type);
        for (DataGap certain : DataGap.within(history.uncollected(session.tenantId(), type.dataset(), now, longest),
                now, longest)) {
            availability.recordGap(session.tenantId(), type.dataset(), certain, now);
        }
    }

    /**
     * After a complete collection: compacts the days that have become final, then writes the manifest, which lists
     * what is in the lake (so it names the compacted files, and marks those days compacted).
     */
    private void settleFinalDays(TenantSession session, DataType type, String tenantId, Tally tally) throws java.io.IOException {
        Optional<Instant> watermark = history.watermark(tenantId, type.dataset(), context.clock().now());
        if (watermark.isEmpty()) {
            return;
        }
        if (context.settings().isCompactFinalDays()) {
            compactFinalDays(session, type, tenantId, watermark.get(), tally);
        }
        session.lock().ensureHeld();
        PartitionManifest.writeEvents(context.lake(), context.layout(), type.dataset(), tenantId, watermark.get(),
                context.settings().getLookback(), context.clock().now());
    }

    /** Every final day not compacted yet (a crashed compaction's day too: it is found uncompacted again). */
    private void compactFinalDays(TenantSession session, DataType type, String tenantId, Instant watermark, Tally tally)
            throws java.io.IOException {
        PartitionCompactor compactor = context.compactorOf(type);
        java.time.Duration lookback = context.settings().getLookback();
        int days = 0;
        int filesBefore = 0;
        int filesAfter = 0;
        for (var day : FinalDays.uncompacted(context.lake(), context.layout(), type.dataset(), tenantId, watermark, lookback)) {
            Optional<PartitionCompactor.Compaction> done;
            context.compactions().acquireUninterruptibly();
            try {
                session.lock().ensureHeld();
                done = compactor.compact(day);
            } catch (java.io.IOException e) {
                // what was collected is committed and whole: the day stays in its window files, and the next run
                // compacts it; a lost lock or a bug still stops the type (not caught here)
                String message = "could not compact " + day.getName() + " (" + e.getMessage()
                        + "); it stays in its window files and the next run tries again";
                log.warn("{} [{}]: {}", type.dataset(), session.name(), message);
                tally.note(message);
                continue;
            } finally {
                context.compactions().release();
            }
            if (done.isPresent()) {
                days++;
                filesBefore += done.get().filesBefore();
                filesAfter += done.get().filesAfter();
                log.debug("{} [{}]: compacted {}: {} files into {}, {} records", type.dataset(), session.name(),
                        day.getName(), done.get().filesBefore(), done.get().filesAfter(), done.get().records());
            }
        }
        if (days > 0) {
            String message = String.format(java.util.Locale.ROOT, "compacted %d final day(s): %,d window files into %,d",
                    days, filesBefore, filesAfter);
            log.info("{} [{}]: {}", type.dataset(), session.name(), message);
            tally.note(message);
        }
    }

    private JobParameters eventParameters(String tenantId, DataType type, TimeWindow range, Instant newFrom, Instant now,
            String runId) {
        java.time.Duration window = context.settings().getWindow();
        return new JobParametersBuilder()
                .addString(JobParameterNames.TENANT_ID, tenantId)
                .addString(JobParameterNames.DATASET, type.dataset())
                .addString(JobParameterNames.RANGE_START, range.start().toString())
                .addString(JobParameterNames.RANGE_END, range.end().toString())
                .addString(JobParameterNames.WINDOW, window.toString())
                .addString(JobParameterNames.PLANNED_AT, now.toString())
                .addString(JobParameterNames.RUN_ID, runId)
                .addString(JobParameterNames.NEW_FROM, newFrom.toString(), false)
                .toJobParameters();
    }
}
