package com.entralake.process;

import static com.entralake.process.ProcessSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.EntraLakeApplication;
import com.entralake.emulator.License;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.CollectFixture.TestTenant;

/**
 * The two PostgreSQL set-ups the README documents, on PostgreSQL 15's defaults (no CREATE on public for
 * every role; the embedded server is older, so that default is set here), and what a missing privilege,
 * a wrong password and a missing database say: one line each, exit 2, nothing collected.
 */
@Tag("fault-injection")
class PostgresPrivilegesIT {

    @TempDir
    static Path dir;
    static io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg;
    static CollectFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("pg-data");
        pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(data).start();
        // the embedded server trusts every login; the job's roles must give their password, as in production
        Files.writeString(data.resolve("pg_hba.conf"), """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 md5
                host all all ::1/128 md5
                """);
        sql("postgres", "SELECT pg_reload_conf()");
        fixture = CollectFixture.start(dir);
        fixture.emulator.clock().set(NOW);
        for (String db : List.of("with_create", "precreated", "no_create", "login")) {
            sql("postgres", "CREATE DATABASE " + db);
            sql(db, "REVOKE CREATE ON SCHEMA public FROM PUBLIC"); // PostgreSQL 15's default
        }
        for (String role : List.of("job_creator", "job_runner", "job_none", "job_partial", "job_no_index")) {
            sql("postgres", "CREATE ROLE " + role + " LOGIN PASSWORD 'pw-" + role + "'");
        }
        sql("with_create", "GRANT CREATE ON SCHEMA public TO job_creator");
        sql("login", "GRANT CREATE ON SCHEMA public TO job_creator");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
        pg.close();
    }

    private static void sql(String database, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(database), "postgres", "postgres");
                Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database;
    }

    private static Path config(TestTenant tenant, String database, String role, String password) {
        Map<String, String> p = new HashMap<>();
        p.put("spring.datasource.url", url(database));
        p.put("spring.datasource.username", role);
        p.put("spring.datasource.password", password);
        p.put("entralake.collection.backfill", "P1D");
        p.put("entralake.lake-root", lake(tenant).toString());
        return fixture.config(tenant.name() + "-" + role + ".properties", List.of(tenant), p);
    }

    private static Path lake(TestTenant tenant) {
        return dir.resolve("lake-" + tenant.name());
    }

    private static void assertOneLineNothingCollected(Captured run, TestTenant tenant, String... parts) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        String line = run.stderr().lines().filter(l -> l.startsWith("The job repository at")).findFirst().orElse("");
        assertThat(line).as(run.all()).endsWith("Nothing was collected.");
        for (String part : parts) {
            assertThat(line).contains(part);
        }
        assertThat(run.all()).doesNotContain("Unexpected failure").doesNotContain("pw-job");
        assertThat(ProcessSupport.hasStackTrace(run.all())).as(run.all()).isFalse();
        assertThat(ProcessSupport.filesUnder(lake(tenant))).isEmpty();
        assertThat(fixture.emulator.requestLog()).noneMatch(r -> tenant.tenantId().equals(r.tenantId()));
    }

    @Test
    void aRoleWithCreateOnTheSchemaCreatesTheTablesOnItsFirstRun() {
        TestTenant tenant = fixture.tenant("pg-create", License.PREMIUM, 10, 1);
        Captured run = fixture.collectCapturing(config(tenant, "with_create", "job_creator", "pw-job_creator"), NOW);
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).contains("Creating the Spring Batch job repository tables (postgresql)");
    }

    @Test
    void tablesCreatedBeforehandByTheOwnerWithTheDocumentedGrantsAreEnough() throws SQLException {
        TestTenant tenant = fixture.tenant("pg-precreated", License.PREMIUM, 10, 1);
        // the README's steps: status once with the owner's credentials, then the three GRANTs
        assertThat(EntraLakeApplication.run("status", "--config=" + config(tenant, "precreated", "postgres", "postgres"),
                "--now=" + NOW)).isZero();
        Path job = config(tenant, "precreated", "job_runner", "pw-job_runner");
        Captured before = fixture.collectCapturing(job, NOW);
        assertOneLineNothingCollected(before, tenant, "role 'job_runner' has no privilege on table",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO job_runner");
        sql("precreated", "GRANT USAGE ON SCHEMA public TO job_runner");
        sql("precreated", "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO job_runner");
        sql("precreated", "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO job_runner");
        Captured run = fixture.collectCapturing(job, NOW);
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain("Creating the Spring Batch job repository tables");
    }

    @Test
    void withoutCreateOnTheSchemaTheFirstRunSaysWhichGrantToRun() {
        TestTenant tenant = fixture.tenant("pg-no-create", License.PREMIUM, 10, 1);
        Captured run = fixture.collectCapturing(config(tenant, "no_create", "job_none", "pw-job_none"), NOW);
        assertOneLineNothingCollected(run, tenant, "The job repository at " + url("no_create"),
                "role 'job_none' has no privilege on schema public", "GRANT CREATE ON SCHEMA public TO job_none",
                "create the tables beforehand");
    }

    @Test
    void aRoleThatMayOnlyReadTheTablesIsToldWhatItLacks() throws SQLException {
        TestTenant tenant = fixture.tenant("pg-partial", License.PREMIUM, 10, 1);
        assertThat(EntraLakeApplication.run("status", "--config=" + config(tenant, "precreated", "postgres", "postgres"),
                "--now=" + NOW)).isZero();
        sql("precreated", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO job_partial");
        Captured run = fixture.collectCapturing(config(tenant, "precreated", "job_partial", "pw-job_partial"), NOW);
        assertOneLineNothingCollected(run, tenant, "role 'job_partial' lacks INSERT/UPDATE/DELETE on table batch_",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO job_partial;",
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO job_partial.");
    }

    /** Entra Lake's own tables are checked with Spring Batch's: the job index too, before any run reads it. */
    @Test
    void aRoleWithoutPrivilegesOnTheJobIndexIsToldBeforeAnythingRuns() throws SQLException {
        TestTenant tenant = fixture.tenant("pg-no-index", License.PREMIUM, 10, 1);
        assertThat(EntraLakeApplication.run("status", "--config=" + config(tenant, "precreated", "postgres", "postgres"),
                "--now=" + NOW)).isZero();
        sql("precreated", "GRANT USAGE ON SCHEMA public TO job_no_index");
        sql("precreated", "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO job_no_index");
        sql("precreated", "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO job_no_index");
        sql("precreated", "REVOKE SELECT, INSERT, UPDATE, DELETE ON ENTRALAKE_JOB_INDEX FROM job_no_index");
        Captured run = fixture.collectCapturing(config(tenant, "precreated", "job_no_index", "pw-job_no_index"), NOW);
        assertOneLineNothingCollected(run, tenant,
                "role 'job_no_index' lacks SELECT/INSERT/UPDATE/DELETE on table entralake_job_index",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO job_no_index;");
    }

    @Test
    void aWrongPasswordAndAMissingDatabaseAreOneLineEach() {
        TestTenant tenant = fixture.tenant("pg-login", License.PREMIUM, 10, 1);
        Captured wrong = fixture.collectCapturing(config(tenant, "login", "job_creator", "not-the-password"), NOW);
        assertOneLineNothingCollected(wrong, tenant, "refused the login of role 'job_creator': wrong password or no such role");
        assertThat(wrong.all()).doesNotContain("not-the-password");
        Captured missing = fixture.collectCapturing(config(tenant, "no_such_database", "postgres", "postgres"), NOW);
        assertOneLineNothingCollected(missing, tenant, "the database 'no_such_database' does not exist there",
                "CREATE DATABASE no_such_database OWNER postgres");
    }
}
