package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.entralake.catalog.DataTypeCatalog;
import com.entralake.emulator.License;
import com.entralake.emulator.TenantType;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

/**
 * Microsoft replaces the Agent Registry APIs in 2026: beta endpoints that answer 404, 410 or 400 make their types
 * not applicable for the run, with the reason, and every other type completes — managed, the run is not partial;
 * selected "yes", it is (exit 1), and says which type.
 */
class WithdrawnBetaEndpointTest extends EmulatedCollectionTest {

    private static final Map<String, Integer> WITHDRAWN = Map.of("agent_instances", 404, "agent_card_manifests", 410,
            "risky_agents", 400);

    @Test
    void aWithdrawnBetaEndpointIsNotApplicableAndTheOthersComplete() throws Exception {
        TestTenant tenant = tenant("withdrawn");
        Path lake = dir.resolve("lake-withdrawn");
        Path config = fixture.config("withdrawn.properties", List.of(tenant), Map.of("entralake.lake-root", lake.toString()));

        Captured run = fixture.collectCapturing(config, NOW);

        assertThat(run.exitCode()).as(run.all()).isZero();
        for (String dataset : WITHDRAWN.keySet()) {
            assertThat(run.stdout()).containsPattern("(?m)^\\s+" + dataset + "\\s+skipped unavailable\\s");
            assertThat(run.stdout()).contains("not applicable: this tenant's Graph has no such endpoint (Graph does not"
                    + " serve the beta endpoint /beta" + DataTypeCatalog.byDataset(dataset).orElseThrow().path());
        }
        assertThat(run.stdout()).containsPattern("(?m)^\\s+agent_identities\\s+collected\\s")
                .containsPattern("(?m)^\\s+sign_ins_non_interactive\\s+collected\\s");
        try (LakeQueries q = new LakeQueries(lake)) {
            assertThat(q.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
            WITHDRAWN.keySet().forEach(dataset -> {
                try {
                    assertThat(q.hasFiles(dataset)).as(dataset).isFalse();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void selectedYesAWithdrawnEndpointMakesTheRunPartialAndSaysWhich() throws Exception {
        TestTenant tenant = tenant("withdrawn-yes");
        Path config = fixture.config("withdrawn-yes.properties", List.of(tenant), Map.of(
                "entralake.lake-root", dir.resolve("lake-withdrawn-yes").toString(),
                "entralake.tenants[0].data-types.agent_instances", "yes"));

        Captured run = fixture.collectCapturing(config, NOW, "--data-type=agent_instances", "--data-type=users");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.stdout()).containsPattern("(?m)^\\s+agent_instances\\s+unavailable\\s")
                .contains("selected 'yes', so this run is partial")
                .containsPattern("(?m)^\\s+users\\s+collected\\s");
    }

    private static TestTenant tenant(String name) {
        Set<String> roles = new HashSet<>(CollectFixture.ALL_ROLES);
        DataTypeCatalog.builtIn().forEach(t -> roles.addAll(t.leastPrivilegedPermissions()));
        TestTenant tenant = fixture.tenant(name, License.PREMIUM, 10, 2, TenantType.AAD, roles,
                java.time.Instant.parse("2099-01-01T00:00:00Z"), app -> { });
        WITHDRAWN.forEach((dataset, status) ->
                fixture.emulator.faults().failRequestsOf(tenant.tenantId(), dataset, 1, 1000, status));
        return tenant;
    }
}
