package com.entralake.process;

import static com.entralake.process.ProcessSupport.END;
import static com.entralake.process.ProcessSupport.NOW;
import static com.entralake.process.ProcessSupport.START;
import static com.entralake.process.ProcessSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.emulator.License;
import com.entralake.lock.FileTenantLock;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.JarProcess;
import com.entralake.testing.LakeQueries;

/**
 * The documented exit statuses, as a scheduler sees them from the packaged jar: each failure class gives
 * its code and one clear message, never a stack trace. Independent cases run as concurrent processes
 * (each with its own lake and job repository) to keep JVM start-ups off the critical path.
 */
class ExitCodesIT {

    @TempDir
    static Path dir;
    static CollectFixture fixture;

    @BeforeAll
    static void start() {
        fixture = CollectFixture.start(dir);
        fixture.emulator.clock().set(NOW);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** A configuration of its own for one case: its own lake and H2 job repository, the shared lock folder. */
    private static Path config(String name, List<TestTenant> tenants, Map<String, String> overrides) {
        Map<String, String> p = new HashMap<>();
        p.put("entralake.lake-root", lake(name).toString());
        p.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("jobrepo-" + name) + ";AUTO_SERVER=TRUE");
        p.putAll(overrides);
        return fixture.config(name + ".properties", tenants, p);
    }

    private static Path lake(String name) {
        return dir.resolve("lake-" + name);
    }

    private static Path writeFile(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static JarProcess start(String name, String... args) throws IOException {
        return JarProcess.start(dir.resolve("run-" + name), Map.of(), ProcessSupport.JVM_OPTIONS, args);
    }

    private static JarProcess collect(String name, Path config) throws IOException {
        return start(name, "collect", "--config=" + config, "--now=" + NOW);
    }


    @Test
    void helpSucceedsAndUsageAndConfigurationErrorsExitTwoBeforeAnythingRuns() throws Exception {
        Path badTenantId = config("bad-tenant-id", List.of(fixture.tenant("bad-tenant-id", License.PREMIUM, 10, 1)),
                Map.of("entralake.tenants[0].tenant-id", "contoso.onmicrosoft.com"));
        Map<String, JarProcess> started = new LinkedHashMap<>();
        started.put("help", start("help", "--help"));
        started.put("unknown-option", start("unknown-option", "collect", "--no-such-option"));
        started.put("missing-config", start("missing-config", "collect", "--config=/nonexistent/entra-lake.yml",
                "--now=" + NOW));
        started.put("bad-tenant-id", collect("bad-tenant-id", badTenantId));
        started.put("permissions", start("permissions", "permissions", "--data-type", "users"));
        Path badWebhook = config("bad-webhook", List.of(fixture.tenant("bad-webhook", License.PREMIUM, 10, 1)),
                Map.of("entralake.secret-expiry.webhook-url", "hooks.example.com/services/T0K3N-SECRET-PATH"));
        started.put("bad-webhook", collect("bad-webhook", badWebhook));
        TestTenant fresh = fixture.tenant("status-fresh", License.PREMIUM, 10, 1);
        started.put("status-fresh", start("status-fresh", "status", "--config=" + config("status-fresh", List.of(fresh),
                Map.of()), "--now=" + NOW));
        Map<String, JarProcess.Result> r = ProcessSupport.awaitAll(started);

        JarProcess.Result help = r.get("help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Exit status:").contains("collect")
                .containsPattern("(?m)^\\s*0\\s+everything selected was collected")
                .containsPattern("(?m)^\\s*1\\s+partial")
                .containsPattern("(?m)^\\s*2\\s+configuration error")
                .containsPattern("(?m)^\\s*3\\s+authentication error")
                .containsPattern("(?m)^\\s*4\\s+another run holds the lock")
                .containsPattern("(?m)^\\s*5\\s+unexpected failure");

        JarProcess.Result permissions = r.get("permissions");
        assertThat(permissions.exitCode()).as(permissions.all()).isZero();
        assertThat(permissions.stdout()).contains("User.Read.All").contains("df021288-bdef-4463-88db-98f22de89214")
                .contains("Application.Read.All").contains("az ad app permission admin-consent");

        JarProcess.Result webhook = r.get("bad-webhook");
        assertThat(webhook.exitCode()).as(webhook.all()).isEqualTo(2);
        assertThat(webhook.all()).contains("entralake.secret-expiry.webhook-url").doesNotContain("T0K3N-SECRET-PATH");
        assertThat(ProcessSupport.hasStackTrace(webhook.all())).as(webhook.all()).isFalse();

        JarProcess.Result status = r.get("status-fresh");
        assertThat(status.exitCode()).as("nothing collected yet is nothing to act on: " + status.all()).isZero();
        assertThat(status.stdout()).contains("tenant id:           " + fresh.tenantId())
                .contains("never tested (run test-connectivity)").contains("last run:          never run")
                .doesNotContain("DATA GAP");

        JarProcess.Result unknown = r.get("unknown-option");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.all()).contains("Unknown option: '--no-such-option'");

        JarProcess.Result missing = r.get("missing-config");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.all()).contains("Configuration error").contains("/nonexistent/entra-lake.yml");
        assertThat(ProcessSupport.hasStackTrace(missing.all())).as(missing.all()).isFalse();

