package com.entralake.process;

import static com.entralake.process.ProcessSupport.NOW;
import static com.entralake.process.ProcessSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.emulator.ClientSecret;
import com.entralake.emulator.License;
import com.entralake.emulator.RequestedPermission;
import com.entralake.emulator.TenantType;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.JarProcess;
import com.entralake.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code test-connectivity} from the packaged jar: every sign-in failure with its own advice (exit 3), an
 * unavailable login host (exit 1),
 * permissions present or why missing, the probe of each data type, B2C (exit 1), credential warnings and
 * the webhook. Cases needing different exit codes run as concurrent processes.
 */
class ConnectivityIT {

    private static final Set<String> WITH_APP_READ = Set.of("AuditLog.Read.All", "Directory.Read.All",
            "User.Read.All", "Group.Read.All", "Application.Read.All");

    @TempDir
    static Path dir;
    static CollectFixture fixture;
    static WebhookReceiver webhook;

    @BeforeAll
    static void start() {
        fixture = CollectFixture.start(dir);
        fixture.emulator.clock().set(NOW);
        webhook = WebhookReceiver.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
        webhook.close();
    }

    private static Path config(String name, List<TestTenant> tenants, Map<String, String> overrides) {
        Map<String, String> p = new HashMap<>();
        p.put("entralake.lake-root", dir.resolve("lake-" + name).toString());
        p.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("jobrepo-" + name) + ";AUTO_SERVER=TRUE");
        p.putAll(overrides);
        return fixture.config(name + ".properties", tenants, p);
    }

    private static JarProcess testConnectivity(String name, Path config) throws Exception {
        return JarProcess.start(dir.resolve("run-" + name), Map.of(), ProcessSupport.JVM_OPTIONS,
                "test-connectivity", "--config=" + config, "--now=" + NOW);
    }


    /** The block the report prints for one tenant: from its header to the next blank line. */
    private static String block(JarProcess.Result result, String tenant) {
        String out = result.stdout();
        int start = out.indexOf("Tenant '" + tenant + "'");
        assertThat(start).as("a report for " + tenant + " in\n" + out).isNotNegative();
        int end = out.indexOf("\n\n", start);
        return out.substring(start, end < 0 ? out.length() : end);
    }

    @Test
    void everySignInFailureIsExplainedAndExitsThree() throws Exception {
        TestTenant wrong = fixture.tenant("c-wrong-secret", License.PREMIUM, 1, 1);
        Path wrongSecret = Files.writeString(dir.resolve("wrong-secret"), "not-the-secret~" + UUID.randomUUID() + "\n",
                StandardCharsets.UTF_8);
        TestTenant expired = fixture.tenant("c-expired", License.PREMIUM, 1, 1, CollectFixture.ALL_ROLES,
                NOW.minus(Duration.ofDays(1)));
        TestTenant unknownTenant = new TestTenant("c-unknown-tenant", UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), "s3cr3t~" + UUID.randomUUID(), null);
        TestTenant realTenant = fixture.tenant("c-other-app", License.PREMIUM, 1, 1);
        TestTenant appNotInTenant = new TestTenant("c-app-not-in-tenant", realTenant.tenantId(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), realTenant.secret(), null);
        Path failures = config("sign-in-failures", List.of(wrong, expired, unknownTenant, appNotInTenant),
                Map.of("entralake.tenants[0].client-secret-file", wrongSecret.toString()));
        // a login host that cannot be reached, or answers 503 to every attempt: not usable for now (1), not a
        // credential problem (3)
        TestTenant unreachable = fixture.tenant("c-unreachable", License.PREMIUM, 1, 1);
        TestTenant overloaded = fixture.tenant("c-login-503", License.PREMIUM, 1, 1);
        fixture.emulator.faults().tokenServerErrorNext(overloaded.tenantId(), 1_000, 503);
        Path unavailable = config("login-unavailable", List.of(unreachable, overloaded),
                // nothing listens on port 1: the login host cannot be reached
                Map.of("entralake.tenants[0].authority-host", "https://127.0.0.1:1"));
        // the JVM's own trust store does not trust the emulator's certificate: a TLS failure, not a silent pass
        TestTenant untrusted = fixture.tenant("c-untrusted", License.PREMIUM, 1, 1);
        Path tls = config("tls", List.of(untrusted), Map.of("entralake.http.trust-store", ""));

        Map<String, JarProcess> started = new LinkedHashMap<>();
        started.put("sign-in-failures", testConnectivity("sign-in-failures", failures));
        started.put("tls", testConnectivity("tls", tls));
        started.put("login-unavailable", testConnectivity("login-unavailable", unavailable));
        Map<String, JarProcess.Result> r = ProcessSupport.awaitAll(started);

        JarProcess.Result result = r.get("sign-in-failures");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        assertThat(block(result, "c-wrong-secret")).contains("Not connected").contains("AADSTS7000215");
        assertThat(block(result, "c-expired")).contains("Not connected").contains("AADSTS7000222");
        assertThat(block(result, "c-unknown-tenant")).contains("Not connected").contains("AADSTS90002");
        assertThat(block(result, "c-app-not-in-tenant")).contains("Not connected").contains("AADSTS700016");
        assertThat(result.stdout()).doesNotContain("Connected (");
        assertThat(ProcessSupport.hasStackTrace(result.all())).as(result.all()).isFalse();
        assertThat(result.all()).doesNotContain(expired.secret()).doesNotContain(realTenant.secret());

        JarProcess.Result down = r.get("login-unavailable");
        assertThat(down.exitCode()).as(down.all()).isEqualTo(1);
        // test-connectivity tries 3 times: a person is waiting
        assertThat(block(down, "c-unreachable")).contains("Not connected").contains("3 attempts failed")
                .contains("the connection was refused").contains("This is not a credential problem");
        assertThat(block(down, "c-login-503")).contains("Not connected").contains("3 attempts failed")
                .contains("HTTP 503 (temporarily_unavailable, AADSTS90033").contains("This is not a credential problem");
        assertThat(fixture.emulator.requestLog().stream()
                .filter(q -> q.path().equals("/" + overloaded.tenantId() + "/oauth2/v2.0/token"))).hasSize(3);
        assertThat(ProcessSupport.hasStackTrace(down.all())).as(down.all()).isFalse();

        JarProcess.Result untrustedResult = r.get("tls");
        assertThat(untrustedResult.exitCode()).as(untrustedResult.all()).isEqualTo(3);
        assertThat(block(untrustedResult, "c-untrusted")).contains("Not connected").containsIgnoringCase("certificate");
        assertThat(ProcessSupport.hasStackTrace(untrustedResult.all())).as(untrustedResult.all()).isFalse();
    }

    @Test
    void permissionsProbesAndCredentialsAreReportedPerTenant() throws Exception {
        // consented as it should be; its secret expires in 30 days and a second secret sits on the app
        TestTenant healthy = fixture.tenant("c-healthy", License.PREMIUM, 5, 1, TenantType.AAD, WITH_APP_READ,
                NOW.plus(Duration.ofDays(30)).plusSeconds(3600),
                app -> app.secret(new ClientSecret("aaaaaaaa-0000-4000-8000-000000000001", "other~" + UUID.randomUUID(),
                        NOW.plus(Duration.ofDays(700)))));
        // the three classic mistakes: no consent, delegated instead of application, never added
        TestTenant mistakes = fixture.tenant("c-mistakes", License.PREMIUM, 5, 1, TenantType.AAD,
                Set.of("AuditLog.Read.All", "Application.Read.All"), NOW.plus(Duration.ofDays(400)),
                app -> app.requested(RequestedPermission.role("AuditLog.Read.All"),
                        RequestedPermission.role("Application.Read.All"),
                        RequestedPermission.role("Directory.Read.All"),
                        RequestedPermission.scope("User.Read.All")));
        TestTenant free = fixture.tenant("c-free", License.FREE, 5, 1, TenantType.AAD, WITH_APP_READ,
                NOW.plus(Duration.ofDays(400)), app -> { });
        // without Application.Read.All (or Directory.Read.All, which also reads applications) the registration
        // cannot be read: a missing permission is reported, but not explained
        TestTenant blind = fixture.tenant("c-blind", License.PREMIUM, 5, 1, TenantType.AAD,
                Set.of("AuditLog.Read.All", "User.Read.All", "Group.Read.All"), NOW.plus(Duration.ofDays(400)),
                app -> { });
        Path connected = config("connected", List.of(healthy, mistakes, free, blind),
                Map.of("entralake.secret-expiry.webhook-url", webhook.url().toString()));
        TestTenant b2c = fixture.tenant("c-b2c", License.PREMIUM, 5, 1, TenantType.AAD_B2C, WITH_APP_READ,
                NOW.plus(Duration.ofDays(400)), app -> { });
        Path b2cConfig = config("b2c", List.of(b2c), Map.of());

        Map<String, JarProcess> started = new LinkedHashMap<>();
        started.put("connected", testConnectivity("connected", connected));
        started.put("b2c", testConnectivity("b2c", b2cConfig));
        Map<String, JarProcess.Result> r = ProcessSupport.awaitAll(started);

        JarProcess.Result result = r.get("connected");
        assertThat(result.exitCode()).as("connected tenants with unavailable data types are still connected: "
                + result.all()).isZero();
        String ok = block(result, "c-healthy");
        assertThat(ok).contains("Connected (21 of 42 selected data types available)")
                .containsPattern("granted\\s+AuditLog.Read.All").containsPattern("granted\\s+Application.Read.All")
                .containsPattern("signins\\s+available").containsPattern("groups\\s+available")
                .contains("secret " + healthy.secretId()).contains("expires in 30 day(s)")
                .contains("aaaaaaaa-0000-4000-8000-000000000001").contains("one secret per app");

        String wrong = block(result, "c-mistakes");
        assertThat(wrong).contains("Connected (5 of 42 selected data types available)")
                .containsPattern("MISSING\\s+Directory.Read.All — added, but admin consent not granted")
                .containsPattern("MISSING\\s+User.Read.All — added as a Delegated permission")
                .containsPattern("MISSING\\s+Group.Read.All — not added")
                .containsPattern("directory_audits\\s+available")
                .containsPattern("signins\\s+missing permission")
                .containsPattern("users\\s+missing permission")
                .containsPattern("groups\\s+missing permission");

        assertThat(block(result, "c-free")).contains("Connected (15 of 42 selected data types available)")
                .containsPattern("signins\\s+not licensed\\s+skipped while unavailable \\(managed")
                .contains("Microsoft Entra ID P1 or P2");

        assertThat(block(result, "c-blind")).contains("Connected (5 of 42")
                .containsPattern("MISSING\\s+Directory.Read.All — missing \\(grant Application.Read.All")
                .containsPattern("signins\\s+missing permission")
                .contains("the app registration could not be read");
        assertThat(ProcessSupport.hasStackTrace(result.all())).as(result.all()).isFalse();

        List<String> notices = webhook.bodies();
        assertThat(notices).as("one notice, for the tenant whose secret needs attention").hasSize(1);
        JsonNode notice = new ObjectMapper().readTree(notices.get(0));
        assertThat(notice.path("tenantId").asText()).isEqualTo(healthy.tenantId());
        assertThat(notice.path("secretId").asText()).isEqualTo(healthy.secretId());
        assertThat(notice.path("daysLeft").asLong()).isEqualTo(30);
        assertThat(notice.path("expiring").asBoolean()).isTrue();
        assertThat(notices.get(0)).doesNotContain(healthy.secret());
        assertThat(result.all()).doesNotContain("T0K3N-in-the-path").doesNotContain(healthy.secret());

        JarProcess.Result unsupported = r.get("b2c");
        assertThat(unsupported.exitCode()).as(unsupported.all()).isEqualTo(1);
        assertThat(block(unsupported, "c-b2c")).contains("Not supported").contains("B2C")
                .containsPattern("signins\\s+not applicable");

        // collect believes the stored result: a B2C tenant is not collected at all
        JarProcess.Result refused = ProcessSupport.show("b2c-collect", JarProcess.start(dir.resolve("run-b2c-collect"),
                Map.of(), ProcessSupport.JVM_OPTIONS, "collect", "--config=" + b2cConfig, "--now=" + NOW).await(TIMEOUT));
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.stdout()).contains("Azure AD B2C tenant");
        assertThat(ProcessSupport.filesUnder(dir.resolve("lake-b2c"))).as("nothing collected").isEmpty();
    }
}
