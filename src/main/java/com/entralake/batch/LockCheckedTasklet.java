package com.entralake.batch;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.entralake.tenant.TenantSessions;

/**
 * Checks the tenant lock at the end of every chunk (one Graph page), after the tasklet and before Spring
 * Batch commits the step's execution context: a run that lost its lock stops at the page it is on instead of
 * reading on. (When the step then fails, Spring Batch still saves its execution context; the restart point in
 * it only ever names windows proven complete, so what it says stays true.)
 */
final class LockCheckedTasklet implements Tasklet {

    private final Tasklet tasklet;
    private final TenantSessions sessions;

    LockCheckedTasklet(Tasklet tasklet, TenantSessions sessions) {
        this.tasklet = tasklet;
        this.sessions = sessions;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RepeatStatus status = tasklet.execute(contribution, chunkContext);
        String tenantId = contribution.getStepExecution().getJobParameters().getString(JobParameterNames.TENANT_ID);
        sessions.get(tenantId).lock().ensureHeld();
        return status;
    }
}
