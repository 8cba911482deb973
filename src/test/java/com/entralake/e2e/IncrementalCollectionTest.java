package com.entralake.e2e;

import com.entralake.catalog.DataTypeCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.entralake.emulator.License;
import com.entralake.emulator.ListEventSource;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Runs after runs: exact unions, late and re-published records exactly once, snapshots per day. */
class IncrementalCollectionTest extends EmulatedCollectionTest {

    static final Instant T1 = NOW;
    static final ObjectMapper JSON = new ObjectMapper();

    private int collectAt(Path config, Instant now) {
        fixture.emulator.clock().set(now);
        return fixture.collect(config, now);
    }

    @Test
    void twoRunsCollectTheExactUnionWithoutDuplicates() throws Exception {
        TestTenant tenant = fixture.tenant("incremental", License.PREMIUM, 120, 20);
        Path config = fixture.config("incremental.properties", List.of(tenant),
                CollectFixture.only(1, java.util.Map.of("entralake.lake-root", dir.resolve("lake-incremental").toString()),
                        CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        // a sign-in from just before the first run's range end that Graph only shows 13 minutes later
        ListEventSource signIns = tenant.emulated().events("signins");
        signIns.add(signIn("late-sign-in", "2026-11-20T09:58:00Z", 0), Instant.parse("2026-11-20T10:11:00Z"));

        assertThat(collectAt(config, T1)).isZero();
        Set<String> firstRun = new HashSet<>(tenant.emulated().visibleIds("signins", Instant.parse("2026-11-18T10:00:00Z"),
                Instant.parse("2026-11-20T10:00:00Z")));
        assertThat(firstRun).doesNotContain("late-sign-in");

        Instant t2 = T1.plus(Duration.ofHours(3));
        assertThat(collectAt(config, t2)).isZero();

        Instant start = Instant.parse("2026-11-18T10:00:00Z");
        Instant end = Instant.parse("2026-11-20T13:00:00Z");
        try (LakeQueries lake = new LakeQueries(dir.resolve("lake-incremental"))) {
            List<String> rows = lake.idRows("signins");
            assertThat(rows).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", start, end))
                    .contains("late-sign-in")
                    .containsAll(firstRun);
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("directory_audits", start, end));
        }
    }

    @Test
    void lateAndRepublishedRecordsWithinTheLookbackLandExactlyOnceInTheirLatestVersion() throws Exception {
        TestTenant tenant = fixture.tenant("late", License.PREMIUM, 10, 2);
        Path lakeDir = dir.resolve("lake-late");
        Path config = fixture.config("late.properties", List.of(tenant),
                CollectFixture.only(1, java.util.Map.of("entralake.lake-root", lakeDir.toString()),
                        CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        ListEventSource signIns = tenant.emulated().events("signins");
        signIns.add(signIn("on-time", "2026-11-20T09:30:00Z", 0), Instant.parse("2026-11-20T09:31:00Z"));
        signIns.add(signIn("late", "2026-11-20T09:58:00.1234567Z", 0), Instant.parse("2026-11-20T10:20:00Z"));
        // MFA details settle: the same sign-in is published again with its final status
        signIns.add(signIn("settles", "2026-11-20T09:40:00Z", 50074), Instant.parse("2026-11-20T09:41:00Z"));
        signIns.republish(signIn("settles", "2026-11-20T09:40:00Z", 0), Instant.parse("2026-11-20T10:30:00Z"));
        // published twice before the first run ever reads it: both versions come back in one response
        signIns.add(signIn("twice", "2026-11-20T08:15:00Z", 50126), Instant.parse("2026-11-20T08:16:00Z"));
        signIns.republish(signIn("twice", "2026-11-20T08:15:00Z", 0), Instant.parse("2026-11-20T08:50:00Z"));

        assertThat(collectAt(config, T1)).isZero();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.idRows("signins", "id IN ('on-time','late','settles','twice')"))
                    .containsExactlyInAnyOrder("on-time", "settles", "twice");
            assertThat(errorCodeOf(lake, "settles")).isEqualTo("50074");
            assertThat(errorCodeOf(lake, "twice")).as("the later version of a record returned twice").isEqualTo("0");
        }

        assertThat(collectAt(config, Instant.parse("2026-11-20T11:07:00Z"))).isZero();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.idRows("signins", "id IN ('on-time','late','settles','twice')"))
                    .containsExactlyInAnyOrder("on-time", "late", "settles", "twice");
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates();
            assertThat(errorCodeOf(lake, "settles")).as("the re-published version replaces the first").isEqualTo("0");
            assertThat(lake.strings("SELECT strftime(createdDateTime AT TIME ZONE 'UTC', '%H:%M:%S.%f') FROM read_parquet('"
                    + lake.glob("signins") + "') WHERE id = 'late'")).containsExactly("09:58:00.123456");
        }
    }

    @Test
    void snapshotsAreOnePerDayAndARerunTheSameDayReplacesIt() throws Exception {
        TestTenant tenant = fixture.tenant("snapshots", License.PREMIUM, 1, 1);
        Path lakeDir = dir.resolve("lake-snapshots");
        Path config = fixture.config("snapshots.properties", List.of(tenant),
                CollectFixture.only(1, java.util.Map.of("entralake.lake-root", lakeDir.toString()),
                        CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        Set<String> day1Users = Set.copyOf(tenant.emulated().allIds("users"));

        assertThat(collectAt(config, T1)).isZero();
        ObjectNode newcomer = JSON.createObjectNode().put("id", "7f1e2d3c-0000-4000-8000-00000000beef")
                .put("displayName", "New Starter").put("userPrincipalName", "new.starter@fabrikam.example");
        tenant.emulated().addObject(DataTypeCatalog.USERS.dataset(), newcomer);
        assertThat(collectAt(config, T1.plus(Duration.ofHours(1)))).isZero();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.strings("SELECT DISTINCT snapshot_date FROM read_parquet('" + lake.glob("users")
                    + "', hive_partitioning = true)")).containsExactly("2026-11-20");
            assertThat(lake.idRows("users")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"))
                    .contains(newcomer.get("id").asText());
        }

        assertThat(collectAt(config, Instant.parse("2026-11-21T10:07:00Z"))).isZero();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.strings("SELECT snapshot_date || ':' || count(*) || ':' || count(DISTINCT id) FROM read_parquet('"
                    + lake.glob("users") + "', hive_partitioning = true) GROUP BY snapshot_date ORDER BY snapshot_date"))
                    .containsExactly("2026-11-20:" + (day1Users.size() + 1) + ":" + (day1Users.size() + 1),
                            "2026-11-21:" + (day1Users.size() + 1) + ":" + (day1Users.size() + 1));
            assertThat(lake.idRows("groups", "snapshot_date = DATE '2026-11-21'"))
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("groups"));
        }
    }

    @Test
    void windowsGraphHasPurgedSinceTheyWereReadKeepTheirFiles() throws Exception {
        // a Free tenant: Graph keeps 7 days of audit logs
        TestTenant tenant = fixture.tenant("purged", License.FREE, 1, 30);
        Path lakeDir = dir.resolve("lake-purged");
        Path config = fixture.config("purged.properties", List.of(tenant),
                CollectFixture.only(1, java.util.Map.of("entralake.lake-root", lakeDir.toString()),
                        CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        assertThat(collectAt(config, T1)).isZero();
        Set<String> firstRun = tenant.emulated().visibleIds("directory_audits", START, END);
        Set<String> unsettled = tenant.emulated().visibleIds("directory_audits", Instant.parse("2026-11-20T08:00:00Z"), END);
        assertThat(unsettled).isNotEmpty();

        // nine days later those last windows are read again (the first run read them too soon), but Graph has purged them
        Instant later = T1.plus(Duration.ofDays(9));
        assertThat(collectAt(config, later)).isZero();
        assertThat(tenant.emulated().visibleIds("directory_audits", START, END)).as("purged by Graph").isEmpty();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsAll(firstRun)
                    .containsAll(tenant.emulated().visibleIds("directory_audits", END, Instant.parse("2026-11-29T10:00:00Z")));
        }
    }

    @Test
    void changingTheWindowLengthIsRefusedRatherThanDuplicatingRecords() throws Exception {
        TestTenant tenant = fixture.tenant("rewindowed", License.PREMIUM, 30, 3);
        Path lakeDir = dir.resolve("lake-rewindowed");
        Path hourly = fixture.config("hourly.properties", List.of(tenant),
                CollectFixture.only(1, java.util.Map.of("entralake.lake-root", lakeDir.toString()),
                        CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        Path quarterly = fixture.config("quarterly.properties", List.of(tenant),
                CollectFixture.only(1, java.util.Map.of("entralake.lake-root", lakeDir.toString(),
                        "entralake.collection.window", "PT15M"), CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        assertThat(collectAt(hourly, T1)).isZero();
        List<String> before;
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            before = lake.idRows("signins");
        }

        CollectFixture.Captured refused = fixture.collectCapturing(quarterly, T1.plus(Duration.ofHours(1)));

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stdout()).contains("entralake.collection.window is PT15M but this lake was collected in PT1H");
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.idRows("signins")).containsExactlyInAnyOrderElementsOf(before).doesNotHaveDuplicates();
        }
    }

    private static String errorCodeOf(LakeQueries lake, String id) throws Exception {
        return lake.strings("SELECT status.errorCode FROM read_parquet('" + lake.glob("signins") + "') WHERE id = '" + id + "'")
                .get(0);
    }

    static ObjectNode signIn(String id, String createdDateTime, int errorCode) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("createdDateTime", createdDateTime);
        o.put("userId", "4562bcc8-c436-4f95-b7c0-4f8ce89dca5e");
        o.put("userPrincipalName", "admin@fabrikam.example");
        o.put("appDisplayName", "Azure Portal");
        o.putObject("status").put("errorCode", errorCode).putNull("failureReason");
        return o;
    }
}
