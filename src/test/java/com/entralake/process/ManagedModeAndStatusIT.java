package com.entralake.process;

import static com.entralake.process.ProcessSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.emulator.AppRegistration;
import com.entralake.emulator.ClientSecret;
import com.entralake.emulator.License;
import com.entralake.emulator.ServedRequest;
import com.entralake.emulator.TenantType;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.JarProcess;
import com.entralake.testing.LakeQueries;
import com.entralake.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A tenant's life over six weeks, from the packaged jar: connectivity test on a Free licence, collect
 * skipping sign-ins (managed) and warning that the secret expires soon (webhook), an upgrade to P1/P2
 * picked up by the next run past the re-check interval with sign-ins backfilled exactly, and finally
 * the emulator's clock jumping past retention: {@code status} — with credentials broken — names the days
 * that can no longer be recovered.
 */
class ManagedModeAndStatusIT {

    private static final Set<String> ROLES = Set.of("AuditLog.Read.All", "Directory.Read.All", "User.Read.All",
            "Group.Read.All", "Application.Read.All");

    @TempDir
    static Path dir;
    static CollectFixture fixture;
    static WebhookReceiver webhook;

    @BeforeAll
    static void start() {
        fixture = CollectFixture.start(dir);
        webhook = WebhookReceiver.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
        webhook.close();
    }

    /**
     * Where this story starts: two months before the other process tests' time, so that its six weeks without a
     * run still end in the past — the job refuses a --now later than the machine's clock.
     */
    private static final Instant NOW = ProcessSupport.NOW.minus(Duration.ofDays(60));

    /**
     * The story follows sign-ins (P1/P2) beside types every licence serves and one that needs P2; the catalogue's
     * other types have managed-mode tests of their own (MissingLicencesTest, EveryDataTypeTest).
     */
    private static final String[] COLLECTED = {"signins", "directory_audits", "users", "risky_users"};

    private static JarProcess.Result run(String label, Instant now, String... args) throws Exception {
        fixture.emulator.clock().set(now);
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--now=" + now;
        return ProcessSupport.show(label, JarProcess.start(dir.resolve("run-" + label), Map.of(),
                ProcessSupport.JVM_OPTIONS, all).await(TIMEOUT));
    }

    private static long signInRequests(List<ServedRequest> requests) {
        return requests.stream().filter(r -> r.path().equalsIgnoreCase("/v1.0/auditLogs/signIns")).count();
    }

    @Test
    void managedModeFollowsTheLicenceAndStatusReportsWhatCannotBeRecovered() throws Exception {
        TestTenant tenant = fixture.tenant("m-upgrading", License.FREE, 20, 2, TenantType.AAD, ROLES,
                NOW.plus(Duration.ofDays(20)), app -> { });
        Path config = fixture.config("managed.properties", List.of(tenant), CollectFixture.only(1,
                Map.of("entralake.secret-expiry.webhook-url", webhook.url().toString()), COLLECTED));

        // 1. Connect: Free licence, sign-ins not licensed; the result is stored
        JarProcess.Result connect = run("connect", NOW, "test-connectivity", "--config=" + config);
        assertThat(connect.exitCode()).as(connect.all()).isZero();
        assertThat(connect.stdout()).containsPattern("signins\\s+not licensed");

        // 2. Collect: sign-ins skipped on the stored result without asking Graph; audits and directory collected;
        //    the secret expiring in 20 days is warned about and notified
        fixture.emulator.clearRequestLog();
        JarProcess.Result first = run("collect-free", NOW, "collect", "--config=" + config);
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.stdout()).containsPattern("(?m)^\\s*signins\\s+skipped").contains("not licensed");
        assertThat(signInRequests(fixture.emulator.requestLog())).as("a fresh 'not licensed' is trusted").isZero();
        assertThat(first.all()).contains("expires in 20 day(s)");
        assertThat(webhook.bodies()).as("test-connectivity and collect each notified").hasSize(2);
        assertThat(new ObjectMapper().readTree(webhook.bodies().get(1)).path("daysLeft").asLong()).isEqualTo(20);

        // 3. The tenant buys P1/P2. A run within the re-check interval still trusts "not licensed"...
        tenant.emulated().setLicense(License.PREMIUM);
        Instant soon = NOW.plus(Duration.ofHours(2));
        JarProcess.Result stillSkipped = run("collect-soon", soon, "collect", "--config=" + config);
        assertThat(stillSkipped.exitCode()).as(stillSkipped.all()).isZero();
        assertThat(stillSkipped.stdout()).containsPattern("(?m)^\\s*signins\\s+skipped");

