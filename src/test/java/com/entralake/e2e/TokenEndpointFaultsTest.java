package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.entralake.emulator.Faults;
import com.entralake.emulator.License;
import com.entralake.emulator.ServedRequest;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

/**
 * The token endpoint misbehaving, with the real MSAL4J client: a burst shorter than the attempt budget (the
 * fixture's 4) is retried and the run is exact; an outage longer than it fails the tenant for this run (exit 1)
 * with one message that blames the endpoint, not the credentials; a wrong secret is asked once and is exit 3.
 */
@Tag("fault-injection")
class TokenEndpointFaultsTest extends EmulatedCollectionTest {

    static List<Arguments> bursts() {
        return List.of(
                // name, faults, retries the sign-in needs, token requests the emulator sees (-1: not counted)
                Arguments.of("server-errors", (BiConsumer<Faults, String>) (f, t) -> f.tokenServerErrorNext(t, 3, 503), 3, 4),
                Arguments.of("proxy-page-then-throttled", (BiConsumer<Faults, String>) (f, t) -> {
                    f.tokenGatewayPageNext(t, 1, 502);
                    f.tokenThrottledNext(t, 1, 1);
                }, 2, 3),
                // the JDK resends a reset POST once by itself: four resets are two attempts
                Arguments.of("resets", (BiConsumer<Faults, String>) (f, t) -> f.tokenResetNext(t, 4), 2, 5),
                // a hang (longer than the read timeout below) logs its request only when it finally answers
                Arguments.of("hang-then-server-errors", (BiConsumer<Faults, String>) (f, t) -> {
                    f.tokenDelayNext(t, 1, Duration.ofSeconds(4));
                    f.tokenServerErrorNext(t, 2, 504);
                }, 3, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bursts")
    void aBurstShorterThanTheBudgetIsRetriedAndTheRunIsExact(String name, BiConsumer<Faults, String> faults,
            int retries, int tokenRequests) throws Exception {
        TestTenant tenant = fixture.tenant("token-" + name, License.PREMIUM, 60, 5);
        Path lakeDir = dir.resolve("lake-token-" + name);
        Path config = fixture.config("token-" + name + ".properties", List.of(tenant), CollectFixture.only(1, Map.of(
                "entralake.lake-root", lakeDir.toString(), "entralake.http.read-timeout", "PT2S"),
                        CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        faults.accept(fixture.emulator.faults(), tenant.tenantId());

        Captured run = fixture.collectCapturing(config, NOW);
        fixture.emulator.faults().clear(tenant.tenantId());

        assertThat(run.exitCode()).as(run.all()).isZero();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("directory_audits", START, END));
            assertThat(lake.idRows("users")).containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"));
        }
        assertThat(run.stdout()).as("the summary counts the sign-in's retries")
                .containsPattern("(?m)^\\s*token-" + name + " \\(" + tenant.tenantId() + "\\): done — signed in after "
                        + retries + " token endpoint retries$");
        if (tokenRequests >= 0) {
            assertThat(tokenRequests(tenant)).as("one request per attempt, then the cached token").hasSize(tokenRequests);
        }
    }

    @Test
    void anOutageLongerThanTheBudgetFailsOnlyThatTenantWithOneMessageThatIsNotAboutCredentials() throws Exception {
        TestTenant down = fixture.tenant("token-outage", License.PREMIUM, 20, 4);
        TestTenant up = fixture.tenant("token-outage-neighbour", License.PREMIUM, 20, 4);
        Path lakeDir = dir.resolve("lake-token-outage");
        Path alone = fixture.config("token-outage-alone.properties", List.of(down),
                CollectFixture.only(1, Map.of("entralake.lake-root", lakeDir.toString()),
                        CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        Path both = fixture.config("token-outage-both.properties", List.of(down, up),
                CollectFixture.only(2, Map.of("entralake.lake-root", lakeDir.toString()),
                        CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        fixture.emulator.faults().tokenServerErrorNext(down.tenantId(), 1_000, 503);

        Captured onlyDown = fixture.collectCapturing(alone, NOW);

        assertThat(onlyDown.exitCode()).as("not an authentication error, even when it is the only tenant: "
                + onlyDown.all()).isEqualTo(1);
        String line = "token-outage (" + down.tenantId() + "): failed — Could not obtain a token for tenant "
                + down.tenantId() + " from " + fixture.emulator.authorityHost() + ": 4 attempts failed, the last because"
                + " the token endpoint answered HTTP 503 (temporarily_unavailable, AADSTS90033, trace id ";
        assertThat(onlyDown.stdout()).contains(line).containsPattern("(?m)^\\s*" + java.util.regex.Pattern.quote(line)
                + ".*\\)\\. This is not a credential problem; the next run tries again\\.$");
        String summary = onlyDown.stdout().substring(onlyDown.stdout().indexOf("Entra Lake run summary"));
        assertThat(summary).doesNotContain("authentication failed").doesNotContainIgnoringCase("client secret")
                .doesNotContain("Check the tenant id");
        assertThat(hasStackTrace(onlyDown.all())).as(onlyDown.all()).isFalse();
        assertThat(tokenRequests(down)).as("the budget bounds the requests: 4 attempts, one request each").hasSize(4);
        assertThat(filesOf(lakeDir, down)).as("nothing written without a token").isEmpty();

        Captured neighbours = fixture.collectCapturing(both, NOW);
        fixture.emulator.faults().clear(down.tenantId());

        assertThat(neighbours.exitCode()).as(neighbours.all()).isEqualTo(1);
        assertThat(neighbours.stdout()).contains(line)
                .containsPattern("(?m)^\\s*token-outage-neighbour \\(" + up.tenantId() + "\\): done$");
        assertThat(hasStackTrace(neighbours.all())).as(neighbours.all()).isFalse();
        assertThat(filesOf(lakeDir, down)).isEmpty();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(up.emulated().visibleIds("signins", START, END));
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(up.emulated().visibleIds("directory_audits", START, END));
            assertThat(lake.strings("SELECT DISTINCT tenant_id FROM read_parquet('" + lake.glob("signins")
                    + "', hive_partitioning = true)")).containsExactly(up.tenantId());
        }
    }

    @Test
    void aWrongSecretIsAskedOnceAndIsStillAnAuthenticationError() throws Exception {
        TestTenant tenant = fixture.tenant("token-wrong-secret", License.PREMIUM, 10, 1);
        Path wrongSecret = Files.writeString(dir.resolve("token-wrong-secret-value"), "not-the-secret~" + UUID.randomUUID());
        Path config = fixture.config("token-wrong-secret.properties", List.of(tenant), Map.of(
                "entralake.lake-root", dir.resolve("lake-token-wrong-secret").toString(),
                "entralake.tenants[0].client-secret-file", wrongSecret.toString()));

        Captured run = fixture.collectCapturing(config, NOW);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.stdout()).containsPattern("(?m)^\\s*token-wrong-secret \\(" + tenant.tenantId()
                + "\\): authentication failed — The client secret for app .* is not valid \\(AADSTS7000215");
        assertThat(tokenRequests(tenant)).as("no retry storm against a wrong secret").extracting(ServedRequest::status)
                .containsExactly(401);
        assertThat(run.all()).doesNotContain("retrying in");
    }

    @Test
    void aTokenRefreshMidRunThatMeetsAnOutageBurstIsRetriedAndTheRunIsExact() throws Exception {
        TestTenant tenant = fixture.tenant("token-refresh", License.PREMIUM, 100, 5);
        Path lakeDir = dir.resolve("lake-token-refresh");
        Path config = fixture.config("token-refresh.properties", List.of(tenant),
                CollectFixture.only(1, Map.of("entralake.lake-root", lakeDir.toString()), CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        // tokens with less than the 5 minutes the client needs left are never reused: every Graph request refreshes
        fixture.emulator.faults().tokenLifetime(tenant.tenantId(), Duration.ofSeconds(200));
        AtomicBoolean armed = new AtomicBoolean();
        fixture.emulator.onPageServed((tenantId, path, page, count) -> {
            if (tenant.tenantId().equals(tenantId) && path.endsWith("/v1.0/auditLogs/signIns") && page == 2 && armed.compareAndSet(false, true)) {
                // the refresh before the next sign-ins page meets two 503s and a reset pair
                fixture.emulator.faults().tokenServerErrorNext(tenantId, 2, 503);
                fixture.emulator.faults().tokenResetNext(tenantId, 2);
            }
        });

        // the audit logs only: the refresh is made by whichever lane asks first, and the test counts it on sign-ins
        Captured run = fixture.collectCapturing(config, NOW, "--data-type=signins", "--data-type=directory_audits");
        fixture.emulator.faults().clear(tenant.tenantId());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(armed).as("the burst was armed mid-run").isTrue();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("directory_audits", START, END));
        }
        List<Integer> statuses = tokenRequests(tenant).stream().map(ServedRequest::status).toList();
        int firstFailure = statuses.indexOf(503);
        assertThat(firstFailure).as("the failures came after tokens had been issued: a refresh, not the sign-in")
                .isGreaterThan(1);
        assertThat(statuses.subList(firstFailure, firstFailure + 5)).containsExactly(503, 503, -1, -1, 200);
        assertThat(run.stdout()).as("signed in at once").containsPattern("(?m)^\\s*token-refresh \\(" + tenant.tenantId()
                + "\\): done$");
        assertThat(retriesOf(run.stdout(), "signins")).as("the step that refreshed counts the 3 token retries")
                .isGreaterThanOrEqualTo(3);
    }

    /** Everything under the lake that belongs to this tenant (data, manifests, temporaries). */
    private static List<Path> filesOf(Path lakeDir, TestTenant tenant) throws java.io.IOException {
        if (!Files.exists(lakeDir)) {
            return List.of();
        }
        try (var files = Files.walk(lakeDir)) {
            return files.filter(p -> p.toString().contains(tenant.tenantId())).toList();
        }
    }

    private static List<ServedRequest> tokenRequests(TestTenant tenant) {
        return fixture.emulator.requestLog().stream()
                .filter(r -> r.path().equals("/" + tenant.tenantId() + "/oauth2/v2.0/token")).toList();
    }

    private static long retriesOf(String summary, String dataset) {
        return summary.lines().filter(l -> l.trim().startsWith(dataset + " "))
                .map(l -> l.replaceAll(".*retries\\s+([0-9,]+).*", "$1").replace(",", ""))
                .filter(s -> s.matches("[0-9]+")).mapToLong(Long::parseLong).sum();
    }

    private static boolean hasStackTrace(String output) {
        return output.lines().anyMatch(l -> l.matches("\\s+at [\\w$.]+\\(.*\\)\\s*") || l.startsWith("Exception in thread")
                || l.matches("\\s*Caused by: .*"));
    }
}
