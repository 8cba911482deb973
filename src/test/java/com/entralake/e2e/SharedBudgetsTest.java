package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.ThrottleClass;
import com.entralake.emulator.License;
import com.entralake.emulator.ServedRequest;
import com.entralake.emulator.TenantType;
import com.entralake.testing.CatalogueSamples;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

/**
 * Graph's budgets are per tenant and per class, shared by every data type of the class. With the emulator enforcing
 * the real reports budget (5 requests / 10 s, 429 with Retry-After) and identity protection's (1 request / s, 429
 * without Retry-After), a run collecting several types of each class never exceeds either budget, and the 429s another
 * app of the tenant causes on identity protection (no Retry-After: the client backs off on its own) end exact.
 */
@Tag("fault-injection")
class SharedBudgetsTest extends EmulatedCollectionTest {

    private static final List<String> REPORTS = List.of("signins", "sign_ins_non_interactive", "directory_audits");
    private static final List<String> IDENTITY_PROTECTION = List.of("risk_detections", "risky_users");
    /** Past risk detections' 500 per page: two pages in one query. */
    private static final int DETECTIONS = 620;

    @Test
    void typesOfOneBudgetShareItAndIdentityProtectionThrottlesWithoutRetryAfterEndExact() throws Exception {
        Set<String> roles = new HashSet<>(CollectFixture.ALL_ROLES);
        for (String dataset : IDENTITY_PROTECTION) {
            roles.addAll(type(dataset).leastPrivilegedPermissions());
        }
        TestTenant tenant = fixture.tenant("shared-budgets", License.PREMIUM, 30, 2, TenantType.AAD, roles,
                Instant.parse("2099-01-01T00:00:00Z"), app -> { });
        for (String dataset : List.of("sign_ins_non_interactive", "risk_detections", "risky_users")) {
            CatalogueSamples.add(tenant, type(dataset), dataset.equals("risk_detections") ? DETECTIONS : 60, 40,
                    START, END);
        }
        fixture.emulator.faults().throttle(tenant.tenantId(), ThrottleClass.REPORTS, true);
        fixture.emulator.faults().throttle(tenant.tenantId(), ThrottleClass.IDENTITY_PROTECTION, true);
        // another app of the tenant spends identity protection's budget: its next two answers to us are 429s
        fixture.emulator.faults().failRequestsOf(tenant.tenantId(), "risk_detections", 1, 2, 429);
        List<String> collected = new ArrayList<>(REPORTS);
        collected.addAll(IDENTITY_PROTECTION);
        Path lake = dir.resolve("lake-shared-budgets");
        Path config = fixture.config("shared-budgets.properties", List.of(tenant), CollectFixture.only(1, Map.of(
                "entralake.lake-root", lake.toString(), "entralake.http.audit-log-requests-per10s", "5",
                "entralake.http.max-attempts", "6"), collected.toArray(String[]::new)));

        assertThat(fixture.collect(config, NOW)).isZero();

        try (LakeQueries q = new LakeQueries(lake)) {
            for (String dataset : collected) {
                Set<String> expected = type(dataset).timeWindows().isPresent()
                        ? tenant.emulated().visibleIds(dataset, START, END) : tenant.emulated().allIds(dataset);
                assertThat(expected).as("%s has data", dataset).isNotEmpty();
                assertThat(q.idRows(dataset)).as("%s: every record once", dataset).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        List<ServedRequest> log = fixture.emulator.requestLog().stream()
                .filter(r -> tenant.tenantId().equals(r.tenantId()) && throttleOf(r).isPresent()).toList();
        List<ServedRequest> reports = ofClass(log, ThrottleClass.REPORTS);
        List<ServedRequest> protection = ofClass(log, ThrottleClass.IDENTITY_PROTECTION);
        assertThat(reports).as("more than one 10-second budget of reports").hasSizeGreaterThan(5);
        assertThat(protection).as("more than one second of identity protection").hasSizeGreaterThan(3);

        // the reports budget was never exceeded: the emulator would have answered 429 with Retry-After
        assertThat(reports).filteredOn(r -> r.status() == 429).as("reports refused for the budget").isEmpty();
        // identity protection: the two 429s of the other app, without Retry-After, and none for our own pace
        assertThat(protection).filteredOn(r -> r.status() == 429).hasSize(2)
                .allSatisfy(r -> assertThat(r.retryAfter()).as("identity protection sends no Retry-After").isNull());
        // and the budgets' lanes ran at once: a reports request was served while identity protection was collected
        Instant protectionFrom = protection.get(0).received();
        Instant protectionTo = protection.get(protection.size() - 1).received();
        assertThat(reports).as("the reports lane did not wait for identity protection's")
                .anyMatch(r -> r.received().isAfter(protectionFrom) && r.received().isBefore(protectionTo));
    }

    private static DataType type(String dataset) {
        return DataTypeCatalog.byDataset(dataset).orElseThrow();
    }

    private static List<ServedRequest> ofClass(List<ServedRequest> log, ThrottleClass throttle) {
        return log.stream().filter(r -> throttleOf(r).orElseThrow() == throttle).toList();
    }

    /** The budget a served request drew from, found from its path in the catalogue. */
    private static Optional<ThrottleClass> throttleOf(ServedRequest request) {
        return DataTypeCatalog.builtIn().stream().filter(t -> t.graphPath().equalsIgnoreCase(request.path()))
                .map(DataType::throttle).findFirst();
    }
}
