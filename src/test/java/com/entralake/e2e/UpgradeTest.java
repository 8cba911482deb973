package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.entralake.catalog.DataTypeCatalog;
import com.entralake.emulator.License;
import com.entralake.testing.CatalogueSamples;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

/**
 * A job repository written by the version before the job index: Spring Batch's tables alone, as this
 * version's runs leave them once the index's tables are dropped. The first run of this version indexes that
 * history and goes on where it stood — a failed range is resumed, a range set aside for a clock ahead stays
 * set aside — with no backfill, no false gap, and exactly the ids Graph served.
 */
@Tag("fault-injection")
class UpgradeTest extends EmulatedCollectionTest {

    private static final String SIGN_INS_ONLY = "--data-type=signins";

    @Test
    void aRangeThatFailedBeforeTheUpgradeIsResumedAfterIt() throws Exception {
        Case c = newCase("upgrade-failed", 300, 1, Map.of());
        fixture.emulator.faults().failFromPage(c.tenant().tenantId(), 4);
        assertThat(fixture.collectCapturing(c.config(), NOW, SIGN_INS_ONLY).exitCode()).isEqualTo(1);
        fixture.emulator.faults().clearFailFromPage(c.tenant().tenantId());
        asBeforeTheJobIndex(c);

        Captured upgraded = fixture.collectCapturing(c.config(), NOW.plus(Duration.ofMinutes(10)), SIGN_INS_ONLY);

        assertThat(upgraded.exitCode()).as(upgraded.all()).isZero();
        assertThat(upgraded.all()).contains("Indexed 1 job instance(s) of the job history")
                .contains("resuming range " + START + " .. " + END).doesNotContain("DATA GAP");
        assertExact(c, START, END);
    }

    @Test
    void aRangeSetAsideBeforeTheUpgradeStaysSetAsideAfterIt() throws Exception {
        Case c = newCase("upgrade-set-aside", 60, 1, Map.of());
        Instant ahead = NOW.plus(Duration.ofDays(2));
        assertThat(collect(c, NOW, ahead).exitCode()).isZero();
        Instant later = NOW.plus(Duration.ofHours(1));
        assertThat(collect(c, later, later).all()).contains("planned with a clock ahead of now");
        asBeforeTheJobIndex(c);

        // real time passes the bad run's clock: trusted again, its range would make the windows after `later` settled
        Instant muchLater = ahead.plus(Duration.ofHours(1));
        Captured upgraded = collect(c, muchLater, muchLater);

        assertThat(upgraded.exitCode()).as(upgraded.all()).isZero();
        assertThat(upgraded.all()).contains("Indexed 2 job instance(s)").doesNotContain("DATA GAP");
        Instant end = Instant.parse("2026-11-20T11:00:00Z");
        assertExact(c, end.minus(Duration.ofDays(2)), Instant.parse("2026-11-22T11:00:00Z"));
    }

    @Test
    void aFreshRepositoryNeedsNoUpgradeAndAnUpgradedOneIsNotIndexedAgain() throws Exception {
        Case c = newCase("upgrade-once", 10, 1, Map.of());
        Captured first = collect(c, NOW, NOW);
        assertThat(first.exitCode()).isZero();
        assertThat(first.all()).doesNotContain("Indexed");
        asBeforeTheJobIndex(c);
        Instant hourLater = NOW.plus(Duration.ofHours(1));
        assertThat(collect(c, hourLater, hourLater).all()).contains("Indexed 1 job instance(s)");
        Instant twoHoursLater = NOW.plus(Duration.ofHours(2));
        Captured again = collect(c, twoHoursLater, twoHoursLater);
        assertThat(again.exitCode()).isZero();
        assertThat(again.all()).doesNotContain("Indexed");
        assertExact(c, START, Instant.parse("2026-11-20T12:00:00Z"));
    }

    /**
     * The version before collected four data types; this one adds the rest of the catalogue, managed. An existing
     * tenant's new types start with their own backfill and the run summary says so; its old types go on from their
     * watermark; and a type the user switches off ({@code data-types.<dataset>: no}) is not asked for again.
     */
    @Test
    void anExistingTenantsNewDataTypesStartWithTheirBackfillAndTheSummarySaysSo() throws Exception {
        TestTenant tenant = fixture.tenant("upgrade-new-types",
                License.PREMIUM, 20, 2);
        String added = "sign_ins_non_interactive";
        CatalogueSamples.add(tenant, DataTypeCatalog.byDataset(added).orElseThrow(), 60, 0,
                START, END.plus(Duration.ofHours(1)));
        Path lake = dir.resolve("lake-upgrade-new-types");
        Map<String, String> where = Map.of("entralake.lake-root", lake.toString());
        Path before = fixture.config("upgrade-before.properties", List.of(tenant),
                CollectFixture.only(1, where, CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        Path after = fixture.config("upgrade-after.properties", List.of(tenant),
                CollectFixture.only(1, where, "signins", "directory_audits", "users", "groups", added));
        Path switchedOff = fixture.config("upgrade-off.properties", List.of(tenant),
                CollectFixture.only(1, where, CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        assertThat(fixture.collect(before, NOW)).isZero();

        Instant hourLater = NOW.plus(Duration.ofHours(1));
        Instant end = END.plus(Duration.ofHours(1));
        Instant backfillFrom = end.minus(Duration.ofDays(2));
        fixture.emulator.clock().set(hourLater);
        Captured upgraded = fixture.collectCapturing(after, hourLater);

        assertThat(upgraded.exitCode()).as(upgraded.all()).isZero();
        assertThat(upgraded.stdout()).contains("first collection of " + added + ": backfilling from " + backfillFrom)
                .doesNotContain("first collection of signins").doesNotContain("first collection of directory_audits");
        try (LakeQueries q = new LakeQueries(lake)) {
            assertThat(q.idRows(added)).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds(added, backfillFrom, end));
            assertThat(q.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, end));
        }

        Instant twoHoursLater = NOW.plus(Duration.ofHours(2));
        fixture.emulator.clock().set(twoHoursLater);
        fixture.emulator.clearRequestLog();
        assertThat(fixture.collect(switchedOff, twoHoursLater)).isZero();
        assertThat(fixture.emulator.requestLog()).as("a type switched off is not asked for")
                .noneMatch(r -> tenant.tenantId().equals(r.tenantId()) && r.path().equalsIgnoreCase("/beta/auditLogs/signIns"));
    }

    private static Captured collect(Case c, Instant graphTime, Instant jobClock) {
        fixture.emulator.clock().set(graphTime);
        return fixture.collectCapturing(c.config(), jobClock, SIGN_INS_ONLY);
    }

    /** What the previous version left: Spring Batch's tables and the others, but no job index and no upgrade record. */
    private static void asBeforeTheJobIndex(Case c) throws Exception {
        try (Connection db = DriverManager.getConnection(
                "jdbc:h2:file:" + dir.resolve("jobrepo-" + c.tenant().name()) + ";AUTO_SERVER=TRUE", "sa", "");
                Statement st = db.createStatement()) {
            st.execute("DROP TABLE ENTRALAKE_JOB_INDEX");
            st.execute("DROP TABLE ENTRALAKE_UPGRADE");
        }
    }

    private static void assertExact(Case c, Instant from, Instant to) throws Exception {
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(c.tenant().emulated().visibleIds("signins", from, to));
        }
    }
}
