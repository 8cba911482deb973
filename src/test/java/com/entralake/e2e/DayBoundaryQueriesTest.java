package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.entralake.emulator.ListEventSource;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.LakeQueries;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A final day is written as its one compacted file only when one query covers all of it; a day cut by two queries
 * is written in 24 window files, read back and rewritten once final. So queries end at day boundaries where they
 * can: a dense tenant's day that fits a whole day's writer is one query, and the first query of a range, before
 * its span is fitted to the data, does not reach back into the day before the one it ends in.
 */
class DayBoundaryQueriesTest extends EmulatedCollectionTest {

    /** The whole day of the two-day backfill ending at {@link #END}. */
    private static final String WHOLE_DAY = "2026-11-19";

    /**
     * 1,200 sign-ins an hour: a query of about 20 pages covers about 16 hours, less than a day, but a day (28,800)
     * fits a whole day's writer, so 19 November is read as one query and written whole.
     */
    @Test
    void aDenseDayThatFitsAWholeDaysWriterIsReadAsOneQueryAndWrittenWhole() throws Exception {
        Case c = denseCase("dense-day");

        Captured run = fixture.collectCapturing(c.config(), NOW, "--data-type=signins");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertExact(c, START, END);
        // 18 November from 10:00 in 14 windows, compacted once final; 19 November whole; 20 November to 10:00 in 10
        assertThat(run.stdout()).containsPattern("signins .* files +25 ")
                .contains("compacted 1 final day(s): 14 window files into 1");
        assertThat(dataFiles(c.lake(), WHOLE_DAY)).containsExactly("signins-20261119T000000Z-P1D-part-00000.parquet");
        // one row group per day, whether written whole or compacted from windows: what readers prune and zstd packs best
        assertThat(rowGroups(c.lake(), WHOLE_DAY)).isEqualTo(1);
        assertThat(rowGroups(c.lake(), "2026-11-18")).isEqualTo(1);
    }

    /**
     * A run failing inside the dense day's query (its 15th page; the two queries before it have 8 and 5) leaves the
     * lake with exactly the hours those queries completed and nothing of the day; the next run reads the day's query
     * again from its end, its span fitted to the data as the failed run's was, and writes the day whole, each record
     * once.
     */
    @Test
    void aRunFailedInsideADenseDaysQueryLeavesNothingOfTheDayAndTheNextRunWritesItWholeOnce() throws Exception {
        Case c = denseCase("dense-day-failed");
        Instant today = Instant.parse("2026-11-20T00:00:00Z");
        fixture.emulator.faults().failFromPage(c.tenant().tenantId(), 15);

        Captured failed = fixture.collectCapturing(c.config(), NOW, "--data-type=signins");

        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertExact(c, today, END);
        fixture.emulator.faults().clearFailFromPage(c.tenant().tenantId());
        Captured resumed = fixture.collectCapturing(c.config(), NOW, "--data-type=signins");

        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        // resumed where the completed queries end, sized from the last of them as the failed run was: the day is one
        // query, written whole; only the range's first day is compacted from windows
        assertThat(resumed.all()).contains("windows from " + today + " on are already committed")
                .contains("compacted 1 final day(s): 14 window files into 1");
        assertExact(c, START, END);
        assertThat(dataFiles(c.lake(), WHOLE_DAY)).containsExactly("signins-20261119T000000Z-P1D-part-00000.parquet");
    }

    /**
     * At 03:07 the range ends at 03:00: the first query, six hours long, would begin at 21:00 the day before and
     * leave that day to be written in windows. It stops at midnight instead, and the next query covers the day whole.
     */
    @Test
    void theFirstQueryStopsAtTheStartOfTheDayItEndsInSoThatTheDayBeforeIsWrittenWhole() throws Exception {
        Case c = newCase("first-query-day", 20, 0, Map.of());
        Instant earlyMorning = Instant.parse("2026-11-20T03:07:00Z");
        fixture.emulator.clock().set(earlyMorning);

        Captured run = fixture.collectCapturing(c.config(), earlyMorning, "--data-type=signins");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertExact(c, Instant.parse("2026-11-18T03:00:00Z"), Instant.parse("2026-11-20T03:00:00Z"));
        // 18 November from 03:00 in 21 windows, compacted once final; 19 November whole; 20 November to 03:00 in 3
        assertThat(run.stdout()).containsPattern("signins .* files +25 ")
                .contains("compacted 1 final day(s): 21 window files into 1");
        assertThat(dataFiles(c.lake(), WHOLE_DAY)).containsExactly("signins-20261119T000000Z-P1D-part-00000.parquet");
    }

    /** 1,200 sign-ins an hour, one every three seconds, over the backfill (generating a month of them is slow). */
    private static Case denseCase(String name) {
        Case c = newCase(name, 0, 0, Map.of());
        ListEventSource signIns = c.tenant().emulated().events("signins");
        for (Instant t = START; t.isBefore(NOW); t = t.plusSeconds(3)) {
            signIns.add(JsonNodeFactory.instance.objectNode()
                    .put("id", UUID.nameUUIDFromBytes((name + t).getBytes()).toString())
                    .put("createdDateTime", t.toString()));
        }
        return c;
    }

    private static void assertExact(Case c, Instant start, Instant end) throws Exception {
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertEachIdOnce(lake.idRows("signins"), c.tenant().emulated().visibleIds("signins", start, end));
        }
    }
}
