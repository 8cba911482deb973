package com.entralake.process;

import static com.entralake.process.ProcessSupport.END;
import static com.entralake.process.ProcessSupport.NOW;
import static com.entralake.process.ProcessSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.emulator.License;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.JarProcess;
import com.entralake.testing.LakeQueries;

/**
 * Two schedulers firing at once (a cron overlap, a manual run during the nightly one): the second process
 * opens the same H2 job repository, finds the tenant locked by the first, exits 4 and touches nothing;
 * the first finishes with exactly the served ids.
 */
class ConcurrentRunsIT {

    private static final Instant START = END.minus(Duration.ofDays(1));

    @Test
    void aSecondProcessOnTheSameTenantExitsFourWhileTheFirstCompletesExactly(@TempDir Path dir) throws Exception {
        try (CollectFixture fixture = CollectFixture.start(dir)) {
            fixture.emulator.clock().set(NOW);
            TestTenant tenant = fixture.tenant("overlap", License.PREMIUM, 60, 2);
            // the first run is held mid-query while the second runs: give its read time-out room for that
            Path config = fixture.config("overlap.properties", List.of(tenant), Map.of(
                    "entralake.collection.backfill", "P1D", "entralake.http.read-timeout", "PT90S"));

            CountDownLatch firstIsMidQuery = new CountDownLatch(1);
            CountDownLatch secondHasEnded = new CountDownLatch(1);
            AtomicBoolean held = new AtomicBoolean();
            fixture.emulator.onPageServed((tenantId, path, page, records) -> {
                if (tenant.tenantId().equals(tenantId) && path.endsWith("/v1.0/auditLogs/signIns") && held.compareAndSet(false, true)) {
                    firstIsMidQuery.countDown();
                    try {
                        secondHasEnded.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });

            JarProcess first = ProcessSupport.startCollect(dir.resolve("run-first"), config, Map.of());
            JarProcess.Result second;
            JarProcess.Result status;
            try {
                assertThat(firstIsMidQuery.await(90, TimeUnit.SECONDS)).as("the first run reached the sign-ins").isTrue();
                second = ProcessSupport.collect(dir.resolve("run-second"), config, Map.of());
                status = ProcessSupport.show("status while the first runs", JarProcess.start(dir.resolve("status"),
                        Map.of(), ProcessSupport.JVM_OPTIONS, "status", "--config=" + config, "--now=" + NOW).await(TIMEOUT));
            } finally {
                secondHasEnded.countDown();
            }
            JarProcess.Result firstResult = ProcessSupport.show("run-first", first.await(TIMEOUT));

            assertThat(second.exitCode()).as(second.all()).isEqualTo(4);
            assertThat(second.stdout()).contains("Another Entra Lake run is collecting tenant overlap (" + tenant.tenantId() + ")");
            assertThat(ProcessSupport.hasStackTrace(second.all())).as(second.all()).isFalse();

            // status tells a run in progress (its heartbeat is fresh) from one a crash interrupted
            assertThat(status.stdout()).containsPattern("signins\\s+selection:[^\\n]*\\n\\s+last run:\\s+RUNNING now")
                    .doesNotContain("INTERRUPTED");
            assertThat(status.exitCode()).as("a run in progress needs no one: " + status.all()).isZero();

            assertThat(firstResult.exitCode()).as(firstResult.all()).isZero();
            assertThat(firstResult.stdout()).as("the first run was not disturbed").doesNotContain("left unfinished");
            try (LakeQueries lake = new LakeQueries(fixture.lake())) {
                assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
                assertThat(lake.idRows("users")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"));
            }
            assertThat(ProcessSupport.hiddenEntries(fixture.lake())).isEmpty();
        }
    }
}
