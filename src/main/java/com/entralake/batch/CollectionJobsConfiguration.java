package com.entralake.batch;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.entralake.tenant.TenantSessions;

/**
 * The two collection jobs. They know nothing about particular data types: the dataset named in the
 * job parameters is looked up in the catalogue, so adding a data type never touches this wiring.
 */
@Configuration(proxyBeanMethods = false)
public class CollectionJobsConfiguration {

    @Bean
    Job collectEventsJob(JobRepository jobRepository, Step collectEventWindowsStep) {
        return new JobBuilder(JobParameterNames.EVENTS_JOB, jobRepository).start(collectEventWindowsStep).build();
    }

    @Bean
    Step collectEventWindowsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            CollectionContext context, TenantSessions sessions) {
        return perExecutionStep(JobParameterNames.EVENTS_STEP, jobRepository, transactionManager,
                new PerExecutionTasklet<>(() -> new EventCollectionTasklet(context, sessions)), sessions);
    }

    @Bean
    Job collectSnapshotJob(JobRepository jobRepository, Step collectSnapshotStep) {
        return new JobBuilder(JobParameterNames.SNAPSHOT_JOB, jobRepository).start(collectSnapshotStep).build();
    }

    @Bean
    Step collectSnapshotStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            CollectionContext context, TenantSessions sessions) {
        return perExecutionStep(JobParameterNames.SNAPSHOT_STEP, jobRepository, transactionManager,
                new PerExecutionTasklet<>(() -> new SnapshotCollectionTasklet(context, sessions)), sessions);
    }

    /**
     * A step of one tasklet that also listens to the step, so each execution gets and releases its own state;
     * every chunk ends with a check of the tenant lock.
     */
    private static Step perExecutionStep(String name, JobRepository jobRepository,
            PlatformTransactionManager transactionManager, PerExecutionTasklet<?> tasklet, TenantSessions sessions) {
        return new StepBuilder(name, jobRepository)
                .tasklet(new LockCheckedTasklet(tasklet, sessions), transactionManager)
                .listener(tasklet)
                .build();
    }
}
