package com.entralake.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Every shape in which a run can leave an execution that Spring Batch refuses to restart, on a real H2 job
 * repository and checked by Batch's own launcher: found by {@link RunHistory#orphaned}, and restartable from
 * its restart point once {@link RunHistory#recover recovered}.
 */
@SuppressWarnings("removal") // TaskExecutorJobLauncher: the restart checks Batch's operator runs, called directly
class RunHistoryRecoveryTest {

    private static final String TENANT = "9fc5398f-f5fd-3bde-acca-532731fbf528";

    private SingleConnectionDataSource dataSource;
    private JdbcTransactionManager transactions;
    private JobRepository repository;
    private RunHistory history;

    @BeforeEach
    void repository() throws Exception {
        dataSource = new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "", true);
        JobRepositorySchema.ensure(dataSource);
        transactions = new JdbcTransactionManager(dataSource);
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(transactions);
        factory.afterPropertiesSet();
        repository = factory.getObject();
        JobIndexUpgrade.ensure(dataSource, repository);
        history = new RunHistory(repository, dataSource);
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    /**
     * {@code earlier}: an execution of the same instance before the last one (empty: none). Batch checks every
     * execution of an instance for "running" and UNKNOWN, not only the last.
     */
    @ParameterizedTest(name = "job {0}, step {1}, an earlier execution {2}")
    @CsvSource(nullValues = "-", value = {
            "STARTED, STARTED, -",      // the process died mid-step
            "STARTING, -, -",           // it died before the step began
            "FAILED, STARTED, -",       // the repository came back for the job's update, not the step's
            "UNKNOWN, UNKNOWN, -",      // Batch could not record a failure it met
            "FAILED, FAILED, UNKNOWN",  // an older execution still UNKNOWN
            "STOPPING, STOPPING, FAILED" })
    void anExecutionBatchWouldRefuseToRestartIsFoundAndRecovered(BatchStatus job, BatchStatus step, BatchStatus earlier)
            throws Exception {
        JobParameters parameters = parameters();
        history.planned(JobParameterNames.EVENTS_JOB, parameters);
        JobInstance instance = repository.createJobInstance(JobParameterNames.EVENTS_JOB, parameters);
        if (earlier != null) {
            execution(instance, parameters, earlier, earlier, "2026-11-20T03:00:00Z");
        }
        JobExecution last = execution(instance, parameters, job, step, "2026-11-20T06:00:00Z");
        Job restartable = job();
        assertThatThrownBy(() -> launcher().run(restartable, parameters)).as("Batch refuses it as it was left")
                .isInstanceOfAny(org.springframework.batch.core.launch.JobExecutionAlreadyRunningException.class,
                        org.springframework.batch.core.launch.JobRestartException.class);

        assertThat(history.orphaned(JobParameterNames.EVENTS_JOB, TENANT, "signins")).extracting(JobExecution::getId)
                .containsExactly(last.getId());
        history.recover(history.orphaned(JobParameterNames.EVENTS_JOB, TENANT, "signins").get(0));

        assertThat(history.orphaned(JobParameterNames.EVENTS_JOB, TENANT, "signins")).as("nothing left unfinished").isEmpty();
        assertThat(history.unfinished(JobParameterNames.EVENTS_JOB, TENANT, "signins")).as("a range to resume")
                .extracting(JobExecution::getJobInstanceId).containsExactly(instance.getInstanceId());
        JobExecution restarted = launcher().run(restartable, parameters);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).as("the same instance, restarted").isEqualTo(instance.getInstanceId());
        assertThat(restarted.getStepExecutions()).singleElement()
                .satisfies(s -> assertThat(s.getExecutionContext().get(StepProgress.RESUME_BEFORE))
                        .as("the restart point the step had saved, if it began")
                        .isEqualTo(step == null ? null : "2026-11-20T06:00:00Z"));
    }

    private JobExecution execution(JobInstance instance, JobParameters parameters, BatchStatus jobStatus,
            BatchStatus stepStatus, String resumeBefore) {
        JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStartTime(java.time.LocalDateTime.now());
        if (stepStatus != null) {
            StepExecution step = repository.createStepExecution("collect", execution);
            step.setStartTime(java.time.LocalDateTime.now());
            step.getExecutionContext().putString(StepProgress.RESUME_BEFORE, resumeBefore);
            repository.updateExecutionContext(step);
            step.setStatus(stepStatus);
            repository.update(step);
        }
        execution.setStatus(jobStatus);
        if (!jobStatus.isRunning()) {
            execution.setEndTime(java.time.LocalDateTime.now());
        }
        repository.update(execution);
        return execution;
    }

    /** A job whose step keeps the restart point it finds, as the collection steps do. */
    private Job job() {
        return new JobBuilder(JobParameterNames.EVENTS_JOB, repository)
                .start(new StepBuilder("collect", repository)
                        .tasklet((contribution, chunk) -> RepeatStatus.FINISHED, transactions)
                        .allowStartIfComplete(false).build())
                .build();
    }

    private TaskExecutorJobLauncher launcher() throws Exception {
        TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
        launcher.setJobRepository(repository);
        launcher.afterPropertiesSet();
        return launcher;
    }

    private static JobParameters parameters() {
        Instant end = Instant.parse("2026-11-20T10:00:00Z");
        return new JobParametersBuilder()
                .addString(JobParameterNames.TENANT_ID, TENANT)
                .addString(JobParameterNames.DATASET, "signins")
                .addString(JobParameterNames.RANGE_START, end.minusSeconds(86_400).toString())
                .addString(JobParameterNames.RANGE_END, end.toString())
                .addString(JobParameterNames.WINDOW, "PT1H")
                .addString(JobParameterNames.PLANNED_AT, "2026-11-20T10:07:00Z")
                .addString(JobParameterNames.RUN_ID, UUID.randomUUID().toString())
                .addString(JobParameterNames.NEW_FROM, end.minusSeconds(86_400).toString(), false)
                .toJobParameters();
    }
}
