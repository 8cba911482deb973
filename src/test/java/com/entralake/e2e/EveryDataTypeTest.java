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
import com.entralake.emulator.License;
import com.entralake.emulator.TenantType;
import com.entralake.testing.CatalogueSamples;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;
import com.entralake.testing.SchemaColumns;

/**
 * Every catalogued data type, from its entry and the sample data made from Microsoft's example for its endpoint: a
 * first run in which every type's second request fails past the retries (a fault mid-type where a type has more than
 * one request), then a clean run. The lake then holds exactly the ids the emulator serves, each once, in the columns
 * the schema file gives — read back by DuckDB, a reader independent of the writer.
 */
class EveryDataTypeTest extends EmulatedCollectionTest {

    /** More than one page for a listing that documents no $top (the emulator's pages are 100 then). */
    private static final int LISTING_OBJECTS = 130;
    private static final int EVENTS_PER_TYPE = 90;

    @Test
    void everyTypeFaultedMidTypeThenCollectedCleanEndsExactWithTheSchemaFilesColumns() throws Exception {
        Set<String> roles = new HashSet<>(CollectFixture.ALL_ROLES);
        DataTypeCatalog.builtIn().forEach(t -> roles.addAll(t.leastPrivilegedPermissions()));
        TestTenant tenant = fixture.tenant("every-type", License.PREMIUM, 20, 5, TenantType.AAD, roles,
                java.time.Instant.parse("2099-01-01T00:00:00Z"), app -> { });
        for (DataType type : DataTypeCatalog.builtIn()) {
            CatalogueSamples.add(tenant, type, EVENTS_PER_TYPE, LISTING_OBJECTS, START, END);
        }
        Path lake = dir.resolve("lake-every-type");
        Path config = fixture.config("every-type.properties", List.of(tenant), Map.of("entralake.lake-root",
                lake.toString(), "entralake.http.max-attempts", "2"));
        for (DataType type : DataTypeCatalog.builtIn()) {
            fixture.emulator.faults().failRequestsOf(tenant.tenantId(), type.dataset(), 2, 2, 503);
        }

        int faulted = fixture.collect(config, NOW);
        fixture.emulator.faults().clear(tenant.tenantId());

        assertThat(faulted).as("types with a second request failed; the others completed").isEqualTo(1);
        assertThat(fixture.collect(config, NOW)).isZero();
        try (LakeQueries q = new LakeQueries(lake)) {
            for (DataType type : DataTypeCatalog.builtIn()) {
                Set<String> expected = type.timeWindows().isPresent()
                        ? tenant.emulated().visibleIds(type.dataset(), START, END)
                        : tenant.emulated().allIds(type.dataset());
                assertThat(expected).as("%s has sample data", type.dataset()).isNotEmpty();
                assertThat(q.idRows(type.dataset())).as("%s: every record once", type.dataset()).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expected);
                SchemaColumns.assertMatchSchema(q.columnTypes(type.dataset()), type);
            }
        }
    }
}
