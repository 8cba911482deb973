package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.entralake.emulator.ListEventSource;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.LakeQueries;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A quiet tenant is read in queries of days, each day written whole with every id of it in memory. A burst (a
 * password spray: tens of thousands of sign-ins in a few hours) must not make one day's writer hold them all: past
 * its limit the query is read again with its days window by window, and the lake ends exact.
 */
class BurstDayTest extends EmulatedCollectionTest {

    @Test
    void aBurstBeyondWhatADayIsWrittenWholeWithIsReadAgainWindowByWindowAndEndsExact() throws Exception {
        Case c = newCase("burst-day", 1, 0, Map.of());
        ListEventSource signIns = c.tenant().emulated().events("signins");
        Instant sprayStart = Instant.parse("2026-11-19T02:00:00Z");
        int spray = 60_000; // beyond WholeDays.MAX_RECORDS (50,000), over two hours of 19 November
        for (int i = 0; i < spray; i++) {
            signIns.add(JsonNodeFactory.instance.objectNode()
                    .put("id", UUID.nameUUIDFromBytes(("spray-" + i).getBytes()).toString())
                    .put("createdDateTime", sprayStart.plus(Duration.ofMillis(120L * i)).toString()));
        }

        Captured run = fixture.collectCapturing(c.config(), NOW, "--data-type=signins");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).contains("2026-11-19 holds more than 50000 records, more than a day is written whole");
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.idRows("signins")).hasSizeGreaterThan(spray);
            assertEachIdOnce(lake.idRows("signins"), c.tenant().emulated().visibleIds("signins", START, END));
        }
        // read again window by window, the day is compacted once final like any other
        assertThat(run.stdout()).containsPattern("compacted [0-9]+ final day\\(s\\)");
    }
}
