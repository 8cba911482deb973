package com.entralake.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import com.entralake.batch.JobParameterNames;
import com.entralake.batch.JobRepositorySchema;

/**
 * Months of nightly runs, written straight into a job repository through Spring Batch as the runs would
 * have left them: completed hourly ranges and daily snapshots of one tenant, and as many instances of other
 * tenants beside them. Entra Lake's own tables are left alone, as a repository of an earlier version has them.
 */
public final class PriorHistory {

    private static final List<String> EVENTS = List.of("signins", "directory_audits");
    private static final List<String> SNAPSHOTS = List.of("users", "groups");

    private PriorHistory() {
    }

    /**
     * {@code instances} job instances: half of them the tenant's — its event ranges end at {@code watermark}, each
     * read three hours after it ended (beyond the lookback, so the next range starts at the watermark), its
     * snapshots one a day before — and half of them other tenants'.
     */
    public static void write(String jdbcUrl, String tenantId, int instances, Instant watermark) throws Exception {
        // one connection for all: opening one per statement is what makes writing a long history slow
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(jdbcUrl, "sa", "", true);
        try {
            write(dataSource, tenantId, instances, watermark);
        } finally {
            dataSource.destroy();
        }
    }

    private static void write(SingleConnectionDataSource dataSource, String tenantId, int instances, Instant watermark)
            throws Exception {
        JobRepositorySchema.ensure(dataSource);
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(new JdbcTransactionManager(dataSource));
        factory.afterPropertiesSet();
        JobRepository repository = factory.getObject();
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            boolean own = i % 2 == 1;
            String tenant = own ? tenantId : UUID.nameUUIDFromBytes(("other-" + i % 37).getBytes()).toString();
            int age = i / 2 / 4; // the how-manieth range or snapshot of its dataset, newest first
            String dataset = List.of("signins", "directory_audits", "users", "groups").get(i / 2 % 4);
            runs.add(EVENTS.contains(dataset) ? eventRange(tenant, dataset, watermark, age)
                    : snapshot(tenant, dataset, watermark, age));
        }
        // oldest first, as the nightly runs created them
        runs.sort(Comparator.comparing(Run::plannedAt));
        for (Run run : runs) {
            complete(repository, run);
        }
    }

    private record Run(String job, String step, Instant plannedAt, JobParameters parameters) {
    }

    private static Run eventRange(String tenant, String dataset, Instant watermark, int age) {
        Instant end = watermark.minus(Duration.ofHours(age));
        Instant start = end.minus(Duration.ofHours(1));
        Instant plannedAt = end.plus(Duration.ofHours(3));
        return new Run(JobParameterNames.EVENTS_JOB, JobParameterNames.EVENTS_STEP, plannedAt, new JobParametersBuilder()
                .addString(JobParameterNames.TENANT_ID, tenant)
                .addString(JobParameterNames.DATASET, dataset)
                .addString(JobParameterNames.RANGE_START, start.toString())
                .addString(JobParameterNames.RANGE_END, end.toString())
                .addString(JobParameterNames.WINDOW, Duration.ofHours(1).toString())
                .addString(JobParameterNames.PLANNED_AT, plannedAt.toString())
                .addString(JobParameterNames.RUN_ID, UUID.randomUUID().toString())
                .addString(JobParameterNames.NEW_FROM, start.toString(), false)
                .toJobParameters());
    }

    private static Run snapshot(String tenant, String dataset, Instant watermark, int age) {
        Instant plannedAt = watermark.minus(Duration.ofDays(age + 1));
        return new Run(JobParameterNames.SNAPSHOT_JOB, JobParameterNames.SNAPSHOT_STEP, plannedAt,
                new JobParametersBuilder()
                        .addString(JobParameterNames.TENANT_ID, tenant)
                        .addString(JobParameterNames.DATASET, dataset)
                        .addString(JobParameterNames.SNAPSHOT_DATE, plannedAt.atOffset(ZoneOffset.UTC).toLocalDate().toString())
                        .addString(JobParameterNames.PLANNED_AT, plannedAt.toString())
                        .addString(JobParameterNames.RUN_ID, UUID.randomUUID().toString())
                        .toJobParameters());
    }

    private static void complete(JobRepository repository, Run run) {
        JobInstance instance = repository.createJobInstance(run.job(), run.parameters());
        JobExecution execution = repository.createJobExecution(instance, run.parameters(), new ExecutionContext());
        LocalDateTime at = LocalDateTime.ofInstant(run.plannedAt(), ZoneOffset.UTC);
        execution.setStartTime(at);
        StepExecution step = repository.createStepExecution(run.step(), execution);
        step.setStartTime(at);
        step.setStatus(BatchStatus.COMPLETED);
        step.setExitStatus(ExitStatus.COMPLETED);
        step.setEndTime(at);
        repository.update(step);
        execution.setStatus(BatchStatus.COMPLETED);
        execution.setExitStatus(ExitStatus.COMPLETED);
        execution.setEndTime(at);
        repository.update(execution);
    }
}
