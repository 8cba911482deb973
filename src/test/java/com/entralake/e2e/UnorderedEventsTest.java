package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.emulator.License;
import com.entralake.emulator.TenantType;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;
import com.entralake.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Risk detections: Graph documents no order, and the emulator serves them oldest first — the order a reader that
 * assumed newest first would commit wrongly, or fall back to a query per window for. Read unordered, the month is
 * a handful of requests and exact.
 */
class UnorderedEventsTest extends EmulatedCollectionTest {

    @Test
    void riskDetectionsServedOldestFirstAreReadInAFewQueriesAndEndExact() throws Exception {
        DataType type = DataTypeCatalog.byDataset("risk_detections").orElseThrow();
        assertThat(type.timeWindows().orElseThrow().ordered()).isFalse();
        Set<String> roles = new HashSet<>(CollectFixture.ALL_ROLES);
        roles.addAll(type.leastPrivilegedPermissions());
        TestTenant tenant = fixture.tenant("unordered", License.P2, 1, 0, TenantType.AAD, roles,
                java.time.Instant.parse("2099-01-01T00:00:00Z"), app -> { });
        JsonNode example = new ObjectMapper().readTree(TestResources.sampleData().resolve("risk_detections.json").toFile())
                .path("value").get(0);
        Duration step = Duration.between(START, END).dividedBy(1201);
        for (int i = 0; i < 1200; i++) { // three pages of 500 over two days
            ObjectNode record = example.deepCopy();
            record.put("id", UUID.nameUUIDFromBytes(("risk-" + i).getBytes()).toString());
            record.put("activityDateTime", START.plus(step.multipliedBy(i + 1)).toString());
            tenant.emulated().events(type.dataset()).add(record);
        }
        Path lake = dir.resolve("lake-unordered");
        Path config = fixture.config("unordered.properties", List.of(tenant), Map.of("entralake.lake-root", lake.toString()));

        assertThat(fixture.collect(config, NOW, "--data-type=" + type.dataset())).isZero();

        try (LakeQueries q = new LakeQueries(lake)) {
            assertThat(q.idRows(type.dataset())).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds(type.dataset(), START, END));
            assertThat(q.strings("SELECT count(*) FROM read_parquet('" + q.glob(type.dataset()) + "', hive_partitioning = true)"
                    + " WHERE CAST(activityDateTime AT TIME ZONE 'UTC' AS DATE) <> event_date")).containsExactly("0");
        }
        long requests = fixture.emulator.requestLog().stream()
                .filter(r -> tenant.tenantId().equals(r.tenantId()) && r.path().endsWith(type.graphPath()) && r.status() == 200)
                .count();
        // a first query over six hours, then the rest in pages of 500, and the probe: not one query per window (48)
        assertThat(requests).as("requests for two days of risk detections").isLessThanOrEqualTo(6);
    }
}
