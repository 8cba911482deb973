package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.Licences;
import com.entralake.emulator.License;
import com.entralake.emulator.TenantType;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

/**
 * A P1 tenant without Intune or Workload ID Premium, whose app lacks Policy.Read.All: every type it can read is
 * collected, and every other one is reported with its own reason — the licence it needs, or the permission — while
 * the run ends 0, as managed mode documents (what cannot be read is skipped and probed again, not a failure).
 */
class MissingLicencesTest extends EmulatedCollectionTest {

    @Test
    void whatIsLicensedAndPermittedIsCollectedAndEachOtherTypeSaysWhy() throws Exception {
        Set<String> roles = new HashSet<>(CollectFixture.ALL_ROLES);
        DataTypeCatalog.builtIn().forEach(t -> roles.addAll(t.leastPrivilegedPermissions()));
        roles.remove("Policy.Read.All");
        TestTenant tenant = fixture.tenant("p1-only", License.P1, 10, 2, TenantType.AAD, roles,
                java.time.Instant.parse("2099-01-01T00:00:00Z"), app -> { });
        fixture.emulator.faults().setProducts(tenant.tenantId(), Set.of());
        Path lake = dir.resolve("lake-p1-only");
        Path config = fixture.config("p1-only.properties", List.of(tenant), Map.of("entralake.lake-root", lake.toString()));

        Captured run = fixture.collectCapturing(config, NOW);

        assertThat(run.exitCode()).as(run.all()).isZero();
        try (LakeQueries q = new LakeQueries(lake)) {
            for (DataType type : DataTypeCatalog.builtIn()) {
                String line = summaryLine(run.stdout(), type);
                String reason = reason(type);
                if (reason == null) {
                    assertThat(line).as(type.dataset()).contains(" collected ");
                } else {
                    assertThat(line).as(type.dataset()).contains("skipped unavailable");
                    assertThat(messageAfter(run.stdout(), line)).as(type.dataset()).contains(reason);
                    assertThat(q.hasFiles(type.dataset())).as("%s: nothing written", type.dataset()).isFalse();
                }
            }
            assertThat(q.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
            assertThat(q.idRows("users")).containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"));
        }
    }

    /** What the summary must say for a type this tenant cannot read, or null when it can. */
    private static String reason(DataType type) {
        if (type.permissions().stream().anyMatch(p -> p.leastPrivileged().equals("Policy.Read.All"))) {
            return "missing permission: needs Policy.Read.All";
        }
        if (type.licence().equals(Licences.ENTRA_ID_P2)) {
            return "not licensed: needs Microsoft Entra ID P2";
        }
        if (type.licence().equals(Licences.WORKLOAD_IDENTITIES_PREMIUM)) {
            return "not licensed: needs Microsoft Entra Workload ID Premium";
        }
        if (type.licence().equals(Licences.INTUNE)) {
            return "not licensed: needs Microsoft Intune";
        }
        return null;
    }

    private static String summaryLine(String stdout, DataType type) {
        return stdout.lines().filter(l -> l.matches("\\s{4}" + type.dataset() + "\\s.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line for " + type.dataset() + ":\n" + stdout));
    }

    private static String messageAfter(String stdout, String line) {
        List<String> lines = stdout.lines().toList();
        int at = lines.indexOf(line);
        return at + 1 < lines.size() ? lines.get(at + 1) : "";
    }
}
