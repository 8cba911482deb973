package com.entralake.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DataGapTest {

    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    /** The gap of a dataset collected up to {@code watermark} and nothing since. */
    private static Optional<DataGap> gapAfter(Optional<Instant> watermark, Instant now, Duration retention) {
        return DataGap.within(watermark.map(w -> java.util.List.of(new TimeWindow(w, now))).orElse(java.util.List.of()),
                now, retention).stream().findFirst();
    }

    @Test
    void aWatermarkWithinRetentionIsNoGap() {
        Instant now = Instant.parse("2026-11-27T03:00:00Z");
        assertThat(gapAfter(Optional.of(now.minus(Duration.ofDays(29))), now, THIRTY_DAYS)).isEmpty();
        assertThat(gapAfter(Optional.empty(), now, THIRTY_DAYS)).isEmpty();
    }

    @Test
    void aWatermarkOlderThanRetentionIsAGapUpToTheOldestRecordGraphKeeps() {
        Instant now = Instant.parse("2026-11-27T03:00:00Z");
        DataGap gap = gapAfter(Optional.of(Instant.parse("2026-10-20T05:00:00Z")), now, THIRTY_DAYS).orElseThrow();
        assertThat(gap.from()).isEqualTo(Instant.parse("2026-10-20T05:00:00Z"));
        assertThat(gap.to()).isEqualTo(Instant.parse("2026-10-28T03:00:00Z"));
        assertThat(gap.firstDay()).isEqualTo(LocalDate.parse("2026-10-20"));
        assertThat(gap.lastDay()).isEqualTo(LocalDate.parse("2026-10-28"));
        assertThat(gap.describe()).contains("2026-10-20 .. 2026-10-28 (9 days").contains("Graph keeps 30 days");
    }

    @Test
    void aGapEndingAtMidnightDoesNotCountTheNextDay() {
        Instant now = Instant.parse("2026-11-27T00:00:00Z");
        DataGap gap = gapAfter(Optional.of(Instant.parse("2026-11-10T00:00:00Z")), now, Duration.ofDays(7)).orElseThrow();
        assertThat(gap.lastDay()).isEqualTo(LocalDate.parse("2026-11-19"));
        assertThat(gap.describe()).contains("2026-11-10 .. 2026-11-19 (10 days").contains("Graph keeps 7 days");
    }

    @Test
    void onlyTheUncollectedPartsOlderThanRetentionAreLost() {
        Instant now = Instant.parse("2026-11-27T00:00:00Z");
        // an unfinished range whose newest windows were committed (resume before 11-10), then the tail from its end
        java.util.List<TimeWindow> uncollected = java.util.List.of(
                new TimeWindow(Instant.parse("2026-10-20T00:00:00Z"), Instant.parse("2026-11-10T00:00:00Z")),
                new TimeWindow(Instant.parse("2026-11-15T00:00:00Z"), now));
        java.util.List<DataGap> gaps = DataGap.within(uncollected, now, Duration.ofDays(30));
        assertThat(gaps).containsExactly(new DataGap(Instant.parse("2026-10-20T00:00:00Z"),
                Instant.parse("2026-10-28T00:00:00Z"), Duration.ofDays(30)));
        assertThat(DataGap.within(uncollected, now, Duration.ofDays(7))).hasSize(2)
                .extracting(DataGap::to).containsExactly(Instant.parse("2026-11-10T00:00:00Z"), Instant.parse("2026-11-20T00:00:00Z"));
    }
}
