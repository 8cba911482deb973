package com.entralake.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.entralake.window.RangePlanner.CompletedRange;

class RangePlannerTest {

    private final RangePlanner planner = new RangePlanner(Duration.ofHours(1), Duration.ofDays(30),
            Duration.ofMinutes(5), Duration.ofHours(2));

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static Optional<CompletedRange> last(String start, String end, String readAt) {
        return Optional.of(new CompletedRange(t(start), t(end), t(readAt)));
    }

    @Test
    void firstRunBackfillsThirtyDaysUpToTheLastBoundaryBeforeNowMinusLag() {
        TimeWindow range = planner.plan(Optional.empty(), t("2026-11-27T10:04:00Z")).orElseThrow();
        // 10:04 - 5 min = 09:59 -> the 09:00 boundary; the 09:00 hour is still open and is left for later
        assertThat(range.end()).isEqualTo(t("2026-11-27T09:00:00Z"));
        assertThat(range.start()).isEqualTo(t("2026-10-28T09:00:00Z"));
    }

    @Test
    void nightlyRunRereadsTheWindowsThePreviousRunReadTooSoon() {
        // previous run at 02:07 read up to 02:00; windows ending after 00:07 may still receive late records
        TimeWindow range = planner.plan(last("2026-11-25T00:00:00Z", "2026-11-26T02:00:00Z", "2026-11-26T02:07:00Z"),
                t("2026-11-27T02:07:00Z")).orElseThrow();
        assertThat(range).isEqualTo(new TimeWindow(t("2026-11-26T00:00:00Z"), t("2026-11-27T02:00:00Z")));
    }

    @Test
    void aLongPauseBetweenRunsStillRereadsWhatWasReadTooSoon() {
        // the previous run at 10:07 read 09:00-10:00 only minutes after it ended; three hours later it must be read again
        TimeWindow range = planner.plan(last("2026-11-18T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:07:00Z"),
                t("2026-11-20T13:07:00Z")).orElseThrow();
        assertThat(range.start()).isEqualTo(t("2026-11-20T08:00:00Z"));
        assertThat(range.end()).isEqualTo(t("2026-11-20T13:00:00Z"));
    }

    @Test
    void laterRunNeverLeavesAGapAfterAnOldWatermark() {
        TimeWindow range = planner.plan(last("2026-11-19T00:00:00Z", "2026-11-20T00:00:00Z", "2026-11-27T00:00:00Z"),
                t("2026-11-27T12:06:00Z")).orElseThrow();
        assertThat(range.start()).isEqualTo(t("2026-11-20T00:00:00Z"));
    }

    @Test
    void nothingToDoWhenNoWindowHasClosedAndNothingIsUnsettled() {
        RangePlanner noLookback = new RangePlanner(Duration.ofHours(1), Duration.ofDays(30), Duration.ofMinutes(5), Duration.ZERO);
        assertThat(noLookback.plan(last("2026-11-27T10:00:00Z", "2026-11-27T12:00:00Z", "2026-11-27T12:06:00Z"),
                t("2026-11-27T12:50:00Z"))).isEmpty();
    }

    @Test
    void windowsAlignOnUtcBoundaries() {
        assertThat(TimeWindow.containing(t("2026-11-27T23:59:59.999999Z"), Duration.ofHours(1)))
                .isEqualTo(new TimeWindow(t("2026-11-27T23:00:00Z"), t("2026-11-28T00:00:00Z")));
        assertThat(TimeWindow.containing(t("2026-11-28T00:00:00Z"), Duration.ofMinutes(15)).startDate())
                .hasToString("2026-11-28");
        assertThat(TimeWindow.alignDown(t("1969-12-31T23:30:00Z"), Duration.ofHours(1)))
                .isEqualTo(t("1969-12-31T23:00:00Z"));
    }
}
