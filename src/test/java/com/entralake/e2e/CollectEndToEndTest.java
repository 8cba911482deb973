package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.entralake.emulator.License;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

/**
 * The whole path over HTTPS with the real MSAL4J client: what the emulator serves is exactly what lands
 * in the lake, read back by DuckDB (a reader independent of the writer), with the right column types.
 */
class CollectEndToEndTest extends EmulatedCollectionTest {

    @Test
    void aSparseMonthCostsAHandfulOfRequestsNotOnePerHour() throws Exception {
        TestTenant tenant = fixture.tenant("sparse", License.PREMIUM, 3, 0.5);
        Path config = fixture.config("sparse.properties", List.of(tenant), Map.of(
                "entralake.collection.backfill", "P30D", "entralake.lake-root", dir.resolve("lake-sparse").toString()));

        var run = fixture.collectCapturing(config, NOW);
        assertThat(run.exitCode()).isZero();

        Instant start = Instant.parse("2026-10-21T10:00:00Z");
        Instant end = Instant.parse("2026-11-20T10:00:00Z");
        try (LakeQueries lake = new LakeQueries(dir.resolve("lake-sparse"))) {
            List<String> signIns = lake.idRows("signins");
            assertThat(signIns).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", start, end));
            // 720 hourly windows, about 2,160 sign-ins: a first query over six hours, then one over the rest sized to
            // its density — four requests, not 720
            assertThat(requestsFor(tenant, "/v1.0/auditLogs/signIns")).isLessThanOrEqualTo((signIns.size() + 999) / 1000 + 1);
            assertThat(requestsFor(tenant, "/directoryAudits")).isLessThanOrEqualTo(2);
            // the 29 days the second query covers whole are written as one file each; the range's first day (from
            // 10:00) in its 14 window files, compacted once final; the 10 hours of the provisional day in theirs
            assertThat(run.stdout()).as("a file per whole day, per window elsewhere").containsPattern("signins .* files +53 ")
                    .contains("compacted 1 final day(s): 14 window files into 1");
            assertThat(lake.strings("SELECT count(DISTINCT filename) FROM read_parquet('" + lake.glob("signins")
                    + "', filename = true)").get(0)).isEqualTo("40");
        }
    }

    private static long requestsFor(TestTenant tenant, String pathSuffix) {
        return fixture.emulator.requestLog().stream()
                .filter(r -> tenant.tenantId().equals(r.tenantId()) && r.path().endsWith(pathSuffix)).count();
    }

    @Test
    void recordsWrittenEqualRecordsServedWithTypedColumns() throws Exception {
        TestTenant tenant = fixture.tenant("e2e", License.PREMIUM, 250, 40);
        int exit = fixture.collect(fixture.config(tenant), NOW);

        assertThat(exit).isZero();
        // first run: 2-day backfill up to the last hour boundary before now - lag
        Instant start = Instant.parse("2026-11-18T10:00:00Z");
        Instant end = Instant.parse("2026-11-20T10:00:00Z");
        try (LakeQueries lake = new LakeQueries(fixture.lake())) {
            List<String> signIns = lake.idRows("signins");
            assertThat(signIns).doesNotHaveDuplicates();
            assertThat(signIns).containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", start, end));
            assertThat(signIns).hasSizeGreaterThan(10_000);
            assertThat(requestsFor(tenant, "/v1.0/auditLogs/signIns")).as("full pages of 1000, a query a few pages long, then the rest")
                    .isLessThanOrEqualTo(signIns.size() / 1000 + 2);
            List<String> audits = lake.idRows("directory_audits");
            assertThat(audits).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("directory_audits", start, end));
            assertThat(lake.idRows("users")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"));
            assertThat(lake.idRows("groups")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("groups"));

            Map<String, String> types = lake.columnTypes("signins");
            assertThat(types.get("createdDateTime")).isEqualTo("TIMESTAMP WITH TIME ZONE");
            assertThat(types.get("status")).startsWith("STRUCT(").contains("errorCode INTEGER");
            assertThat(types.get("location")).contains("geoCoordinates STRUCT(").contains("latitude DOUBLE");
            assertThat(types.get("isInteractive")).isEqualTo("BOOLEAN");
            assertThat(types.get("appliedConditionalAccessPolicies")).endsWith("[]");
            assertThat(types.get("raw_json")).isEqualTo("VARCHAR");
            assertThat(types.get("collected_at")).isEqualTo("TIMESTAMP WITH TIME ZONE");
            assertThat(types.get("tenant_id")).isEqualTo("VARCHAR");
            assertThat(types.get("event_date")).isEqualTo("DATE");
            assertThat(lake.columnTypes("directory_audits").get("activityDateTime")).isEqualTo("TIMESTAMP WITH TIME ZONE");
            assertThat(lake.columnTypes("users").get("snapshot_date")).isEqualTo("DATE");

            // every record sits in the partition of its own UTC day, and its raw JSON is the Graph record
            assertThat(lake.strings("SELECT count(*) FROM read_parquet('" + lake.glob("signins")
                    + "', hive_partitioning = true) WHERE CAST(createdDateTime AT TIME ZONE 'UTC' AS DATE) <> event_date"))
                    .containsExactly("0");
            assertThat(lake.strings("SELECT count(*) FROM read_parquet('" + lake.glob("signins")
                    + "', hive_partitioning = true) WHERE json_extract_string(raw_json, '$.id') <> id"
                    + " OR CAST(json_extract(raw_json, '$.status.errorCode') AS INTEGER) <> status.errorCode"))
                    .containsExactly("0");
        }
        try (Stream<Path> files = Files.walk(fixture.lake())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary, hidden or checksum file is left behind")
                    .noneMatch(n -> n.contains("inprogress") || n.contains(".staging-") || n.contains(".replaced-") || n.endsWith(".crc"));
        }
    }
}
