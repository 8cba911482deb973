package com.entralake.process;

import static com.entralake.process.ProcessSupport.END;
import static com.entralake.process.ProcessSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.connectivity.Availability;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.connectivity.ProbeResult;
import com.entralake.emulator.License;
import com.entralake.emulator.ServedRequest;
import com.entralake.lock.PostgresAdvisoryLock;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The production job repository: a real PostgreSQL whose Spring Batch tables the application creates
 * itself, restart state kept there, and the per-tenant lock a PostgreSQL advisory lock.
 */
class PostgresRepositoryIT {

    private static final Instant START = END.minus(Duration.ofDays(1));

    @TempDir
    static Path dir;
    static EmbeddedPostgres pg;
    static CollectFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
        fixture = CollectFixture.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
        pg.close();
    }

    @BeforeEach
    void clock() {
        fixture.emulator.clock().set(NOW);
    }

    /** A PostgreSQL-backed configuration; {@code only}, when given, are the data types it collects (default: all). */
    private static Path config(TestTenant tenant, Path lake, String... only) {
        Map<String, String> p = new HashMap<>(only.length == 0 ? Map.of() : CollectFixture.only(1, only));
        p.put("spring.datasource.url", pg.getJdbcUrl("postgres", "postgres"));
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "postgres");
        p.put("entralake.collection.backfill", "P1D");
        p.put("entralake.lake-root", lake.toString());
        return fixture.config(tenant.name() + ".properties", List.of(tenant), p);
    }

    @Test
    void aRunFailedAtPageNIsResumedFromPostgreSqlWithExactlyTheServedIds() throws Exception {
        TestTenant tenant = fixture.tenant("pg-fail-at-page", License.PREMIUM, 200, 5);
        Path lake = dir.resolve("lake-fail-at-page");
        Path config = config(tenant, lake, CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS);
        fixture.emulator.faults().failFromPage(tenant.tenantId(), 3);

        Captured failed = fixture.collectCapturing(config, NOW);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stdout()).contains("signins").contains("failed").contains("HTTP 500");
        Set<String> expected = tenant.emulated().visibleIds("signins", START, END);
        try (LakeQueries queries = new LakeQueries(lake)) {
            List<String> partial = queries.idRows("signins");
            assertThat(partial).as("the windows of the two pages read before the failure are committed").hasSizeGreaterThan(1_000)
                    .doesNotHaveDuplicates();
            assertThat(expected).containsAll(partial).hasSizeGreaterThan(partial.size());
        }
        assertThat(failedSignInExecutions(tenant)).as("the failed range is recorded in PostgreSQL").isEqualTo(1);

        fixture.emulator.faults().clearFailFromPage(tenant.tenantId());
        fixture.emulator.clearRequestLog();
        Captured resumed = fixture.collectCapturing(config, NOW);
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.stdout()).contains("resuming range " + START + " .. " + END);
        try (LakeQueries queries = new LakeQueries(lake)) {
            assertThat(queries.idRows("signins")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(queries.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("directory_audits", START, END));
        }
        ServedRequest first = fixture.emulator.requestLog().stream()
                .filter(r -> tenant.tenantId().equals(r.tenantId()) && r.path().endsWith("/v1.0/auditLogs/signIns"))
                .findFirst().orElseThrow();
        // the restart point read from PostgreSQL: where the failed run's last query read to its end began
        java.util.regex.Matcher resume = java.util.regex.Pattern.compile(
                "signins \\[pg-fail-at-page\\]: resuming .*? — windows from (\\S+) on are already committed")
                .matcher(resumed.all());
        assertThat(resume.find()).as(resumed.all()).isTrue();
        assertThat(URLDecoder.decode(first.rawQuery(), StandardCharsets.UTF_8))
                .as("the restart read from PostgreSQL where the complete queries begin")
                .contains("createdDateTime le " + resume.group(1))
                .doesNotContain("createdDateTime le " + END);
    }

    @Test
    void aHeldAdvisoryLockStopsTheRunWithExitFourAndWritesNothing() throws Exception {
        TestTenant tenant = fixture.tenant("pg-locked", License.PREMIUM, 20, 2);
        Path lake = dir.resolve("lake-locked");
        Path config = config(tenant, lake);
        try (PostgresAdvisoryLock held = PostgresAdvisoryLock.acquire(pg.getPostgresDatabase(), tenant.tenantId(),
                tenant.name())) {
            Captured locked = fixture.collectCapturing(config, NOW);
            assertThat(locked.exitCode()).isEqualTo(4);
            assertThat(locked.all()).contains("Another Entra Lake run is collecting tenant " + tenant.name())
                    .contains("advisory lock");
            assertThat(ProcessSupport.filesUnder(lake)).as("a locked-out run writes nothing").isEmpty();
        }
        assertThat(fixture.collect(config, NOW)).as("once the lock is free the tenant runs").isZero();
        try (LakeQueries queries = new LakeQueries(lake)) {
            assertThat(queries.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
        }
    }

    @Test
    void managedModeKeepsItsProbeResultsInPostgreSql() throws Exception {
        TestTenant tenant = fixture.tenant("pg-free", License.FREE, 20, 2);
        Path config = config(tenant, dir.resolve("lake-free"));
        Captured first = fixture.collectCapturing(config, NOW);
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.stdout()).containsPattern("(?m)^\\s*signins\\s+skipped");

        ConnectivityStore store = new ConnectivityStore(pg.getPostgresDatabase());
        ProbeResult signIns = store.probes(tenant.tenantId()).get("signins");
        assertThat(signIns.availability()).isEqualTo(Availability.NOT_LICENSED);
        assertThat(signIns.probedAt()).isEqualTo(NOW);
        assertThat(store.probes(tenant.tenantId()).get("users").availability()).isEqualTo(Availability.AVAILABLE);

        // the next run trusts the stored result (no sign-in request) while it is fresh
        fixture.emulator.clearRequestLog();
        assertThat(fixture.collect(config, NOW.plus(Duration.ofHours(1)))).isZero();
        assertThat(fixture.emulator.requestLog()).noneMatch(r -> tenant.tenantId().equals(r.tenantId())
                && r.path().endsWith("/v1.0/auditLogs/signIns"));

        // the refused first attempt was set aside, not left to resume: once licensed, sign-ins start afresh
        // with a normal backfill from the run that finds them available
        tenant.emulated().setLicense(License.PREMIUM);
        Instant later = NOW.plus(Duration.ofHours(13));
        fixture.emulator.clock().set(later);
        Captured upgraded = fixture.collectCapturing(config, later);
        assertThat(upgraded.exitCode()).as(upgraded.all()).isZero();
        assertThat(upgraded.all()).doesNotContain("resuming range").doesNotContain("DATA GAP");
        Instant end = Instant.parse("2026-11-20T23:00:00Z"); // later - lag, aligned down
        try (LakeQueries queries = new LakeQueries(dir.resolve("lake-free"))) {
            assertThat(queries.idRows("signins")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    tenant.emulated().visibleIds("signins", end.minus(Duration.ofDays(1)), end));
        }
        assertThat(store.probes(tenant.tenantId()).get("signins").availability()).isEqualTo(Availability.AVAILABLE);
    }

    private static int failedSignInExecutions(TestTenant tenant) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM batch_job_execution e JOIN batch_job_execution_params p"
                        + " ON p.job_execution_id = e.job_execution_id WHERE e.status = 'FAILED' AND p.parameter_value = '"
                        + tenant.tenantId() + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
