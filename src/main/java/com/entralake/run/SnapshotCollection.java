package com.entralake.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

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
import com.entralake.lake.PartitionManifest;
import com.entralake.tenant.TenantSession;

/**
 * Snapshots (a listing or a single object): one picture of the day per run. An interrupted one is taken again,
 * never resumed, because a picture of two moments would show objects that never existed together.
 */
final class SnapshotCollection implements ModeCollection {

    private final JobOperator jobOperator;
    private final Job snapshotJob;
    private final RunHistory history;
    private final CollectionContext context;

    SnapshotCollection(JobOperator jobOperator, Job snapshotJob, RunHistory history, CollectionContext context) {
        this.jobOperator = jobOperator;
        this.snapshotJob = snapshotJob;
        this.history = history;
        this.context = context;
    }

    @Override
    public Optional<JobExecution> collect(TenantSession session, DataType type, String runId, Tally tally)
            throws Exception {
        String tenantId = session.tenantId();
        for (JobExecution failed : history.unfinished(JobParameterNames.SNAPSHOT_JOB, tenantId, type.dataset())) {
            // a snapshot is a picture of one moment: an interrupted one is taken again, not resumed
            history.seen(jobOperator.abandon(failed));
        }
        Instant now = context.clock().now();
        LocalDate date = now.atOffset(ZoneOffset.UTC).toLocalDate();
        JobParameters parameters = snapshotParameters(tenantId, type, date, now, runId);
        history.planned(JobParameterNames.SNAPSHOT_JOB, parameters);
        JobExecution execution = jobOperator.start(snapshotJob, parameters);
        history.seen(execution);
        tally.add(execution);
        tally.covered = "snapshot_date=" + date;
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return Optional.of(execution);
        }
        session.lock().ensureHeld();
        PartitionManifest.writeSnapshot(context.lake(), context.layout(), type.dataset(), tenantId, date, now);
        return Optional.empty();
    }

    private static JobParameters snapshotParameters(String tenantId, DataType type, LocalDate date, Instant now,
            String runId) {
        return new JobParametersBuilder()
                .addString(JobParameterNames.TENANT_ID, tenantId)
                .addString(JobParameterNames.DATASET, type.dataset())
                .addString(JobParameterNames.SNAPSHOT_DATE, date.toString())
                .addString(JobParameterNames.PLANNED_AT, now.toString())
                .addString(JobParameterNames.RUN_ID, runId)
                .toJobParameters();
    }
}
