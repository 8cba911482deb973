package com.entralake.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RangePlannerTest {

    private final RangePlanner planner = new RangePlanner(Duration.ofHours(1), Duration.ofDays(30),
            Duration.ofMinutes(5), Duration.ofHours(2));

    @Test
    void firstRunBackfillsThirtyDaysUpToTheLastBoundaryBeforeNowMinusLag() {
        TimeWindow range = planner.plan(Optional.empty(), Instant.parse("2026-11-27T10:04:00Z")).orElseThrow();
        // 10:04 - 5 min = 09:59 -> the 09:00 boundary; the 09:00 hour is still open and is left for later
        assertThat(range.end()).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
        assertThat(range.start()).isEqualTo(Instant.parse("2026-10-28T09:00:00Z"));
    }

    @Test
    void laterRunStartsAtTheLookbackHorizonWhenTheWatermarkIsRecent() {
        TimeWindow range = planner.plan(Optional.of(Instant.parse("2026-11-27T09:00:00Z")),
                Instant.parse("2026-11-27T12:06:00Z")).orElseThrow();
        assertThat(range).isEqualTo(new TimeWindow(Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-11-27T12:00:00Z")));
        range = planner.plan(Optional.of(Instant.parse("2026-11-27T12:00:00Z")), Instant.parse("2026-11-27T13:06:00Z")).orElseThrow();
        assertThat(range.start()).as("re-reads two hours").isEqualTo(Instant.parse("2026-11-27T11:00:00Z"));
        assertThat(range.end()).isEqualTo(Instant.parse("2026-11-27T13:00:00Z"));
    }

    @Test
    void laterRunNeverLeavesAGapAfterAnOldWatermark() {
        TimeWindow range = planner.plan(Optional.of(Instant.parse("2026-11-20T00:00:00Z")),
                Instant.parse("2026-11-27T12:06:00Z")).orElseThrow();
        assertThat(range.start()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    }

    @Test
    void nothingToDoWhenNoWindowHasClosed() {
        RangePlanner noLookback = new RangePlanner(Duration.ofHours(1), Duration.ofDays(30), Duration.ofMinutes(5), Duration.ZERO);
        assertThat(noLookback.plan(Optional.of(Instant.parse("2026-11-27T12:00:00Z")), Instant.parse("2026-11-27T12:50:00Z")))
                .isEmpty();
    }

    @Test
    void windowsAlignOnUtcBoundaries() {
        assertThat(TimeWindow.containing(Instant.parse("2026-11-27T23:59:59.9999999Z"), Duration.ofHours(1)))
                .isEqualTo(new TimeWindow(Instant.parse("2026-11-27T23:00:00Z"), Instant.parse("2026-11-28T00:00:00Z")));
        assertThat(TimeWindow.containing(Instant.parse("2026-11-28T00:00:00Z"), Duration.ofMinutes(15)).startDate())
                .hasToString("2026-11-28");
        assertThat(TimeWindow.alignDown(Instant.parse("1969-12-31T23:30:00Z"), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("1969-12-31T23:00:00Z"));
    }
}
