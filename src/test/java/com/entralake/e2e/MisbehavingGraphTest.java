package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.entralake.emulator.PageFaults;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.LakeQueries;

/**
 * A Graph that breaks its own promises — order, well-formed records, one copy of each — still ends with
 * every record it returned exactly once in the lake, and the records it could not place in quarantine.
 * Each case checks the exact id set with DuckDB, which shares no code with the writer.
 */
@Tag("fault-injection")
class MisbehavingGraphTest extends EmulatedCollectionTest {

    /** 300 sign-ins an hour: a page of 1000 spans three or four hourly windows, so a misplaced record crosses windows. */
    private static final double DENSE = 300;


    /** Sign-ins only: every fault here acts on the event reader, and one data type keeps each run short. */
    private static final String SIGN_INS_ONLY = "--data-type=signins";

    private static void assertExact(Case c, Set<String> excluded) throws Exception {
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            Set<String> expected = new HashSet<>(c.tenant().emulated().visibleIds("signins", START, END));
            expected.removeAll(excluded);
            assertThat(lake.idRows("signins")).as("every sign-in Graph returned, once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PageFaults.Misorder.class, names = {"WITHIN_PAGE", "ACROSS_PAGES"})
    void pagesOutOfOrderAreDetectedBeforeAWindowCommitsAndTheRangeIsReadOneWindowPerQuery(PageFaults.Misorder misorder)
            throws Exception {
        Case c = newCase("misorder-" + misorder.name().toLowerCase(), DENSE, 5, Map.of());
        fixture.emulator.pageFaults().misorder(c.tenant().tenantId(), misorder);

        Captured run = fixture.collectCapturing(c.config(), NOW, SIGN_INS_ONLY);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).contains("out of createdDateTime order").contains("one query per window");
        assertExact(c, Set.of());
        long signInQueries = fixture.emulator.requestLog().stream()
                .filter(r -> c.tenant().tenantId().equals(r.tenantId()) && r.path().endsWith("/v1.0/auditLogs/signIns")).count();
        assertThat(signInQueries).as("the fallback is one query per window: 48 windows").isGreaterThanOrEqualTo(48);

        // Graph behaves again: the next run has nothing wrong to repair, and the union stays exact
        fixture.emulator.pageFaults().clear(c.tenant().tenantId());
        assertThat(fixture.collect(c.config(), NOW, SIGN_INS_ONLY)).isZero();
        assertExact(c, Set.of());
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.strings("SELECT count(*) FROM read_parquet('" + lake.glob("signins") + "')"))
                    .containsExactly(String.valueOf(c.tenant().emulated().visibleIds("signins", START, END).size()));
        }
    }

    /**
     * The order can only be checked as far as the query got: a query that fails after windows were written on the
     * strength of the order, but before the record that breaks it arrives, must not leave the restart point past
     * those windows — the next run reads that query again and finds the record.
     */
    @Test
    void aQueryThatFailsBeforeItsOrderCouldBeCheckedIsReadAgainWhole() throws Exception {
        Case c = newCase("misorder-then-outage", DENSE, 5, Map.of());
        // page 5 lies deep in the range, past the lookback a next run reads anyway: a record lost there stays lost
        fixture.emulator.pageFaults().holdBackThenFail(c.tenant().tenantId(), 5);

        Captured failed = fixture.collectCapturing(c.config(), NOW, SIGN_INS_ONLY);
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            // the first query's windows at least (a day the failing query reads whole is visible once it is complete)
            assertThat(lake.idRows("signins")).as("windows were written before the outage").hasSizeGreaterThan(1_000);
        }

        fixture.emulator.pageFaults().clear(c.tenant().tenantId());
        Captured resumed = fixture.collectCapturing(c.config(), NOW, SIGN_INS_ONLY);
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertExact(c, Set.of());
    }

    @Test
    void recordsThatCannotBePlacedGoToQuarantineWithTheirReasonAndTheirWindowsCommit() throws Exception {
        Case c = newCase("poison", 60, 5, Map.of());
        List<String> ids = new ArrayList<>(c.tenant().emulated().visibleIds("signins", START, END));
        Map<String, PageFaults.Corruption> poisoned = Map.of(
                ids.get(10), PageFaults.Corruption.NO_TIME,
                ids.get(500), PageFaults.Corruption.BAD_TIME,
                ids.get(1000), PageFaults.Corruption.NEVER_TIME,
                ids.get(1500), PageFaults.Corruption.NO_ID,
                ids.get(2000), PageFaults.Corruption.NOT_AN_OBJECT);
        poisoned.forEach((id, how) -> fixture.emulator.pageFaults().corrupt(c.tenant().tenantId(), id, how));
        String userWithoutId = c.tenant().emulated().allIds("users").iterator().next();
        fixture.emulator.pageFaults().corrupt(c.tenant().tenantId(), userWithoutId, PageFaults.Corruption.NO_ID);

        Captured run = fixture.collectCapturing(c.config(), NOW, SIGN_INS_ONLY, "--data-type=users");
        assertThat(run.exitCode()).as("nothing for an operator to do: " + run.all()).isZero();
        assertThat(run.stdout()).contains("quarantined: 5 record(s)").contains("quarantined: 1 record(s)");
        assertExact(c, poisoned.keySet());
        assertQuarantine(c, poisoned);
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            Set<String> users = new HashSet<>(c.tenant().emulated().allIds("users"));
            users.remove(userWithoutId);
            assertThat(lake.idRows("users")).containsExactlyInAnyOrderElementsOf(users);
        }

        // read again (a rerun reads the same windows and the same day's snapshot): each set-aside record stays once,
        // and the summary does not count it as new again
        Captured again = fixture.collectCapturing(c.config(), NOW, SIGN_INS_ONLY, "--data-type=users");
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).doesNotContain("quarantined: 5").contains("more read again that were kept already");
        assertQuarantine(c, poisoned);
    }

    private static void assertQuarantine(Case c, Map<String, PageFaults.Corruption> poisoned) throws Exception {
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            List<String> rows = lake.strings("SELECT coalesce(record_id, '-') || ' | ' || reason || ' | ' || source_dataset"
                    + " FROM read_parquet('" + lake.glob("quarantine") + "', hive_partitioning = true) ORDER BY reason");
            assertThat(rows).hasSize(poisoned.size() + 1);
            assertThat(rows).filteredOn(r -> r.endsWith("| users")).singleElement().asString().startsWith("- | no id");
            assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(idWith(poisoned, PageFaults.Corruption.NO_TIME))
                    .contains("no createdDateTime").endsWith("signins"));
            assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(idWith(poisoned, PageFaults.Corruption.BAD_TIME))
                    .contains("createdDateTime is not a timestamp"));
            assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(idWith(poisoned, PageFaults.Corruption.NEVER_TIME))
                    .contains("createdDateTime is before 1900-01-01T00:00:00Z").contains("0001-01-01T00:00:00Z"));
            assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("- | no id").endsWith("signins"));
            assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("- | not a JSON object (string)"));
            assertThat(lake.strings("SELECT raw_json FROM read_parquet('" + lake.glob("quarantine") + "') WHERE record_id = '"
                    + idWith(poisoned, PageFaults.Corruption.NO_TIME) + "'")).singleElement().asString()
                    .contains("\"userPrincipalName\"");
        }
    }

    private static String idWith(Map<String, PageFaults.Corruption> poisoned, PageFaults.Corruption corruption) {
        return poisoned.entrySet().stream().filter(e -> e.getValue() == corruption).findFirst().orElseThrow().getKey();
    }

    @Test
    void aGraphWhoseRecordsAllLackTheirTimeStopsTheRangeInsteadOfQuarantiningEverything() throws Exception {
        Case c = newCase("format-change", 60, 5, Map.of());
        List<String> ids = new ArrayList<>(c.tenant().emulated().visibleIds("signins", START, END));
        ids.forEach(id -> fixture.emulator.pageFaults().corrupt(c.tenant().tenantId(), id, PageFaults.Corruption.NO_TIME));

        Captured run = fixture.collectCapturing(c.config(), NOW, SIGN_INS_ONLY);
        assertThat(run.exitCode()).as("an operator must act: " + run.all()).isEqualTo(1);
        assertThat(run.stdout()).contains("change of Graph's format");
        assertThat(run.all()).doesNotContain("looks like a bug");
        assertThat(c.lake().resolve("quarantine")).as("a format change is not quarantined record by record").doesNotExist();

        fixture.emulator.pageFaults().clear(c.tenant().tenantId());
        assertThat(fixture.collect(c.config(), NOW, SIGN_INS_ONLY)).isZero();
        assertExact(c, Set.of());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PageFaults.Duplication.class, names = {"WITHIN_PAGE", "ACROSS_PAGES"})
    void recordsServedTwiceLandOnce(PageFaults.Duplication duplication) throws Exception {
        Case c = newCase("duplicates-" + duplication.name().toLowerCase(), DENSE, 5, Map.of());
        fixture.emulator.pageFaults().duplicate(c.tenant().tenantId(), duplication);

        Captured run = fixture.collectCapturing(c.config(), NOW, SIGN_INS_ONLY);
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertExact(c, Set.of());
    }

    @Test
    void a429StormWithRetryAfterIsWaitedOutAndOneWithoutItIsBackedOff() throws Exception {
        Case with = newCase("storm-retry-after", 60, 5, Map.of());
        fixture.emulator.pageFaults().throttleStorm(with.tenant().tenantId(), 3, Duration.ofMillis(300));
        Captured first = fixture.collectCapturing(with.config(), NOW, SIGN_INS_ONLY);
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertExact(with, Set.of());
        assertThat(first.stdout()).containsPattern("throttled +[1-9]");

        Case without = newCase("storm-no-retry-after", 60, 5, Map.of());
        fixture.emulator.pageFaults().throttleStorm(without.tenant().tenantId(), 3, null);
        Captured second = fixture.collectCapturing(without.config(), NOW, SIGN_INS_ONLY);
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertExact(without, Set.of());
    }

    @Test
    void aStormOrAnOutageLongerThanTheRetryBudgetFailsTheRunWhichTheNextRunCompletes() throws Exception {
        Case storm = newCase("storm-too-long", 60, 5, Map.of());
        fixture.emulator.pageFaults().throttleStorm(storm.tenant().tenantId(), 40, Duration.ofMillis(50));
        Captured throttled = fixture.collectCapturing(storm.config(), NOW, SIGN_INS_ONLY);
        assertThat(throttled.exitCode()).as(throttled.all()).isEqualTo(1);
        assertThat(throttled.stdout()).contains("HTTP 429");
        fixture.emulator.pageFaults().clear(storm.tenant().tenantId());
        assertThat(fixture.collect(storm.config(), NOW, SIGN_INS_ONLY)).isZero();
        assertExact(storm, Set.of());

        Case outage = newCase("outage", 60, 5, Map.of());
        fixture.emulator.faults().failNext(outage.tenant().tenantId(), 40, 503);
        Captured down = fixture.collectCapturing(outage.config(), NOW, SIGN_INS_ONLY);
        assertThat(down.exitCode()).as(down.all()).isEqualTo(1);
        assertThat(down.stdout()).contains("HTTP 503");
        fixture.emulator.faults().clear(outage.tenant().tenantId());
        assertThat(fixture.collect(outage.config(), NOW, SIGN_INS_ONLY)).isZero();
        assertExact(outage, Set.of());
    }
}
