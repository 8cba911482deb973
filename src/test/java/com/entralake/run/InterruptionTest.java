package com.entralake.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessResourceFailureException;

import com.entralake.batch.JobParameterNames;
import com.entralake.batch.StepProgress;
import com.entralake.lock.TenantLockLostException;

class InterruptionTest {

    private static final String REPOSITORY = "jdbc:postgresql://db/lake?user=el&password=***";

    @Test
    void aLostLockSaysWhyAndWhatWasCommitted() {
        JobExecution execution = events("2026-11-20T06:00:00Z");
        execution.addFailureException(new TenantLockLostException("the tenant lock of contoso was lost: its session ended"));
        assertThat(Interruption.of(execution, REPOSITORY)).hasValue("the tenant lock of contoso was lost: its session"
                + " ended. Committed before that: the windows 2026-11-20T06:00:00Z .. 2026-11-20T10:00:00Z of"
                + " 2026-11-19T10:00:00Z .. 2026-11-20T10:00:00Z; the next run resumes the range without losing or"
                + " repeating a record.");
    }

    @Test
    void aLostRepositoryNamesItWithoutPasswordAndTheDriversReason() {
        JobExecution execution = events(null);
        execution.addFailureException(new DataAccessResourceFailureException("PreparedStatementCallback; SQL [UPDATE ...]",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertThat(Interruption.of(execution, REPOSITORY)).hasValue("the job repository was lost (" + REPOSITORY
                + ": FATAL: terminating connection due to administrator command). No window of 2026-11-19T10:00:00Z .."
                + " 2026-11-20T10:00:00Z was committed; the next run resumes the range without losing or repeating a record.");
    }

    @Test
    void aSnapshotNotSwappedInIsSaidSo() {
        JobParameters params = new JobParametersBuilder().addString(JobParameterNames.SNAPSHOT_DATE, "2026-11-20")
                .toJobParameters();
        JobExecution execution = new JobExecution(1L, new JobInstance(1L, "collectSnapshot"), params);
        execution.addStepExecution(new StepExecution(1L, "collectSnapshot", execution));
        assertThat(Interruption.committed(execution)).isEqualTo("The snapshot of 2026-11-20 was not committed (the one"
                + " before stays visible); the next run takes it again.");
    }

    @Test
    void otherFailuresAreLeftToTheirOwnMessage() {
        JobExecution execution = events(null);
        execution.addFailureException(new IllegalStateException("Graph returned signins out of order"));
        assertThat(Interruption.of(execution, REPOSITORY)).isEmpty();
        assertThat(Interruption.of(new IllegalStateException("x"), REPOSITORY)).isEmpty();
    }

    @Test
    void theTenantLineRefersToTheDataTypeThatSaidIt() {
        String reason = "the tenant lock of contoso was lost: its session ended";
        TenantOutcome outcome = Interruption.tenantStopped("contoso", "t", reason, List.of(
                DataTypeOutcome.of("signins", DataTypeOutcome.Status.FAILED, reason + ". Committed before that: ...")));
        assertThat(outcome.status()).isEqualTo(TenantOutcome.Status.FAILED);
        assertThat(outcome.message()).isEqualTo("stopped after signins: the tenant lock was lost (see signins); the next"
                + " run resumes what this run did not collect");
    }

    @Test
    void withLanesTheTenantLineNamesTheTypeThatMetTheLossNotTheLastOneDone() {
        String reason = "the tenant lock of contoso was lost: its session ended";
        TenantOutcome outcome = Interruption.tenantStopped("contoso", "t", reason, List.of(
                DataTypeOutcome.of("signins", DataTypeOutcome.Status.FAILED, reason + ". Committed before that: ..."),
                DataTypeOutcome.of("users", DataTypeOutcome.Status.COLLECTED, "collected"),
                DataTypeOutcome.of("groups", DataTypeOutcome.Status.COLLECTED, null)));
        assertThat(outcome.message()).startsWith("stopped after signins: the tenant lock was lost (see signins)");
    }

    private static JobExecution events(String resumeBefore) {
        JobParameters params = new JobParametersBuilder()
                .addString(JobParameterNames.RANGE_START, "2026-11-19T10:00:00Z")
                .addString(JobParameterNames.RANGE_END, "2026-11-20T10:00:00Z").toJobParameters();
        JobExecution execution = new JobExecution(1L, new JobInstance(1L, "collectEvents"), params);
        StepExecution step = new StepExecution(1L, "collectEventWindows", execution);
        if (resumeBefore != null) {
            step.getExecutionContext().putString(StepProgress.RESUME_BEFORE, resumeBefore);
        }
        execution.addStepExecution(step);
        return execution;
    }
}
