package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.LakeQueries;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Days a query reads whole and that are final once its range completes are written straight as their one compacted
 * file. A later run whose lookback re-reads such a day whole (a weekly run with a two-day lookback) replaces the
 * day: a sign-in Graph published a day late lands in it once and is counted late, and the day stays one file.
 */
class WholeDayRereadTest extends EmulatedCollectionTest {

    /** A day the first run collects but does not yet consider final, and the second re-reads whole. */
    private static final String REREAD_DAY = "2026-11-19";

    @Test
    void aLateSignInInADayReReadWholeLandsOnceAndTheDayStaysOneFile() throws Exception {
        Case c = newCase("whole-day-reread", 20, 0, Map.of("entralake.collection.lookback", "P2D"));
        Captured second = collectAgainWithALateSignIn(c, Duration.ofDays(5));

        assertExactWithTheLateSignIn(c, second, Instant.parse("2026-11-25T10:00:00Z"));
        // the re-read: 18 November from 10:00 in 14 windows, 19 November whole in one file, 20 November to 10:00 in 10
        assertThat(second.stdout()).containsPattern("re-read within the lookback: [0-9,]+ records in 25 file\\(s\\)")
                .contains("1 of the records above arrived late in those windows")
                // compacted from windows only the two days cut by the range's start and by where new windows begin
                .contains("compacted 2 final day(s): 38 window files into 2");
        assertThat(dataFiles(c.lake(), REREAD_DAY)).containsExactly("signins-20261119T000000Z-P1D-part-00000.parquet");
        // the days the second run read new and whole are one file each too
        for (String day : List.of("2026-11-21", "2026-11-22")) {
            assertThat(dataFiles(c.lake(), day)).as(day).containsExactly(
                    "signins-" + day.replace("-", "") + "T000000Z-P1D-part-00000.parquet");
        }
    }

    /**
     * A week later the same day is older than Graph keeps sign-ins for every licence (7 days without Premium): a
     * read with fewer records may mean Graph purged some, so each window keeps what the lake has where Graph returns
     * fewer. The day is re-read window by window, not whole, and the late sign-in still lands once.
     */
    @Test
    void aDayOlderThanGraphKeepsForEveryLicenceIsReReadWindowByWindow() throws Exception {
        Case c = newCase("whole-day-too-old", 20, 0, Map.of("entralake.collection.lookback", "P2D"));
        Captured second = collectAgainWithALateSignIn(c, Duration.ofDays(7));

        assertExactWithTheLateSignIn(c, second, Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(second.stdout()).containsPattern("re-read within the lookback: [0-9,]+ records in 48 file\\(s\\)")
                .contains("1 of the records above arrived late in those windows");
        assertThat(dataFiles(c.lake(), REREAD_DAY)).as("compacted once final")
                .containsExactly("signins-20261119T000000Z-P1D-part-00000.parquet");
    }

    private static final String LATE = UUID.nameUUIDFromBytes("late-sign-in".getBytes()).toString();

    /** Collects at NOW, lets Graph publish a sign-in of REREAD_DAY a day late, and collects {@code later}. */
    private static Captured collectAgainWithALateSignIn(Case c, Duration later) throws Exception {
        assertThat(collect(c, NOW).exitCode()).isZero();
        ObjectNode record = JsonNodeFactory.instance.objectNode().put("id", LATE)
                .put("createdDateTime", REREAD_DAY + "T12:34:56Z");
        c.tenant().emulated().events("signins").add(record, NOW.plus(Duration.ofDays(1)));
        Instant then = NOW.plus(later);
        fixture.emulator.clock().set(then);
        Captured second = collect(c, then);
        assertThat(second.exitCode()).as(second.all()).isZero();
        return second;
    }

    private static void assertExactWithTheLateSignIn(Case c, Captured second, Instant end) throws Exception {
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.idRows("signins")).as(second.all()).doesNotHaveDuplicates().contains(LATE)
                    .containsExactlyInAnyOrderElementsOf(c.tenant().emulated().visibleIds("signins", START, end));
        }
    }

    private static Captured collect(Case c, Instant now) throws Exception {
        return fixture.collectCapturing(c.config(), now, "--data-type=signins");
    }
}
