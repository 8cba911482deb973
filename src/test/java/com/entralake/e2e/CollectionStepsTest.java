package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.context.ConfigurableApplicationContext;

import com.entralake.EntraLakeApplication;
import com.entralake.batch.JobParameterNames;
import com.entralake.batch.JobRepositorySchema;
import com.entralake.batch.StepProgress;
import com.entralake.cli.SpringContexts;
import com.entralake.config.EntraLakeProperties;
import com.entralake.emulator.ServedRequest;
import com.entralake.lock.FileTenantLock;
import com.entralake.lock.TenantLock;
import com.entralake.tenant.TenantSessionFactory;
import com.entralake.tenant.TenantSessions;
import com.entralake.testing.LakeQueries;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The collection steps on their own, started by Spring Batch's {@code JobOperatorTestUtils} in the application's
 * context, without the collect command around them: the restart point lives in the step's execution context, so
 * a step failed midway and started again with the same parameters resumes there — the whole of restart and
 * exactly-once in seconds, read back as the exact set of ids in the lake.
 */
class CollectionStepsTest extends EmulatedCollectionTest {

    private ConfigurableApplicationContext context;
    private TenantLock lock;

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
        if (lock != null) {
            lock.close();
        }
    }

    @Test
    void anEventStepFailedMidRangeResumesFromTheRestartPointInItsExecutionContextAndEndsExact() throws Exception {
        Case c = newCase("step-events", 300, 0, Map.of());
        JobOperatorTestUtils steps = steps(c, "collectEventsJob");
        JobParameters parameters = new JobParametersBuilder()
                .addString(JobParameterNames.TENANT_ID, c.tenant().tenantId())
                .addString(JobParameterNames.DATASET, "signins")
                .addString(JobParameterNames.RANGE_START, START.toString())
                .addString(JobParameterNames.RANGE_END, END.toString())
                .toJobParameters();
        fixture.emulator.faults().failFromPage(c.tenant().tenantId(), 6);

        StepExecution failed = onlyStep(steps.startStep(JobParameterNames.EVENTS_STEP, parameters, null));

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getExecutionContext().containsKey(StepProgress.RESUME_BEFORE)).as(failed.getExecutionContext()
                + " " + causes(failed)).isTrue();
        Instant restartPoint = Instant.parse(failed.getExecutionContext().getString(StepProgress.RESUME_BEFORE));
        assertThat(restartPoint).as("the first query was read to its end before page 6").isAfter(START).isBefore(END);
        Set<String> committed;
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            committed = lake.ids("signins");
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates();
        }
        // everything the restart point says is complete is there; windows the failed query had filled may be too
        assertThat(committed).as("the records of [restart point, end)")
                .containsAll(c.tenant().emulated().visibleIds("signins", restartPoint, END));
        assertThat(c.tenant().emulated().visibleIds("signins", START, END)).containsAll(committed)
                .hasSizeGreaterThan(committed.size());

        fixture.emulator.faults().clearFailFromPage(c.tenant().tenantId());
        fixture.emulator.clearRequestLog();
        StepExecution resumed = onlyStep(steps.startStep(JobParameterNames.EVENTS_STEP, parameters, null));

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getJobExecution().getJobInstance().getInstanceId())
                .as("a restart of the same instance, not a new one").isEqualTo(failed.getJobExecution().getJobInstance().getInstanceId());
        assertThat(resumed.getExecutionContext().getString(StepProgress.RESUME_BEFORE)).isEqualTo(START.toString());
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(c.tenant().emulated().visibleIds("signins", START, END));
        }
        assertThat(signInQueries(c)).as("the restart reads nothing after its restart point").isNotEmpty()
                .allSatisfy(filter -> assertThat(endOf(filter)).isBeforeOrEqualTo(restartPoint));
    }

    @Test
    void aSnapshotStepFailedMidListingCommitsNothingAndIsTakenWholeWhenStartedAgain() throws Exception {
        Case c = newCase("step-snapshot", 0, 0, Map.of());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 2_500; i++) { // three pages of 999
            ObjectNode user = json.createObjectNode().put("id", UUID.nameUUIDFromBytes(("user-" + i).getBytes()).toString())
                    .put("displayName", "User " + i).put("userPrincipalName", "user" + i + "@example.com");
            c.tenant().emulated().addObject("users", user);
        }
        JobOperatorTestUtils steps = steps(c, "collectSnapshotJob");
        LocalDate date = NOW.atOffset(ZoneOffset.UTC).toLocalDate();
        JobParameters parameters = new JobParametersBuilder()
                .addString(JobParameterNames.TENANT_ID, c.tenant().tenantId())
                .addString(JobParameterNames.DATASET, "users")
                .addString(JobParameterNames.SNAPSHOT_DATE, date.toString())
                .toJobParameters();
        fixture.emulator.faults().failRequestsOf(c.tenant().tenantId(), "users", 2, 100, 500);

        StepExecution failed = onlyStep(steps.startStep(JobParameterNames.SNAPSHOT_STEP, parameters, null));

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getExecutionContext().getLong(StepProgress.PAGES)).as("the first page was read").isEqualTo(1);
        assertThat(parquetFiles(c.lake())).as("nothing of a snapshot is visible before its last page").isEmpty();

        fixture.emulator.faults().clear(c.tenant().tenantId());
        StepExecution taken = onlyStep(steps.startStep(JobParameterNames.SNAPSHOT_STEP, parameters, null));

        assertThat(taken.getStatus()).as(causes(taken)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(taken.getExecutionContext().getLong(StepProgress.PAGES)).as("taken again from its first page")
                .isEqualTo(3);
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.idRows("users")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(c.tenant().emulated().allIds("users"));
        }
        assertThat(parquetFiles(c.lake())).allSatisfy(file -> assertThat(file.toString()).doesNotContain("_staging"));
    }

    /** The application's context for the case's configuration, its tenant signed in, and its job for the test utils. */
    private JobOperatorTestUtils steps(Case c, String jobName) {
        context = SpringContexts.start(EntraLakeApplication.class,
                List.of("--spring.config.additional-location=file:" + c.config().toAbsolutePath(), "--entralake.now=" + NOW),
                "");
        JobRepositorySchema.ensure(context.getBean(DataSource.class));
        EntraLakeProperties.Tenant tenant = context.getBean(EntraLakeProperties.class).getTenants().get(0);
        // the tenant lock collect would take: every commit point checks it
        lock = FileTenantLock.acquire(dir.resolve("locks-" + c.tenant().name()), c.tenant().tenantId(), c.tenant().name());
        context.getBean(TenantSessions.class).register(context.getBean(TenantSessionFactory.class).open(tenant, lock));
        JobOperatorTestUtils steps = new JobOperatorTestUtils(context.getBean(JobOperator.class),
                context.getBean(JobRepository.class));
        steps.setJob(context.getBean(jobName, Job.class));
        return steps;
    }

    /** Why a step failed, cause by cause, for an assertion's message. */
    private static String causes(StepExecution step) {
        StringBuilder why = new StringBuilder();
        for (Throwable failure : step.getFailureExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                why.append(t).append(t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : "").append("; ");
            }
        }
        return why.toString();
    }

    private static StepExecution onlyStep(JobExecution execution) {
        assertThat(execution.getStepExecutions()).hasSize(1);
        return execution.getStepExecutions().iterator().next();
    }

    private static List<String> signInQueries(Case c) {
        return fixture.emulator.requestLog().stream()
                .filter(r -> c.tenant().tenantId().equals(r.tenantId()) && r.path().endsWith("/v1.0/auditLogs/signIns"))
                .map(ServedRequest::rawQuery)
                .map(q -> URLDecoder.decode(q, StandardCharsets.UTF_8))
                .filter(q -> q.contains("$filter="))
                .toList();
    }

    /** The upper bound of a query's time filter ({@code createdDateTime le ...}). */
    private static Instant endOf(String query) {
        java.util.regex.Matcher le = java.util.regex.Pattern.compile("createdDateTime le (\\S+?)(?:[ &)]|$)").matcher(query);
        assertThat(le.find()).as(query).isTrue();
        return Instant.parse(le.group(1));
    }

    private static List<Path> parquetFiles(Path lake) throws java.io.IOException {
        if (!Files.exists(lake)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(f -> f.toString().endsWith(".parquet") && f.toString().contains("users")).toList();
        }
    }
}
