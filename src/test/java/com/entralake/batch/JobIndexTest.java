package com.entralake.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** The job index on a real H2 job repository: what its rows find in Spring Batch, and what its reads pick. */
class JobIndexTest {

    private static final String TENANT = "9fc5398f-f5fd-3bde-acca-532731fbf528";
    private static final Instant NOW = Instant.parse("2026-11-20T10:07:00Z");

    private SingleConnectionDataSource dataSource;
    private JobRepository repository;
    private JobIndex index;

    @BeforeEach
    void repository() throws Exception {
        dataSource = new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "", true);
        JobRepositorySchema.ensure(dataSource);
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(new JdbcTransactionManager(dataSource));
        factory.afterPropertiesSet();
        repository = factory.getObject();
        JobIndexUpgrade.ensure(dataSource, repository);
        index = new JobIndex(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    private static JobParameters range(Instant end, Instant plannedAt) {
        return new JobParametersBuilder()
                .addString(JobParameterNames.TENANT_ID, TENANT)
                .addString(JobParameterNames.DATASET, "signins")
                .addString(JobParameterNames.RANGE_START, end.minus(Duration.ofHours(1)).toString())
                .addString(JobParameterNames.RANGE_END, end.toString())
                .addString(JobParameterNames.WINDOW, "PT1H")
                .addString(JobParameterNames.PLANNED_AT, plannedAt.toString())
                .addString(JobParameterNames.RUN_ID, UUID.randomUUID().toString())
                .addString(JobParameterNames.NEW_FROM, end.toString(), false)
                .toJobParameters();
    }

    private IndexedJob completed(Instant end, Instant plannedAt) {
        IndexedJob row = IndexedJob.of(JobParameterNames.EVENTS_JOB, range(end, plannedAt));
        index.insert(row);
        IndexedJob seen = row.seen(end.getEpochSecond(), BatchStatus.COMPLETED);
        index.seen(seen);
        return seen;
    }

    @Test
    void aRowWhoseInstanceIdWasNeverLearntFindsItsInstanceByItsRebuiltParameters() {
        JobParameters parameters = range(Instant.parse("2026-11-20T10:00:00Z"), NOW.plusNanos(123_400));
        IndexedJob row = IndexedJob.of(JobParameterNames.EVENTS_JOB, parameters);
        JobInstance instance = repository.createJobInstance(JobParameterNames.EVENTS_JOB, parameters);

        assertThat(index.insert(row)).isTrue();
        assertThat(index.insert(row)).as("a second process indexing the same instance").isFalse();
        IndexedJob read = index.open(JobParameterNames.EVENTS_JOB, TENANT, "signins").get(0);
        assertThat(read.instanceId()).isNull();
        assertThat(repository.getJobInstance(JobParameterNames.EVENTS_JOB, read.identifyingParameters()))
                .isEqualTo(instance);
        assertThat(read.jobKey()).isEqualTo(IndexedJob.keyOf(parameters));
    }

    @Test
    void timesCompareAsTimesWhateverTheirFraction() {
        List<Instant> instants = List.of(Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:00:00.5Z"),
                Instant.parse("2026-11-20T10:00:00.123456789Z"), Instant.parse("2026-11-20T09:59:59.999Z"));
        assertThat(instants.stream().map(JobIndex::text).sorted().map(Instant::parse).toList())
                .isEqualTo(instants.stream().sorted().toList());
    }

    @Test
    void theFurthestTrustedRangeIgnoresRangesPlannedAfterNowAndRangesSetAside() {
        completed(Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T09:00:00Z"));
        IndexedJob setAside = completed(Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T09:30:00Z"));
        index.setAside(setAside, NOW);
        completed(Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:07:00Z"));

        assertThat(index.furthestTrustedCompleted(JobParameterNames.EVENTS_JOB, TENANT, "signins", NOW))
                .map(IndexedJob::rangeEnd).contains(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(index.plannedAfter(JobParameterNames.EVENTS_JOB, TENANT, "signins", NOW)).map(IndexedJob::rangeEnd)
                .containsExactly(Instant.parse("2026-11-21T10:00:00Z"));
        assertThat(index.untrustedCompleted(JobParameterNames.EVENTS_JOB, TENANT, "signins", NOW,
                Instant.parse("2026-11-20T08:00:00Z"), NOW)).map(IndexedJob::rangeEnd)
                .containsExactly(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(index.open(JobParameterNames.EVENTS_JOB, TENANT, "signins")).isEmpty();
        assertThat(index.newest(JobParameterNames.EVENTS_JOB, TENANT, "signins", true)).map(IndexedJob::rangeEnd)
                .contains(Instant.parse("2026-11-21T10:00:00Z"));
    }
}
