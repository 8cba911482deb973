package com.entralake.batch;

import java.time.Instant;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.entralake.window.RangePlanner;

/**
 * One row of the {@link JobIndex}: a collection job instance, named by its job and the key of its identifying
 * parameters (as Spring Batch names it), with the parameters that planning asks about.
 *
 * @param instanceId Spring Batch's id of the instance; null until this process or a later one has seen it exist
 *                   (the row is written before the job starts)
 * @param settled    COMPLETED or ABANDONED once its last execution was seen so: nothing changes it again; null
 *                   while it may still run, fail, be recovered or be resumed
 * @param setAsideAt when a run found it planned with a clock ahead of its own; its range is never trusted again
 */
public record IndexedJob(String jobName, String jobKey, Long instanceId, String tenantId, String dataset,
        Instant rangeStart, Instant rangeEnd, String snapshotDate, String window, Instant plannedAt, String runId,
        BatchStatus settled, Instant setAsideAt) {

    /** The identifying parameters of a collection job, all text: what {@link #identifyingParameters()} rebuilds. */
    private static final List<String> IDENTIFYING = List.of(JobParameterNames.TENANT_ID, JobParameterNames.DATASET,
            JobParameterNames.RANGE_START, JobParameterNames.RANGE_END, JobParameterNames.SNAPSHOT_DATE,
            JobParameterNames.WINDOW, JobParameterNames.PLANNED_AT, JobParameterNames.RUN_ID);

    private static final DefaultJobKeyGenerator KEYS = new DefaultJobKeyGenerator();

    /** The row of a job about to start with {@code parameters}: not known to Spring Batch yet, not settled. */
    public static IndexedJob of(String jobName, JobParameters parameters) {
        return new IndexedJob(jobName, keyOf(parameters), null, parameters.getString(JobParameterNames.TENANT_ID),
                parameters.getString(JobParameterNames.DATASET), instant(parameters, JobParameterNames.RANGE_START),
                instant(parameters, JobParameterNames.RANGE_END), parameters.getString(JobParameterNames.SNAPSHOT_DATE),
                parameters.getString(JobParameterNames.WINDOW), instant(parameters, JobParameterNames.PLANNED_AT),
                parameters.getString(JobParameterNames.RUN_ID), null, null);
    }

    /** Whether {@code parameters} name a collection job this index can hold (an old history may have others). */
    static boolean indexable(JobParameters parameters) {
        return parameters.getString(JobParameterNames.TENANT_ID) != null
                && parameters.getString(JobParameterNames.DATASET) != null
                && parameters.getString(JobParameterNames.PLANNED_AT) != null;
    }

    /** Spring Batch's key of a job instance: of its identifying parameters only. */
    public static String keyOf(JobParameters parameters) {
        return KEYS.generateKey(parameters);
    }

    /**
     * The identifying parameters the job was started with, rebuilt from the row: how a row whose instance id is
     * not known yet (its process died while starting it) finds its instance. Instants print as the collector
     * printed them ({@link Instant#toString()}).
     */
    public JobParameters identifyingParameters() {
        JobParametersBuilder builder = new JobParametersBuilder();
        for (String name : IDENTIFYING) {
            String value = switch (name) {
                case JobParameterNames.TENANT_ID -> tenantId;
                case JobParameterNames.DATASET -> dataset;
                case JobParameterNames.RANGE_START -> text(rangeStart);
                case JobParameterNames.RANGE_END -> text(rangeEnd);
                case JobParameterNames.SNAPSHOT_DATE -> snapshotDate;
                case JobParameterNames.WINDOW -> window;
                case JobParameterNames.PLANNED_AT -> text(plannedAt);
                default -> runId;
            };
            if (value != null) {
                builder.addString(name, value);
            }
        }
        return builder.toJobParameters();
    }

    IndexedJob seen(long id, BatchStatus lastStatus) {
        return new IndexedJob(jobName, jobKey, id, tenantId, dataset, rangeStart, rangeEnd, snapshotDate, window,
                plannedAt, runId, settledBy(lastStatus), setAsideAt);
    }

    IndexedJob setAside(Instant at) {
        return new IndexedJob(jobName, jobKey, instanceId, tenantId, dataset, rangeStart, rangeEnd, snapshotDate, window,
                plannedAt, runId, settled, at);
    }

    /** COMPLETED and ABANDONED are final: no execution of the instance follows them. */
    static BatchStatus settledBy(BatchStatus lastStatus) {
        return lastStatus == BatchStatus.COMPLETED || lastStatus == BatchStatus.ABANDONED ? lastStatus : null;
    }

    /** A run at {@code now} may count its range as collected: planned no later than now, and never set aside. */
    public boolean trusted(Instant now) {
        return setAsideAt == null && !plannedAt.isAfter(now);
    }

    public RangePlanner.CompletedRange completedRange() {
        return new RangePlanner.CompletedRange(rangeStart, rangeEnd, plannedAt);
    }

    private static Instant instant(JobParameters parameters, String name) {
        String value = parameters.getString(name);
        return value == null ? null : Instant.parse(value);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