        // ...and the next nightly run probes again, finds sign-ins available and backfills them exactly
        Instant nextNight = NOW.plus(Duration.ofHours(24));
        JarProcess.Result upgraded = run("collect-upgraded", nextNight, "collect", "--config=" + config);
        assertThat(upgraded.exitCode()).as(upgraded.all()).isZero();
        assertThat(upgraded.stdout()).containsPattern("(?m)^\\s*signins\\s+collected");
        Instant end = nextNight.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.HOURS); // nextNight - lag, aligned
        Instant start = end.minus(Duration.ofDays(2));      // the fixture's backfill
        try (LakeQueries lake = new LakeQueries(fixture.lake())) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", start, end));
        }

        // 4. Six weeks without a run; the secret is broken by now. status reads the job repository only.
        Instant later = nextNight.plus(Duration.ofDays(40));
        Path broken = fixture.config("broken.properties", List.of(tenant), CollectFixture.only(1,
                Map.of("entralake.tenants[0].client-secret-file", dir.resolve("no-such-secret").toString()), COLLECTED));
        JarProcess.Result status = run("status", later, "status", "--config=" + broken);
        assertThat(status.exitCode()).as("a data gap needs attention: " + status.all()).isEqualTo(1);
        Instant oldestKept = later.minus(Duration.ofDays(30));
        LocalDate firstLost = end.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate lastLost = oldestKept.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
        assertThat(status.stdout())
                .contains("tenant id:           " + tenant.tenantId())
                .contains("secret id:           " + tenant.secretId())
                .contains("Connected (2 of 4 selected data types available)") // as probed on Free: no sign-ins, no risky users
                .contains("EXPIRED on " + NOW.plus(Duration.ofDays(20)))
                .containsPattern("last run:\\s+COMPLETED, started " + nextNight)
                .containsPattern("signins\\s+selection:\\s+managed — available")
                .contains("watermark:         " + end)
                .contains("DATA GAP:          records from " + end + " to " + oldestKept)
                .contains("affected UTC days: " + firstLost + " .. " + lastLost);
        assertThat(ProcessSupport.hasStackTrace(status.all())).as(status.all()).isFalse();

        // 5. Rotation: a new secret on the app, its value in the secret file, its Secret ID in the configuration.
        //    The next run signs in with it and continues from the same watermark (the job repository is keyed by
        //    tenant, not by credential), logging the days that were lost meanwhile.
        Set<String> before;
        try (LakeQueries lake = new LakeQueries(fixture.lake())) {
            before = Set.copyOf(lake.idRows("signins"));
        }
        String rotatedId = UUID.randomUUID().toString();
        String rotatedValue = "rotated~" + UUID.randomUUID() + "~VALUE";
        AppRegistration app = tenant.emulated().app(tenant.clientId()).orElseThrow();
        List<ClientSecret> secrets = new ArrayList<>(app.secrets());
        secrets.add(new ClientSecret(rotatedId, rotatedValue, later.plus(Duration.ofDays(365))));
        tenant.emulated().addApp(new AppRegistration(app.clientId(), app.objectId(), app.displayName(), app.roles(),
                secrets, app.certificate(), app.requiredResourceAccess(), app.keyCredentials()));
        Path rotatedFile = Files.writeString(dir.resolve("rotated-secret"), rotatedValue, StandardCharsets.UTF_8);
        Path rotated = fixture.config("rotated.properties", List.of(tenant), CollectFixture.only(1,
                Map.of("entralake.tenants[0].client-secret-file", rotatedFile.toString(),
                        "entralake.tenants[0].secret-id", rotatedId), COLLECTED));
        JarProcess.Result resumed = run("collect-rotated", later, "collect", "--config=" + rotated);
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(resumed.all()).contains("DATA GAP: records from " + end + " to " + oldestKept);
        Instant laterEnd = later.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.HOURS); // later - lag, aligned
        Set<String> expected = new HashSet<>(before);
        expected.addAll(tenant.emulated().visibleIds("signins", start, laterEnd)); // what Graph still keeps
        try (LakeQueries lake = new LakeQueries(fixture.lake())) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected)
                    .hasSizeGreaterThan(before.size());
        }
        assertThat(resumed.all()).doesNotContain(rotatedValue).doesNotContain(tenant.secret());

        // 6. The watermark has moved on, but status still names the lost days, and the rotated secret's expiry
        JarProcess.Result after = run("status-after", later, "status", "--config=" + rotated);
        assertThat(after.exitCode()).as("a gap already reported is history, not an alert: " + after.all()).isZero();
        assertThat(after.stdout()).doesNotContain("DATA GAP")
                .contains("lost earlier:      " + end + " .. " + oldestKept + " (found by the run of " + later + ")")
                .contains("expires " + later.plus(Duration.ofDays(365)))
                .contains("warning: secret " + tenant.secretId() + " expired on");
    }
}
