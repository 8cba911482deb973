package com.entralake.process;

import static com.entralake.process.ProcessSupport.END;
import static com.entralake.process.ProcessSupport.NOW;
import static com.entralake.process.ProcessSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * {@code kill -9} of a collect process in the middle of a window — the OOM killer, an evicted pod — on
 * both job repositories: the next run (a new process) finds the execution its dead owner left STARTED,
 * resumes it and ends with exactly the ids Graph served, none twice, no temporary file left.
 */
@Tag("fault-injection")
class KillAndResumeIT {

    private static final int KILL_AT_PAGE = 4;
    /** A one-day backfill (about 7,200 sign-ins, 8 pages) keeps two process runs short; page 4 is mid-range. */
    private static final Instant START = END.minus(Duration.ofDays(1));

    @Test
    void killedMidWindowThenResumedOnTheH2FileRepository(@TempDir Path dir) throws Exception {
        killAndResume(dir, "kill-h2", Map.of(), Duration.ZERO);
    }

    /** Here the next run comes three hours later: it finishes the dead range, then collects on from its end, no gap. */
    @Test
    void killedMidWindowThenResumedHoursLaterOnPostgreSql(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            killAndResume(dir, "kill-pg", Map.of(
                    "spring.datasource.url", pg.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "postgres"), Duration.ofHours(3));
        }
    }

    /** A directory snapshot is staged in a hidden folder: a kill while it fills leaves the folder, never half a day. */
    @Test
    void killedWhileAGroupsSnapshotIsStagedThenTakenAgainWhole(@TempDir Path dir) throws Exception {
        try (CollectFixture fixture = CollectFixture.start(dir)) {
            fixture.emulator.clock().set(NOW);
            TestTenant tenant = fixture.tenant("kill-snapshot", License.PREMIUM, 10, 2);
            Path config = fixture.config("kill-snapshot.properties", List.of(tenant), CollectFixture.only(1,
                    Map.of("entralake.collection.backfill", "P1D"), "signins", "users", "groups"));
            Path lake = fixture.lake();
            AtomicReference<JarProcess> child = new AtomicReference<>();
            AtomicBoolean killed = new AtomicBoolean();
            List<String> hiddenAtKill = new CopyOnWriteArrayList<>();
            fixture.emulator.onPageServed((tenantId, path, page, records) -> {
                if (tenant.tenantId().equals(tenantId) && path.endsWith("/groups") && killed.compareAndSet(false, true)) {
                    hiddenAtKill.addAll(ProcessSupport.hiddenEntries(lake));
                    try {
                        child.get().kill();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            JarProcess first = ProcessSupport.startCollect(dir.resolve("run-1"), config, Map.of());
            child.set(first);
            JarProcess.Result killedRun = ProcessSupport.show("killed run", first.await(TIMEOUT));
            assertThat(killed).as(killedRun.all()).isTrue();
            assertThat(killedRun.exitCode()).as("SIGKILL").isEqualTo(137);
            assertThat(hiddenAtKill).as("the groups snapshot was being staged in a hidden folder")
                    .anyMatch(n -> n.startsWith("_staging/groups/") && n.contains("/.snapshot_date=") && n.contains(".staging-"));
            try (LakeQueries queries = new LakeQueries(lake)) {
                assertThat(queries.hasFiles("groups")).as("no reader sees part of the snapshot").isFalse();
            }

            JarProcess.Result again = ProcessSupport.collect(dir.resolve("run-2"), config, Map.of());
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.stdout()).containsPattern("groups \\[kill-snapshot\\]: removed \\d+ temporary file");
            try (LakeQueries queries = new LakeQueries(lake)) {
                assertThat(queries.idRows("groups")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("groups"));
                assertThat(queries.idRows("users")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"));
                assertThat(queries.idRows("signins")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
            }
            assertThat(ProcessSupport.hiddenEntries(lake)).as("the staging folder is gone").isEmpty();
        }
    }

    private static Instant oldestCommittedWindow(Path lake) {
        java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX");
        return ProcessSupport.filesUnder(lake.resolve("signins")).stream()
                .map(p -> p.getFileName().toString())
                .filter(n -> n.matches("signins-\\d{8}T\\d{6}Z-PT1H\\.parquet"))
                .map(n -> java.time.OffsetDateTime.parse(n.substring("signins-".length(), n.indexOf("-PT1H")), format).toInstant())
                .min(Instant::compareTo).orElseThrow();
    }

    private static Instant resumePoint(String log, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("signins \\[" + name
                + "\\]: resuming \\[[^)]*\\) — windows from (\\S+) on are already committed").matcher(log);
        assertThat(m.find()).as("the resumed run logs its restart point").isTrue();
        return Instant.parse(m.group(1));
    }

    /**
     * Both repositories commit durably (H2 with WRITE_DELAY=0), so the restart point is exactly where the last
     * complete query of the killed run began.
     */
    private static void killAndResume(Path dir, String name, Map<String, String> repository, Duration nextRunLater)
            throws Exception {
        try (CollectFixture fixture = CollectFixture.start(dir)) {
            fixture.emulator.clock().set(NOW);
            TestTenant tenant = fixture.tenant(name, License.PREMIUM, 300, 5);
            Map<String, String> overrides = new HashMap<>(CollectFixture.only(1, "signins", "directory_audits", "users"));
            overrides.putAll(repository);
            overrides.put("entralake.collection.backfill", "P1D");
            Path config = fixture.config(name + ".properties", List.of(tenant), overrides);
            Path lake = fixture.lake();

            AtomicReference<JarProcess> child = new AtomicReference<>();
            AtomicBoolean killed = new AtomicBoolean();
            List<String> hiddenAtKill = new CopyOnWriteArrayList<>();
            fixture.emulator.onPageServed((tenantId, path, page, records) -> {
                if (tenant.tenantId().equals(tenantId) && path.endsWith("/v1.0/auditLogs/signIns") && page == KILL_AT_PAGE
                        && killed.compareAndSet(false, true)) {
                    // page 4 lacks its last byte: pages 1-3 are in the lake or in the open window's temporary file
                    hiddenAtKill.addAll(ProcessSupport.hiddenEntries(lake));
                    try {
                        child.get().kill();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });

            JarProcess first = ProcessSupport.startCollect(dir.resolve("run-1"), config, Map.of());
            child.set(first);
            JarProcess.Result killedRun = ProcessSupport.show("killed run", first.await(TIMEOUT));
            assertThat(killed).as("the child was killed while page %d of sign-ins was being served; output:%n%s",
                    KILL_AT_PAGE, killedRun.all()).isTrue();
            assertThat(killedRun.exitCode()).as("SIGKILL").isEqualTo(137);
            assertThat(hiddenAtKill).as("the open window was being written to a hidden temporary file when the process died")
                    .anyMatch(n -> n.startsWith("signins/") && n.matches(".*/\\.signins-[^/]*\\.inprogress-[^/]*"));

            List<String> beforeResume;
            try (LakeQueries queries = new LakeQueries(lake)) {
                beforeResume = queries.idRows("signins");
            }
            java.util.Set<String> firstRange = tenant.emulated().visibleIds("signins", START, END);
            assertThat(beforeResume).as("windows committed before the kill are visible, the interrupted one is not")
                    .isNotEmpty().doesNotHaveDuplicates();
            assertThat(firstRange).containsAll(beforeResume).hasSizeGreaterThan(beforeResume.size());
            assertThat(ProcessSupport.hiddenEntries(lake)).as("SIGKILL left the temporary file behind")
                    .anyMatch(n -> n.contains(".inprogress-"));
            // the kill came while the child waited for page 4, after page 3's transaction
            Instant oldestCommitted = oldestCommittedWindow(lake);

            // status, read from the job repository alone, says the run was interrupted and what the next collect does
            JarProcess.Result status = ProcessSupport.show("status after the kill", JarProcess.start(dir.resolve("status"),
                    Map.of(), ProcessSupport.JVM_OPTIONS, "status", "--config=" + config, "--now=" + NOW).await(TIMEOUT));
            assertThat(status.exitCode()).as(status.all()).isEqualTo(1);
            assertThat(status.stdout()).containsPattern("last run:\\s+INTERRUPTED")
                    .contains("the next collect resumes it from its last committed window")
                    .containsPattern("resumes first:\\s+" + START + " \\.\\. " + END);
            assertThat(status.stdout().strip().lines().reduce((a, b) -> b).orElseThrow())
                    .startsWith("Needs attention (exit 1):").contains("signins: the last run did not complete");

            Instant later = NOW.plus(nextRunLater);
            Instant end = END.plus(nextRunLater);
            fixture.emulator.clock().set(later);
            JarProcess.Result resumed = ProcessSupport.collect(dir.resolve("run-2"), config, Map.of(), later);
            assertThat(resumed.exitCode()).as(resumed.all()).isZero();
            assertThat(resumed.stdout()).as("the second run says it found the dead run and resumed it")
                    .contains("was left unfinished (STARTED) by a run that died")
                    .contains("resuming range " + START + " .. " + END)
                    .containsPattern("signins \\[" + name + "\\]: resuming .* already committed")
                    .containsPattern("removed \\d+ temporary file");

            // the restart point is where the last query read to its end began: windows written by the query the kill
            // interrupted were written on the strength of Graph's order alone, so that query is read again — never
            // less than what is in the lake (a gap), never more than that one query
            Instant resumePoint = resumePoint(resumed.stdout(), name);
            assertThat(resumePoint).as("the restart never takes a window for committed that is not in the lake (a gap)")
                    .isAfterOrEqualTo(oldestCommitted);
            assertThat(resumePoint).as("a query of the killed run was read to its end before the kill").isBefore(END);
            try (LakeQueries queries = new LakeQueries(lake)) {
                assertThat(queries.idRows("signins")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, end));
                // audits never started before the kill (data types run one after another): the second run is
                // their first, so they backfill one day from its own clock
                assertThat(queries.idRows("directory_audits")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                        tenant.emulated().visibleIds("directory_audits", START.plus(nextRunLater), end));
                assertThat(queries.idRows("users")).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"));
            }
            assertThat(ProcessSupport.hiddenEntries(lake)).as("no temporary file outlives the resumed run").isEmpty();
        }
    }
}
