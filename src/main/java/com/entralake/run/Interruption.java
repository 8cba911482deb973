package com.entralake.run;

import com.entralake.repository.ConnectionLoss;
import com.entralake.repository.FailureCauses;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import com.entralake.batch.JobParameterNames;
import com.entralake.batch.StepProgress;
import com.entralake.lock.TenantLockLostException;

/**
 * A data type stopped not by Graph or by a bug but because the run lost its tenant lock or its job
 * repository. The operator gets one message: what was lost (and why, in a line), what had been committed,
 * and that the next run resumes — instead of the layers of exceptions Spring Batch and the driver stack up.
 */
final class Interruption {

    private static final Logger log = LoggerFactory.getLogger(Interruption.class);

    private Interruption() {
    }

    /** The message for a data type whose job execution failed this way, or empty when it failed otherwise. */
    static Optional<String> of(JobExecution execution, String repository) {
        for (Throwable failure : execution.getAllFailureExceptions()) {
            Optional<String> lost = lockLost(failure);
            if (lost.isPresent()) {
                return Optional.of(lost.get() + ". " + committed(execution));
            }
        }
        for (Throwable failure : execution.getAllFailureExceptions()) {
            Optional<String> cause = ConnectionLoss.cause(failure);
            if (cause.isPresent()) {
                return Optional.of(repositoryLost(repository, cause.get()) + ". " + committed(execution));
            }
        }
        return Optional.empty();
    }

    /** The same for a failure outside a job execution (starting one, reading the history, the manifest). */
    static Optional<String> of(Throwable failure, String repository) {
        String after = ". What this data type committed before that stays; the next run resumes it without losing"
                + " or repeating a record";
        return lockLost(failure).map(reason -> reason + after)
                .or(() -> ConnectionLoss.cause(failure).map(cause -> repositoryLost(repository, cause) + after));
    }

    /** The tenant stops where its lock was lost: the data types not reached yet are left to the next run. */
    static TenantOutcome tenantStopped(String name, String tenantId, String reason, List<DataTypeOutcome> done) {
        // the lanes stop after the type each is on: named is the one that met the loss, else the last one done
        DataTypeOutcome met = done.stream().filter(o -> o.message() != null && o.message().contains(reason)).findFirst()
                .orElse(done.get(done.size() - 1));
        String message = "stopped after " + met.dataset() + ": "
                + (met.message() != null && met.message().contains(reason)
                        ? "the tenant lock was lost (see " + met.dataset() + ")" : reason)
                + "; the next run resumes what this run did not collect";
        log.error("{} ({}): {}", name, tenantId, message);
        return new TenantOutcome(name, tenantId, TenantOutcome.Status.FAILED, message, done);
    }

    private static Optional<String> lockLost(Throwable failure) {
        for (Throwable t : FailureCauses.of(failure)) {
            if (t instanceof TenantLockLostException lost) {
                return Optional.of(lost.getMessage());
            }
        }
        return Optional.empty();
    }

    private static String repositoryLost(String repository, String cause) {
        return "the job repository was lost (" + repository + ": " + cause + ")";
    }

    /**
     * What the execution had committed, from its step's execution context as this process last knew it (the
     * repository may hold an older restart point; the next run then rewrites those windows whole).
     */
    static String committed(JobExecution execution) {
        JobParameters params = execution.getJobParameters();
        Optional<StepExecution> step = execution.getStepExecutions().stream().findFirst();
        String snapshotDate = params.getString(JobParameterNames.SNAPSHOT_DATE);
        if (snapshotDate != null) {
            boolean swapped = step.map(s -> s.getExecutionContext().getLong(StepProgress.FILES_COMMITTED, 0L) > 0)
                    .orElse(false);
            return swapped ? "The snapshot of " + snapshotDate + " was committed."
                    : "The snapshot of " + snapshotDate + " was not committed (the one before stays visible);"
                            + " the next run takes it again.";
        }
        Instant start = Instant.parse(params.getString(JobParameterNames.RANGE_START));
        Instant end = Instant.parse(params.getString(JobParameterNames.RANGE_END));
        Instant resumeBefore = step.filter(s -> s.getExecutionContext().containsKey(StepProgress.RESUME_BEFORE))
                .map(s -> Instant.parse(s.getExecutionContext().getString(StepProgress.RESUME_BEFORE)))
                .orElse(end);
        String committed = !resumeBefore.isBefore(end) ? "No window of " + start + " .. " + end + " was committed"
                : !resumeBefore.isAfter(start) ? "Every window of " + start + " .. " + end + " was committed"
                : "Committed before that: the windows " + resumeBefore + " .. " + end + " of " + start + " .. " + end;
        return committed + "; the next run resumes the range without losing or repeating a record.";
    }
}
