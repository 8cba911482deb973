package com.entralake.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class QuerySpanTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void startsWithSixHoursOfWholeWindows() {
        assertThat(new QuerySpan(HOUR).current()).isEqualTo(Duration.ofHours(6));
        assertThat(new QuerySpan(Duration.ofMinutes(25)).current()).as("whole windows").isEqualTo(Duration.ofMinutes(350));
    }

    @Test
    void aSparseQueryWidensToTheRestOfTheRangeAndADenseOneNarrowsToAboutTwentyPages() {
        QuerySpan sparse = new QuerySpan(HOUR);
        sparse.completed(Duration.ofHours(6), 18, 1, 1000);
        assertThat(sparse.current()).isGreaterThan(Duration.ofDays(30));
        QuerySpan empty = new QuerySpan(HOUR);
        empty.completed(Duration.ofHours(6), 0, 1, 1000);
        assertThat(empty.current()).isGreaterThan(Duration.ofDays(30));

        QuerySpan dense = new QuerySpan(HOUR);
        dense.completed(Duration.ofHours(6), 60_000, 60, 1000); // 10,000 an hour: 20 pages are two hours
        assertThat(dense.current()).isEqualTo(Duration.ofHours(2));
        dense.completed(Duration.ofHours(2), 200_000, 200, 1000);
        assertThat(dense.current()).as("never less than one window").isEqualTo(HOUR);
    }

    @Test
    void withoutADocumentedPageSizeGraphsOwnPagesAreCounted() {
        QuerySpan span = new QuerySpan(HOUR);
        span.completed(Duration.ofHours(6), 6_000, 60, 0); // 60 of Graph's pages in six hours: 20 are two hours
        assertThat(span.current()).isEqualTo(Duration.ofHours(2));
        QuerySpan sparse = new QuerySpan(HOUR);
        sparse.completed(Duration.ofHours(6), 3, 1, 0);
        assertThat(sparse.current()).isGreaterThan(Duration.ofDays(30));
    }

    @Test
    void theDensityOfTheLastQuerySaysWhetherADayHoldsAtMostSoManyRecords() {
        QuerySpan span = new QuerySpan(HOUR);
        assertThat(span.measured()).isFalse();
        assertThat(span.dayHoldsAtMost(Long.MAX_VALUE)).as("unknown before a query completed").isFalse();

        span.completed(Duration.ofHours(6), 9_000, 9, 1000); // 1,500 an hour: 36,000 a day
        assertThat(span.measured()).isTrue();
        assertThat(span.dayHoldsAtMost(36_000)).isTrue();
        assertThat(span.dayHoldsAtMost(35_999)).isFalse();

        span.completed(Duration.ofHours(13), 26_000, 26, 1000); // denser: 48,000 a day
        assertThat(span.dayHoldsAtMost(40_000)).as("the last query decides").isFalse();

        QuerySpan unpaged = new QuerySpan(HOUR);
        unpaged.completed(Duration.ofHours(6), 6_000, 60, 0);
        assertThat(unpaged.measured()).isTrue();
        assertThat(unpaged.dayHoldsAtMost(Long.MAX_VALUE)).as("records are not counted in pages of no known size")
                .isFalse();
    }
}