        JarProcess.Result bad = r.get("bad-tenant-id");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.all()).contains("Configuration error").containsPattern("entralake\\.tenants\\[0\\]\\S*( \\(bad-tenant-id\\))?\\.tenant-id")
                .contains("contoso.onmicrosoft.com");
        assertThat(ProcessSupport.hasStackTrace(bad.all())).as(bad.all()).isFalse();
        assertThat(ProcessSupport.filesUnder(lake("bad-tenant-id"))).as("nothing ran").isEmpty();
    }

    @Test
    void tokenFailuresExitThreeWhenEveryTenantFailedAndOneWhenAnotherTenantCollected() throws Exception {
        // three tenants, each failing to sign in its own way: every tenant that ran failed to authenticate -> 3
        TestTenant wrong = fixture.tenant("wrong-secret", License.PREMIUM, 10, 1);
        Path wrongSecretFile = writeFile("wrong-secret-value", "not-the-secret~" + UUID.randomUUID() + "\n");
        TestTenant expired = fixture.tenant("expired-secret", License.PREMIUM, 10, 1, CollectFixture.ALL_ROLES,
                NOW.minusSeconds(86_400));
        TestTenant unknown = new TestTenant("unknown-tenant", UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), "s3cr3t~" + UUID.randomUUID() + "~VALUE", null);
        Path allFail = config("auth-failures", List.of(wrong, expired, unknown),
                Map.of("entralake.tenants[0].client-secret-file", wrongSecretFile.toString()));
        // two tenants, one with a wrong secret: the other is collected in full -> 1
        TestTenant good = fixture.tenant("two-good", License.PREMIUM, 20, 4);
        TestTenant bad = fixture.tenant("two-bad", License.PREMIUM, 20, 4);
        Path oneFails = config("two-tenants", List.of(bad, good), CollectFixture.only(2,
                Map.of("entralake.tenants[0].client-secret-file", wrongSecretFile.toString()),
                "signins", "directory_audits", "users"));

        Map<String, JarProcess> started = new LinkedHashMap<>();
        started.put("auth-failures", collect("auth-failures", allFail));
        started.put("two-tenants", collect("two-tenants", oneFails));
        Map<String, JarProcess.Result> r = ProcessSupport.awaitAll(started);

        JarProcess.Result failures = r.get("auth-failures");
        assertThat(failures.exitCode()).as(failures.all()).isEqualTo(3);
        assertAuthenticationFailure(failures, wrong, "AADSTS7000215");
        assertAuthenticationFailure(failures, expired, "AADSTS7000222");
        assertAuthenticationFailure(failures, unknown, "AADSTS90002");
        assertThat(ProcessSupport.hasStackTrace(failures.all())).as(failures.all()).isFalse();
        assertThat(lakeFiles("auth-failures")).as("no data without a token").isEmpty();
        for (TestTenant refused : List.of(wrong, expired, unknown, bad)) {
            assertThat(tokenRequests(refused)).as("a credential answer is not retried: one request for %s", refused.name())
                    .hasSize(1);
        }

        JarProcess.Result partial = r.get("two-tenants");
        assertThat(partial.exitCode()).as(partial.all()).isEqualTo(1);
        assertAuthenticationFailure(partial, bad, "AADSTS7000215");
        assertThat(partial.stdout()).containsPattern("(?m)^\\s*two-good \\(" + good.tenantId() + "\\): done");
        assertThat(ProcessSupport.hasStackTrace(partial.all())).as(partial.all()).isFalse();
        try (LakeQueries lake = new LakeQueries(lake("two-tenants"))) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(good.emulated().visibleIds("signins", START, END));
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(good.emulated().visibleIds("directory_audits", START, END));
            assertThat(lake.idRows("users")).containsExactlyInAnyOrderElementsOf(good.emulated().allIds("users"));
            assertThat(lake.strings("SELECT DISTINCT tenant_id FROM read_parquet('" + lake.glob("signins")
                    + "', hive_partitioning = true)")).containsExactly(good.tenantId());
        }
    }

    @Test
    void anUnavailableTokenEndpointIsPartialNotAnAuthenticationErrorAndABurstIsRetried() throws Exception {
        // an outage longer than the fixture's 4 attempts, for the only tenant of a run -> 1 (the next run retries)
        TestTenant alone = fixture.tenant("login-down-alone", License.PREMIUM, 10, 1);
        fixture.emulator.faults().tokenServerErrorNext(alone.tenantId(), 1_000, 503);
        // the same beside a healthy tenant -> 1, the healthy one collected in full
        TestTenant down = fixture.tenant("login-down", License.PREMIUM, 10, 1);
        TestTenant healthy = fixture.tenant("login-down-neighbour", License.PREMIUM, 20, 4);
        fixture.emulator.faults().tokenGatewayPageNext(down.tenantId(), 1_000, 502);
        // a 503, a reset (which the JDK resends once: two) and a hang past the read timeout: 3 retries, then a token
        TestTenant burst = fixture.tenant("login-burst", License.PREMIUM, 20, 4);
        fixture.emulator.faults().tokenServerErrorNext(burst.tenantId(), 1, 503);
        fixture.emulator.faults().tokenResetNext(burst.tenantId(), 2);
        fixture.emulator.faults().tokenDelayNext(burst.tenantId(), 1, java.time.Duration.ofSeconds(5));

        Map<String, JarProcess> started = new LinkedHashMap<>();
        started.put("login-down-alone", collect("login-down-alone", config("login-down-alone", List.of(alone), Map.of())));
        started.put("login-down", collect("login-down", config("login-down", List.of(down, healthy),
                CollectFixture.only(2, "signins", "directory_audits"))));
        started.put("login-burst", collect("login-burst", config("login-burst", List.of(burst),
                CollectFixture.only(1, Map.of("entralake.http.read-timeout", "PT2S"), "signins", "directory_audits"))));
        Map<String, JarProcess.Result> r = ProcessSupport.awaitAll(started);

        JarProcess.Result outage = r.get("login-down-alone");
        assertThat(outage.exitCode()).as(outage.all()).isEqualTo(1);
        assertThat(outage.stdout()).containsPattern("(?m)^\\s*login-down-alone \\(" + alone.tenantId() + "\\): failed"
                + " — Could not obtain a token for tenant " + alone.tenantId() + " from https://localhost:\\d+: 4 attempts"
                + " failed, the last because the token endpoint answered HTTP 503 \\(temporarily_unavailable, AADSTS90033,"
                + " .*\\)\\. This is not a credential problem; the next run tries again\\.$");
        assertThat(outage.stdout()).doesNotContain("authentication failed").doesNotContain("Check the tenant id");
        assertThat(ProcessSupport.hasStackTrace(outage.all())).as(outage.all()).isFalse();
        assertThat(ProcessSupport.filesUnder(lake("login-down-alone"))).as("nothing written without a token")
                .noneMatch(p -> p.toString().contains(alone.tenantId()));
        assertThat(tokenRequests(alone)).as("the attempt budget bounds the requests").hasSize(4);

        JarProcess.Result partial = r.get("login-down");
        assertThat(partial.exitCode()).as(partial.all()).isEqualTo(1);
        assertThat(partial.stdout()).containsPattern("(?m)^\\s*login-down \\(" + down.tenantId() + "\\): failed — .*"
                        + "page that is not JSON.*This is not a credential problem")
                .containsPattern("(?m)^\\s*login-down-neighbour \\(" + healthy.tenantId() + "\\): done$");
        assertThat(ProcessSupport.hasStackTrace(partial.all())).as(partial.all()).isFalse();
        try (LakeQueries lake = new LakeQueries(lake("login-down"))) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(healthy.emulated().visibleIds("signins", START, END));
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(healthy.emulated().visibleIds("directory_audits", START, END));
            assertThat(lake.strings("SELECT DISTINCT tenant_id FROM read_parquet('" + lake.glob("signins")
                    + "', hive_partitioning = true)")).containsExactly(healthy.tenantId());
        }

        JarProcess.Result retried = r.get("login-burst");
        assertThat(retried.exitCode()).as(retried.all()).isZero();
        assertThat(retried.stdout()).containsPattern("(?m)^\\s*login-burst \\(" + burst.tenantId()
                + "\\): done — signed in after 3 token endpoint retries$");
        assertThat(ProcessSupport.hasStackTrace(retried.all())).as(retried.all()).isFalse();
        try (LakeQueries lake = new LakeQueries(lake("login-burst"))) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(burst.emulated().visibleIds("signins", START, END));
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(burst.emulated().visibleIds("directory_audits", START, END));
        }
    }

    private static List<com.entralake.emulator.ServedRequest> tokenRequests(TestTenant tenant) {
        return fixture.emulator.requestLog().stream()
                .filter(r -> r.path().equals("/" + tenant.tenantId() + "/oauth2/v2.0/token")).toList();
    }

    private static void assertAuthenticationFailure(JarProcess.Result result, TestTenant tenant, String code) {
        assertThat(result.stdout()).as("the summary names the tenant and its Entra error")
                .containsPattern("(?m)^\\s*" + tenant.name() + " \\(" + tenant.tenantId() + "\\): authentication failed.*" + code);
    }

    private static List<Path> lakeFiles(String name) {
        return ProcessSupport.filesUnder(lake(name)).stream().filter(p -> p.toString().endsWith(".parquet")).toList();
    }

    @Test
    void withoutAPremiumLicenceSignInsAreSkippedWhenManagedAndMakeTheRunPartialWhenSelectedYes() throws Exception {
        TestTenant managed = fixture.tenant("free-managed", License.FREE, 20, 2);
        TestTenant yes = fixture.tenant("free-yes", License.FREE, 20, 2);
        Map<String, JarProcess> started = new LinkedHashMap<>();
        started.put("free-managed", collect("free-managed", config("free-managed", List.of(managed),
                CollectFixture.only(1, "signins", "directory_audits", "users"))));
        started.put("free-yes", collect("free-yes", config("free-yes", List.of(yes), CollectFixture.only(1,
                Map.of("entralake.tenants[0].data-types.signins", "yes"), "signins", "directory_audits"))));
        Map<String, JarProcess.Result> r = ProcessSupport.awaitAll(started);

        JarProcess.Result skipped = r.get("free-managed");
        assertThat(skipped.exitCode()).as(skipped.all()).isZero();
        assertThat(skipped.stdout()).containsPattern("(?m)^\\s*signins\\s+skipped");
        assertThat(ProcessSupport.hasStackTrace(skipped.all())).as(skipped.all()).isFalse();
        try (LakeQueries lake = new LakeQueries(lake("free-managed"))) {
            assertThat(lake.hasFiles("signins")).isFalse();
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(managed.emulated().visibleIds("directory_audits", START, END));
            assertThat(lake.idRows("users")).containsExactlyInAnyOrderElementsOf(managed.emulated().allIds("users"));
        }

        JarProcess.Result partial = r.get("free-yes");
        assertThat(partial.exitCode()).as(partial.all()).isEqualTo(1);
        assertThat(partial.stdout()).containsPattern("(?m)^\\s*signins\\s+unavailable").contains("selected 'yes'");
        assertThat(ProcessSupport.hasStackTrace(partial.all())).as(partial.all()).isFalse();
        try (LakeQueries lake = new LakeQueries(lake("free-yes"))) {
            assertThat(lake.hasFiles("signins")).as("no sign-ins file, not even an empty one").isFalse();
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(yes.emulated().visibleIds("directory_audits", START, END));
        }
    }

    @Test
    void aTenantWhoseLockIsHeldIsLeftAloneWithExitFour() throws Exception {
        TestTenant tenant = fixture.tenant("locked", License.PREMIUM, 10, 1);
        Path config = config("locked", List.of(tenant), Map.of());
        JarProcess.Result run;
        try (FileTenantLock held = FileTenantLock.acquire(dir.resolve("locks"), tenant.tenantId(), tenant.name())) {
            run = ProcessSupport.show("locked", collect("locked", config).await(TIMEOUT));
        }
        assertThat(run.exitCode()).as(run.all()).isEqualTo(4);
        assertThat(run.all()).contains("Another Entra Lake run is collecting tenant locked (" + tenant.tenantId() + ")")
                .contains(tenant.tenantId() + ".lock");
        assertThat(ProcessSupport.hasStackTrace(run.all())).as(run.all()).isFalse();
        assertThat(ProcessSupport.filesUnder(lake("locked"))).as("a locked-out run writes nothing").isEmpty();
        assertThat(fixture.emulator.requestLog()).as("nor signs in").noneMatch(r -> tenant.tenantId().equals(r.tenantId()));
    }

}
