package com.entralake.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Gives every step execution its own stateful tasklet (an open window, a nextLink), so several tenants
 * can run the same step at once. Does by hand, visibly, what a step-scoped bean would.
 */
final class PerExecutionTasklet<T extends Tasklet & StepExecutionListener> implements Tasklet, StepExecutionListener {

    private final Supplier<T> factory;
    private final Map<Long, T> live = new ConcurrentHashMap<>();

    PerExecutionTasklet(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        T tasklet = factory.get();
        live.put(stepExecution.getId(), tasklet);
        tasklet.beforeStep(stepExecution);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        return live.get(contribution.getStepExecution().getId()).execute(contribution, chunkContext);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        T tasklet = live.remove(stepExecution.getId());
        return tasklet == null ? stepExecution.getExitStatus() : tasklet.afterStep(stepExecution);
    }
}
