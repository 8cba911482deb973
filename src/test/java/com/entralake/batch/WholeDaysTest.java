package com.entralake.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.entralake.window.TimeWindow;

/** Which days a query writes whole: only those it covers, final once the range completes, all new or all re-read. */
class WholeDaysTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration LOOKBACK = Duration.ofHours(2);
    private static final Instant RANGE_START = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant RANGE_END = Instant.parse("2026-12-01T10:00:00Z");

    private final WholeDays backfill = new WholeDays(true, RANGE_END, RANGE_START, LOOKBACK);

    @Test
    void aDayTheQueryCoversAndThatIsFinalOnceTheRangeCompletesIsWrittenWhole() {
        EventQuery query = query("2026-11-02T00:00:00Z", "2026-11-30T00:00:00Z", false);

        assertThat(backfill.dayOf(query, hour("2026-11-15T13:00:00Z")))
                .contains(new TimeWindow(Instant.parse("2026-11-15T00:00:00Z"), Instant.parse("2026-11-16T00:00:00Z")));
        assertThat(backfill.dayOf(query, hour("2026-11-02T00:00:00Z"))).as("the query's first day").isPresent();
        assertThat(backfill.dayOf(query, hour("2026-11-29T23:00:00Z"))).as("the query's last day").isPresent();
    }

    @Test
    void aDayTheQueryCutsIsWrittenWindowByWindow() {
        EventQuery query = query("2026-11-02T06:00:00Z", "2026-11-10T18:00:00Z", false);

        assertThat(backfill.dayOf(query, hour("2026-11-02T07:00:00Z"))).isEmpty();
        assertThat(backfill.dayOf(query, hour("2026-11-10T17:00:00Z"))).isEmpty();
        assertThat(backfill.dayOf(query, hour("2026-11-05T07:00:00Z"))).isPresent();
    }

    @Test
    void aDayStillWithinTheLookbackOfTheRangesEndIsWrittenWindowByWindow() {
        EventQuery query = query("2026-11-25T00:00:00Z", "2026-12-01T10:00:00Z", false);

        // 30 Nov ends at 1 Dec 00:00, plus the 2 h lookback: final at a watermark of 1 Dec 10:00
        assertThat(backfill.dayOf(query, hour("2026-11-30T12:00:00Z"))).isPresent();
        WholeDays endingEarly = new WholeDays(true, Instant.parse("2026-12-01T01:00:00Z"), RANGE_START, LOOKBACK);
        assertThat(endingEarly.dayOf(query("2026-11-25T00:00:00Z", "2026-12-01T01:00:00Z", false),
                hour("2026-11-30T12:00:00Z"))).as("a watermark of 01:00 is within the lookback of its end").isEmpty();
    }

    @Test
    void aDayWhereNewWindowsBeginIsWrittenWindowByWindowSoItsRecordsCountAsNewOrRereadCorrectly() {
        WholeDays incremental = new WholeDays(true, RANGE_END, Instant.parse("2026-11-20T08:00:00Z"), Duration.ofDays(3));
        EventQuery query = query("2026-11-17T00:00:00Z", "2026-11-24T00:00:00Z", false);

        assertThat(incremental.dayOf(query, hour("2026-11-20T12:00:00Z"))).isEmpty();
        assertThat(incremental.dayOf(query, hour("2026-11-19T12:00:00Z"))).as("all re-read").isPresent();
        assertThat(incremental.dayOf(query, hour("2026-11-21T12:00:00Z"))).as("all new").isPresent();
    }

    @Test
    void nothingIsWrittenWholeWithCompactionOffOrOneQueryPerWindow() {
        WholeDays off = new WholeDays(false, RANGE_END, RANGE_START, LOOKBACK);

        assertThat(off.dayOf(query("2026-11-02T00:00:00Z", "2026-11-30T00:00:00Z", false), hour("2026-11-15T13:00:00Z")))
                .isEmpty();
        assertThat(backfill.dayOf(query("2026-11-02T00:00:00Z", "2026-11-30T00:00:00Z", true), hour("2026-11-15T13:00:00Z")))
                .as("after Graph's order failed").isEmpty();
    }

    private static EventQuery query(String start, String end, boolean oneWindow) {
        return new EventQuery(null, Instant.parse(start), Instant.parse(end), oneWindow);
    }

    private static TimeWindow hour(String start) {
        return TimeWindow.containing(Instant.parse(start), HOUR);
    }
}
