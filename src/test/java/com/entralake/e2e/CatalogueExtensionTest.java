package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.entralake.catalog.ApiVersion;
import com.entralake.catalog.CollectionMode;
import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.FilterOperator;
import com.entralake.catalog.GraphRetention;
import com.entralake.catalog.ThrottleClass;
import com.entralake.emulator.License;
import com.entralake.emulator.TenantType;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;
import com.entralake.testing.SchemaColumns;
import com.entralake.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A data type is one catalogue entry plus its sample data: both added here, in the test, and nothing else — the
 * emulator serves them from the entry, the collect run reads, writes and commits them, and the lake holds exactly
 * the sample's ids with the schema file's column types.
 */
class CatalogueExtensionTest extends EmulatedCollectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event type on an endpoint that documents eq, gt and lt only (as provisioning logs do). */
    private static final DataType TEST_EVENTS = DataType.builder("test_provisioning_events")
            .summary("Test-only provisioning events")
            .get(ApiVersion.V1_0, "/auditLogs/testProvisioning").resource("provisioningObjectSummary")
            .mode(CollectionMode.TimeWindows.newestFirst("activityDateTime",
                    FilterOperator.EQ, FilterOperator.GT, FilterOperator.LT))
            .pageSize(50).needs("AuditLog.Read.All")
            .retention(GraphRetention.days(30, 30)).throttle(ThrottleClass.REPORTS)
            .build();

    /** A listing on the identity protection budget (1 request per second, 429 without Retry-After). */
    private static final DataType TEST_LISTING = DataType.builder("test_policies")
            .summary("Test-only policies")
            .get(ApiVersion.BETA, "/identity/testPolicies").resource("conditionalAccessPolicy")
            .mode(new CollectionMode.Listing()).pageSize(5).needs("Policy.Read.All")
            .throttle(ThrottleClass.IDENTITY_PROTECTION)
            .build();

    @Test
    void anEntryAndItsSampleDataAreCollectedEndToEndWithTheSchemaFilesColumnTypes() throws Exception {
        try (DataTypeCatalog.Extension events = DataTypeCatalog.extend(TEST_EVENTS);
             DataTypeCatalog.Extension listing = DataTypeCatalog.extend(TEST_LISTING)) {
            Set<String> roles = new HashSet<>(CollectFixture.ALL_ROLES);
            roles.add("Policy.Read.All");
            TestTenant tenant = fixture.tenant("extended", License.PREMIUM, 0, 0, TenantType.AAD, roles,
                    Instant.parse("2099-01-01T00:00:00Z"), app -> { });
            Set<String> eventIds = addProvisioningSamples(tenant, 137);
            Set<String> policyIds = addPolicySamples(tenant, 12);
            // Graph's real budget of the listing's class, whose 429s carry no Retry-After: the run must stay within
            // it or back off on its own (the reports budget's 10 s windows are ThrottlingTest's, at its own pace)
            fixture.emulator.faults().throttle(tenant.tenantId(), ThrottleClass.IDENTITY_PROTECTION, true);
            Path lake = dir.resolve("lake-extended");
            Path config = fixture.config("extended.properties", List.of(tenant), Map.of("entralake.lake-root", lake.toString()));

            int exit = fixture.collect(config, NOW, "--data-type=" + TEST_EVENTS.dataset(),
                    "--data-type=" + TEST_LISTING.dataset());

            assertThat(exit).isZero();
            try (LakeQueries q = new LakeQueries(lake)) {
                assertThat(q.idRows(TEST_EVENTS.dataset())).as("every sample once").hasSize(eventIds.size())
                        .containsExactlyInAnyOrderElementsOf(eventIds);
                assertThat(q.idRows(TEST_LISTING.dataset())).hasSize(policyIds.size())
                        .containsExactlyInAnyOrderElementsOf(policyIds);
                SchemaColumns.assertMatchSchema(q.columnTypes(TEST_EVENTS.dataset()), TEST_EVENTS);
                SchemaColumns.assertMatchSchema(q.columnTypes(TEST_LISTING.dataset()), TEST_LISTING);
            }
            // paged: more than one page each, so the nextLinks of the generic resources were followed too
            long eventPages = fixture.emulator.requestLog().stream()
                    .filter(r -> r.path().endsWith(TEST_EVENTS.path()) && r.status() == 200).count();
            assertThat(eventPages).isGreaterThan(2);
        }
        assertThat(DataTypeCatalog.byDataset(TEST_EVENTS.dataset())).as("the extension is gone again").isEmpty();
    }

    /** Microsoft's example provisioning record, once per sample, with its own id and a time inside the backfill. */
    private static Set<String> addProvisioningSamples(TestTenant tenant, int count) throws Exception {
        JsonNode example = JSON.readTree(TestResources.graphExamples()
                .resolve("v1.0-provisioningobjectsummary-list.example1.json").toFile()).path("value").get(0);
        Set<String> ids = new HashSet<>();
        Duration step = Duration.between(START, END).dividedBy(count + 1);
        for (int i = 0; i < count; i++) {
            ObjectNode record = example.deepCopy();
            String id = UUID.nameUUIDFromBytes(("provisioning-" + i).getBytes()).toString();
            record.put("id", id);
            record.put("activityDateTime", START.plus(step.multipliedBy(i + 1)).toString());
            tenant.emulated().events(TEST_EVENTS.dataset()).add(record);
            ids.add(id);
        }
        return ids;
    }

    private static Set<String> addPolicySamples(TestTenant tenant, int count) throws Exception {
        JsonNode examples = JSON.readTree(TestResources.graphExamples()
                .resolve("v1.0-conditionalaccessroot-list-policies.example1.json").toFile()).path("value");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ObjectNode policy = examples.get(i % examples.size()).deepCopy();
            String id = UUID.nameUUIDFromBytes(("policy-" + i).getBytes()).toString();
            policy.put("id", id);
            tenant.emulated().addObject(TEST_LISTING.dataset(), policy);
            ids.add(id);
        }
        return ids;
    }
}
