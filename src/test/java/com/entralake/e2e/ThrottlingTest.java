package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.entralake.emulator.License;
import com.entralake.emulator.ServedRequest;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

/**
 * Under Graph's real audit-log limit (5 requests per 10 s per tenant, enforced by the emulator with
 * 429 and Retry-After), a run completes, paces itself instead of collecting 429s, and never sends a
 * request before a Retry-After has passed — while the data types of other budgets run beside it, not after it.
 */
@Tag("fault-injection")
class ThrottlingTest extends EmulatedCollectionTest {

    @Test
    void theRunPacesItselfUnderTheAuditLogLimitAndHonoursRetryAfter() throws Exception {
        TestTenant tenant = fixture.tenant("throttled", License.PREMIUM, 180, 30);
        Path config = fixture.config("throttled.properties", List.of(tenant),
                CollectFixture.only(1, Map.of("entralake.http.audit-log-requests-per10s", "5", "entralake.http.max-attempts", "8",
                        "entralake.collection.backfill", "P2D"),
                        CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        fixture.emulator.faults().throttleAuditLogs(tenant.tenantId(), true);

        assertThat(fixture.collect(config, NOW)).isZero();

        List<ServedRequest> auditLogRequests = fixture.emulator.requestLog().stream()
                .filter(r -> tenant.tenantId().equals(r.tenantId()) && r.path().contains("/auditLogs/"))
                .toList();
        assertThat(auditLogRequests).as("more than twice the 10-second budget").hasSizeGreaterThan(10);
        List<ServedRequest> throttled = auditLogRequests.stream().filter(r -> r.status() == 429).toList();
        assertThat(throttled).as("the client paces itself; at most a handful of 429s").hasSizeLessThanOrEqualTo(2);
        for (ServedRequest refusal : throttled) {
            Duration retryAfter = Duration.ofNanos((long) (Double.parseDouble(refusal.retryAfter()) * 1e9));
            auditLogRequests.stream().filter(r -> r.received().isAfter(refusal.received())).findFirst()
                    .ifPresent(next -> assertThat(Duration.between(refusal.received(), next.received()))
                            .as("next request after a 429").isGreaterThanOrEqualTo(retryAfter));
        }
        // no sliding 10-second window ever saw more than 5 accepted requests
        for (int i = 5; i < auditLogRequests.size(); i++) {
            assertThat(Duration.between(auditLogRequests.get(i - 5).received(), auditLogRequests.get(i).received()))
                    .isGreaterThan(Duration.ofSeconds(9));
        }
        // the directory types draw on another budget: their lane runs while the audit-log lane waits for its own
        Instant firstDirectoryRequest = fixture.emulator.requestLog().stream()
                .filter(r -> tenant.tenantId().equals(r.tenantId()) && r.path().endsWith("/users"))
                .map(ServedRequest::received).min(Instant::compareTo).orElseThrow();
        assertThat(firstDirectoryRequest).as("users are read before the audit logs' first 10-second window is over")
                .isBefore(auditLogRequests.get(5).received());
        Instant start = Instant.parse("2026-11-18T10:00:00Z");
        Instant end = Instant.parse("2026-11-20T10:00:00Z");
        try (LakeQueries lake = new LakeQueries(fixture.lake())) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", start, end));
        }
    }
}
