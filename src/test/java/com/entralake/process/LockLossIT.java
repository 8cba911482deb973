package com.entralake.process;

import static com.entralake.process.ProcessSupport.END;
import static com.entralake.process.ProcessSupport.NOW;
import static com.entralake.process.ProcessSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The PostgreSQL session that holds a run's tenant lock is terminated mid-run (what a failover, an
 * idle-session timeout or a firewall reset does to it) and a second run starts on the same tenant at once.
 * Two runs must never overlap: the first stops before it commits anything more and says why; the second
 * takes the free lock but does not touch the first one's work while the first may still be alive; the
 * lake ends with exactly the ids Graph served.
 */
@Tag("fault-injection")
class LockLossIT {

    private static final Instant START = END.minus(Duration.ofDays(1));
    private static final int TERMINATE_AT_PAGE = 4;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern WINDOW_FILE = Pattern.compile("signins-(\\d{8}T\\d{6}Z)-PT1H\\.parquet");

    @Test
    void aRunWhoseLockSessionIsKilledStopsAndTheNextRunWaitsForItBeforeResumingExactly(@TempDir Path dir)
            throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(); CollectFixture fixture = CollectFixture.start(dir)) {
            fixture.emulator.clock().set(NOW);
            TestTenant tenant = fixture.tenant("pg-lock-lost", License.PREMIUM, 300, 5);
            Map<String, String> overrides = new HashMap<>(CollectFixture.only(1, CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
            overrides.put("spring.datasource.url", pg.getJdbcUrl("postgres", "postgres"));
            overrides.put("spring.datasource.username", "postgres");
            overrides.put("spring.datasource.password", "postgres");
            overrides.put("entralake.collection.backfill", "P1D");
            overrides.put("entralake.lock.check-interval", "PT1S");
            // longer than the second process needs to start on a busy machine: it must find A's heartbeat fresh
            overrides.put("entralake.lock.stale-after", "PT60S");
            Path config = fixture.config("lock-lost.properties", List.of(tenant), overrides);
            Path lake = fixture.lake();

            AtomicReference<JarProcess> first = new AtomicReference<>();
            AtomicReference<JarProcess> second = new AtomicReference<>();
            AtomicBoolean terminated = new AtomicBoolean();
            AtomicBoolean secondWaited = new AtomicBoolean();
            AtomicReference<List<String>> visibleAtTermination = new AtomicReference<>();
            AtomicReference<List<String>> visibleWhenFirstEnded = new AtomicReference<>();
            fixture.emulator.onPageServed((tenantId, path, page, records) -> {
                if (!tenant.tenantId().equals(tenantId) || !path.endsWith("/v1.0/auditLogs/signIns")) {
                    return;
                }
                try {
                    if (page == TERMINATE_AT_PAGE && terminated.compareAndSet(false, true)) {
                        // A waits for the rest of this page: it cannot commit anything while this runs
                        visibleAtTermination.set(visibleWindowFiles(lake));
                        terminateLockSession(pg);
                        second.set(ProcessSupport.startCollect(dir.resolve("run-b"), config, Map.of()));
                        // A stays alive, its loss not yet acted on, until B has taken the lock and found it
                        secondWaited.set(awaitOutput(second.get(), "Waiting up to"));
                    } else if (page == 1 && terminated.get() && visibleWhenFirstEnded.get() == null) {
                        // B's first page: held until A has ended, so that the lake then shows only what A did
                        awaitEnd(first.get());
                        visibleWhenFirstEnded.set(visibleWindowFiles(lake));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            first.set(ProcessSupport.startCollect(dir.resolve("run-a"), config, Map.of()));
            JarProcess.Result a = ProcessSupport.show("run-a", first.get().await(TIMEOUT));
            assertThat(terminated).as(a.all()).isTrue();
            JarProcess.Result b = ProcessSupport.show("run-b", second.get().await(TIMEOUT));

            // A: stopped with the reason, exit 1, and committed nothing after its lock's session ended
            assertThat(a.exitCode()).as(a.all()).isEqualTo(1);
            assertThat(ProcessSupport.hasStackTrace(a.all())).as(a.all()).isFalse();
            assertThat(ProcessSupport.summaryMessageOf(a.stdout(), "signins"))
                    .contains("the tenant lock of pg-lock-lost").contains("was lost")
                    .contains("terminating connection due to administrator command")
                    .contains("Committed before that: the windows");
            assertThat(a.stdout()).containsPattern("(?m)^  pg-lock-lost \\(.*\\): failed — stopped after signins")
                    // the audit-log lane stops after sign-ins; the other budgets' lanes ran beside it
                    .doesNotContainPattern("(?m)^\\s+directory_audits\\s");
            assertThat(visibleWhenFirstEnded.get()).as("no window file committed by A after the termination")
                    .isNotNull().containsExactlyInAnyOrderElementsOf(visibleAtTermination.get());

            // B: took the free lock, saw A alive by its heartbeat and waited for it instead of recovering its work
            assertThat(secondWaited).as(b.all()).isTrue();
            assertThat(b.exitCode()).as(b.all()).isZero();
            assertThat(b.stdout()).contains("pid " + first.get().pid() + " on ")
                    .containsPattern("pid " + first.get().pid() + " on \\S+ has stopped")
                    .as("A's execution was failed by A itself, never recovered as a dead run's")
                    .doesNotContain("left unfinished")
                    .contains("resuming range " + START + " .. " + END);
            assertThat(timeOf(b.stdout(), "has stopped")).as("B went on only after A had stopped")
                    .isAfterOrEqualTo(timeOf(a.stdout(), "stopped after signins"));
            assertThat(resumePoint(b.stdout())).as("A's restart point never claims a window A had not written; at"
                    + " most A's unfinished query is read again").isAfterOrEqualTo(oldestWindow(visibleAtTermination.get()));

            try (LakeQueries queries = new LakeQueries(lake)) {
                assertThat(queries.idRows("signins")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
                assertThat(queries.idRows("directory_audits")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("directory_audits", START, END));
                assertThat(queries.idRows("users")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"));
                assertThat(queries.idRows("groups")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("groups"));
            }
            assertThat(ProcessSupport.hiddenEntries(lake)).as("no temporary file left").isEmpty();
        }
    }

    /** Ends the backend holding the (only) advisory lock, as a failover or an idle-session timeout would. */
    private static void terminateLockSession(EmbeddedPostgres pg) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_locks"
                        + " WHERE locktype = 'advisory' AND granted")) {
            assertThat(rs.next()).as("a lock held by A").isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.next()).as("only A holds an advisory lock").isFalse();
        }
    }

    private static boolean awaitOutput(JarProcess process, String text) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (process.stdoutSoFar().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return process.stdoutSoFar().contains(text);
    }

    private static void awaitEnd(JarProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Window files a reader sees (hidden temporaries excluded), by name. */
    private static List<String> visibleWindowFiles(Path lake) {
        return ProcessSupport.filesUnder(lake.resolve("signins")).stream()
                .map(p -> p.getFileName().toString())
                .filter(n -> WINDOW_FILE.matcher(n).matches())
                .sorted().toList();
    }

    private static Instant oldestWindow(List<String> files) {
        java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX");
        return files.stream().map(n -> {
            Matcher m = WINDOW_FILE.matcher(n);
            assertThat(m.matches()).isTrue();
            return java.time.OffsetDateTime.parse(m.group(1), format).toInstant();
        }).min(Instant::compareTo).orElseThrow();
    }

    private static Instant resumePoint(String log) {
        Matcher m = Pattern.compile("signins \\[pg-lock-lost\\]: resuming \\[[^)]*\\) — windows from (\\S+) on are"
                + " already committed").matcher(log);
        assertThat(m.find()).as("B logs its restart point").isTrue();
        return Instant.parse(m.group(1));
    }

    /** The log time (HH:mm:ss.SSS, this machine's clock for both processes) of the first line containing text. */
    private static LocalTime timeOf(String log, String text) {
        return log.lines().filter(l -> l.contains(text)).findFirst()
                .map(l -> LocalTime.parse(l.substring(0, 12))).orElseThrow(() -> new AssertionError(text + " in " + log));
    }
}
