package com.entralake.process;

import static com.entralake.process.ProcessSupport.END;
import static com.entralake.process.ProcessSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.emulator.License;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.JarProcess;
import com.entralake.testing.LakeQueries;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL job repository restarts (a failover, maintenance) while a run collects: the run stops with
 * one message per data type — the repository was lost, what was committed, that the next run resumes — and
 * exit 1, without a stack trace; the next run ends with exactly the ids Graph served.
 */
@Tag("fault-injection")
class RepositoryRestartIT {

    private static final Instant START = END.minus(Duration.ofDays(1));
    private static final int STOP_AT_PAGE = 4;
    private static final String PASSWORD = "pw-in-the-url-7731";

    @Test
    void aPostgreSqlRestartMidRunIsOneMessageAndTheNextRunResumesExactly(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pgdata");
        int port = freePort();
        AtomicReference<EmbeddedPostgres> pg = new AtomicReference<>(postgres(data, port));
        try (CollectFixture fixture = CollectFixture.start(dir)) {
            fixture.emulator.clock().set(ProcessSupport.NOW);
            TestTenant tenant = fixture.tenant("pg-restart", License.PREMIUM, 300, 5);
            Map<String, String> overrides = new HashMap<>();
            // the password in the URL must never be shown (the embedded server trusts local connections anyway)
            overrides.put("spring.datasource.url", pg.get().getJdbcUrl("postgres", "postgres") + "&password=" + PASSWORD);
            overrides.put("spring.datasource.username", "postgres");
            overrides.put("entralake.collection.backfill", "P1D");
            overrides.put("entralake.lock.check-interval", "PT1S");
            overrides.put("entralake.lock.stale-after", "PT10S");
            Path config = fixture.config("pg-restart.properties", List.of(tenant), overrides);

            // the server goes down while the client waits for page 4 and is back two seconds later, as in a
            // restart or failover
            AtomicBoolean stopped = new AtomicBoolean();
            CountDownLatch back = new CountDownLatch(1);
            fixture.emulator.onPageServed((tenantId, path, page, records) -> {
                if (tenant.tenantId().equals(tenantId) && path.endsWith("/v1.0/auditLogs/signIns") && page == STOP_AT_PAGE
                        && stopped.compareAndSet(false, true)) {
                    try {
                        pg.get().close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    Thread restart = new Thread(() -> {
                        try {
                            Thread.sleep(2_000);
                            pg.set(postgres(data, port));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        } finally {
                            back.countDown();
                        }
                    });
                    restart.start();
                }
            });
            JarProcess.Result interrupted = ProcessSupport.show("interrupted run",
                    ProcessSupport.startCollect(dir.resolve("run-1"), config, Map.of()).await(TIMEOUT));
            assertThat(stopped).as(interrupted.all()).isTrue();
            assertThat(back.await(30, TimeUnit.SECONDS)).as("PostgreSQL is back").isTrue();

            assertThat(interrupted.exitCode()).as(interrupted.all()).isEqualTo(1);
            assertThat(ProcessSupport.hasStackTrace(interrupted.all())).as("no stack trace: %s", interrupted.all()).isFalse();
            assertThat(interrupted.all()).doesNotContain(PASSWORD).contains("password=***");
            String signIns = ProcessSupport.summaryMessageOf(interrupted.stdout(), "signins");
            assertThat(signIns).as("one message: the repository was lost, where and why, what was committed, that the"
                    + " next run resumes").contains("job repository").contains("was lost")
                    .contains("jdbc:postgresql://localhost:" + port + "/postgres")
                    .containsPattern("(FATAL|I/O error|refused|closed)")
                    .contains("Committed before that: the windows").contains("the next run resumes the range");
            assertThat(interrupted.stdout()).as("the tenant stops: nothing more is written without its lock")
                    .containsPattern("(?m)^  pg-restart \\(.*\\): failed — stopped after signins")
                    // the audit-log lane stops after sign-ins; the other budgets' lanes ran beside it
                    .doesNotContainPattern("(?m)^\\s+directory_audits\\s");
            assertThat(interrupted.stdout().lines().filter(l -> l.contains("Committed before that")).count())
                    .as("the data type's message, once in the log and once in the summary").isEqualTo(2);
            List<String> problems = interrupted.all().lines()
                    .filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR) .*"))
                    .filter(l -> !l.contains("— skipped (managed)")) // the types this app may not read, found on its first run
                    .toList();
            assertThat(problems).as("no wall of text: the loss noticed (watchdog), each data type it stopped, the tenant")
                    .allMatch(l -> l.matches(".* (WatchedTenantLock|TenantCollector|Interruption) - .*"));
            assertThat(problems.stream().filter(l -> !l.contains(" TenantCollector - ")))
                    .as("the watchdog and the tenant, once each").hasSizeLessThanOrEqualTo(2);
            // lanes of other budgets may meet the loss too: each such type says it once, and says what was lost
            List<String> types = problems.stream().filter(l -> l.contains(" TenantCollector - ")).toList();
            assertThat(types).as("the data types the loss stopped").isNotEmpty()
                    .allMatch(l -> l.contains("the job repository was lost (jdbc:postgresql://localhost:" + port)
                            || l.contains("the job repository connection holding it was lost"))
                    .extracting(l -> l.replaceAll(".* TenantCollector - (\\w+).*", "$1")).doesNotHaveDuplicates();

            JarProcess.Result resumed = ProcessSupport.collect(dir.resolve("run-2"), config, Map.of());
            assertThat(resumed.exitCode()).as(resumed.all()).isZero();
            try (LakeQueries queries = new LakeQueries(fixture.lake())) {
                assertThat(queries.idRows("signins")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
                assertThat(queries.idRows("directory_audits")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("directory_audits", START, END));
                assertThat(queries.idRows("users")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"));
                assertThat(queries.idRows("groups")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("groups"));
            }
            assertThat(ProcessSupport.hiddenEntries(fixture.lake())).isEmpty();
        } finally {
            pg.get().close();
        }
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
