package com.entralake.batch;

import java.time.LocalDate;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.transaction.PlatformTransactionManager;

import com.entralake.graph.GraphPage;
import com.entralake.tenant.TenantSessions;

/**
 * The two collection jobs, each one chunk-oriented step: a paged reader over Graph, a processor that makes rows,
 * a writer that writes the partitioned Parquet and commits what is complete. They know nothing about particular
 * data types: the dataset named in the job parameters is looked up in the catalogue, so adding a data type never
 * touches this wiring.
 *
 * <p>The readers, processors and writers are step-scoped: several tenants and data types run the same step at once,
 * each execution with its own open window and its own cursor. A chunk is {@link #ONE_PAGE}: Graph's nextLink is
 * the only cursor there is, so the page is what a transaction, a restart point and a lock check can follow.
 */
@Configuration(proxyBeanMethods = false)
public class CollectionJobsConfiguration {

    /** Items are Graph pages, one per chunk (see the class comment). */
    static final int ONE_PAGE = 1;
    private static final String STEP_EXECUTION = "#{stepExecution}";

    @Bean
    Job collectEventsJob(JobRepository jobRepository, Step collectEventWindowsStep) {
        return new JobBuilder(JobParameterNames.EVENTS_JOB, jobRepository).start(collectEventWindowsStep).build();
    }

    @Bean
    Step collectEventWindowsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            EventQueryReader eventQueryReader, EventPagePlacer eventPagePlacer,
            EventWindowItemWriter eventWindowItemWriter) {
        return new StepBuilder(JobParameterNames.EVENTS_STEP, jobRepository).<QueryPage, PlacedPage>chunk(ONE_PAGE)
                .transactionManager(transactionManager)
                .reader(eventQueryReader)
                .processor(eventPagePlacer)
                .writer(eventWindowItemWriter)
                .build();
    }

    @Bean
    Job collectSnapshotJob(JobRepository jobRepository, Step collectSnapshotStep) {
        return new JobBuilder(JobParameterNames.SNAPSHOT_JOB, jobRepository).start(collectSnapshotStep).build();
    }

    @Bean
    Step collectSnapshotStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            GraphPageReader snapshotPageReader, SnapshotPageNormalizer snapshotPageNormalizer,
            SnapshotPartitionWriter snapshotPartitionWriter) {
        return new StepBuilder(JobParameterNames.SNAPSHOT_STEP, jobRepository).<GraphPage, SnapshotPage>chunk(ONE_PAGE)
                .transactionManager(transactionManager)
                .reader(snapshotPageReader)
                .processor(snapshotPageNormalizer)
                .writer(snapshotPartitionWriter)
                .build();
    }

    /** What a step execution collects, from its job parameters; shared by its reader, processor and writer. */
    @Bean
    @Scope("step")
    StepSubject stepSubject(@Value(STEP_EXECUTION) StepExecution stepExecution, TenantSessions sessions,
            CollectionContext context) {
        return StepSubject.of(stepExecution, sessions, context);
    }

    @Bean
    @Scope("step")
    EventRange eventRange(@Value(STEP_EXECUTION) StepExecution stepExecution, StepSubject stepSubject,
            CollectionContext context) {
        return new EventRange(stepSubject, stepExecution.getJobParameters(), context.settings().getWindow());
    }

    @Bean
    @StepScope
    EventQueryReader eventQueryReader(EventRange eventRange) {
        return new EventQueryReader(eventRange);
    }

    @Bean
    @StepScope
    EventPagePlacer eventPagePlacer(StepSubject stepSubject, CollectionContext context) {
        return new EventPagePlacer(stepSubject, context);
    }

    @Bean
    @StepScope
    EventWindowItemWriter eventWindowItemWriter(EventRange eventRange, CollectionContext context) {
        return new EventWindowItemWriter(eventRange, context);
    }

    @Bean
    @StepScope
    GraphPageReader snapshotPageReader(StepSubject stepSubject) {
        return new GraphPageReader(stepSubject);
    }

    @Bean
    @StepScope
    SnapshotPageNormalizer snapshotPageNormalizer(@Value(STEP_EXECUTION) StepExecution stepExecution,
            StepSubject stepSubject, CollectionContext context) {
        return new SnapshotPageNormalizer(stepSubject, context, snapshotDate(stepExecution));
    }

    @Bean
    @StepScope
    SnapshotPartitionWriter snapshotPartitionWriter(@Value(STEP_EXECUTION) StepExecution stepExecution,
            StepSubject stepSubject, CollectionContext context) {
        return new SnapshotPartitionWriter(stepSubject, context, snapshotDate(stepExecution));
    }

    private static LocalDate snapshotDate(StepExecution stepExecution) {
        return LocalDate.parse(stepExecution.getJobParameters().getString(JobParameterNames.SNAPSHOT_DATE));
    }
}
