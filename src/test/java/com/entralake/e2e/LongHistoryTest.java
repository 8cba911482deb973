package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.entralake.EntraLakeApplication;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.PriorHistory;
import com.entralake.testing.RepositoryReads;
import com.entralake.window.TimeWindow;

/**
 * A job repository keeps every job instance ever run: thirty data types, a hundred tenants and a year of
 * nightly runs make millions. What one run reads from it must not grow with that history — the same run
 * after 500 earlier instances (of this tenant and of others) reads what it reads after 10. Counted in
 * statements and rows, not timed.
 */
class LongHistoryTest extends EmulatedCollectionTest {

    /** The earlier runs' watermark: four hours before {@link #NOW}'s last window boundary. */
    private static final Instant WATERMARK = END.minus(Duration.ofHours(4));
    private static final Instant LATER = NOW.plus(Duration.ofHours(1));

    private record Cost(RepositoryReads.Count collect, RepositoryReads.Count status) {
    }

    @Test
    void aRunReadsAsMuchFromTheJobRepositoryAfterFiveHundredEarlierInstancesAsAfterTen() throws Exception {
        Cost small = measure("history-10", 10);
        Cost large = measure("history-500", 500);

        System.out.println("collect after 10 instances: " + small.collect() + "; after 500: " + large.collect());
        System.out.println("status after 10 instances: " + small.status() + "; after 500: " + large.status());
        // the run's own work (its windows, its commits) is the same in both: what history costs is the difference
        assertThat(large.collect().statements()).as(large.collect().top(15))
                .isLessThanOrEqualTo(small.collect().statements() + 10);
        assertThat(large.collect().rows()).as(large.collect().top(15)).isLessThanOrEqualTo(small.collect().rows() + 10);
        assertThat(large.status().statements()).as(large.status().top(15))
                .isLessThanOrEqualTo(small.status().statements() + 10);
        assertThat(large.status().rows()).as(large.status().top(15)).isLessThanOrEqualTo(small.status().rows() + 10);
    }

    /** The reads of a collect and of a status an hour after a first run over {@code instances} earlier ones. */
    private Cost measure(String name, int instances) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("jobrepo-" + name) + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        // no lock heartbeat during the run: its statements would count the run's duration, not its reads
        Case c = newCase(name, 20, 2, Map.of("spring.datasource.url", url, RepositoryReads.PROPERTY,
                RepositoryReads.SOURCE, "entralake.lock.check-interval", "PT1H", "entralake.lock.stale-after", "PT3H"));
        PriorHistory.write(url, c.tenant().tenantId(), instances, WATERMARK);

        Captured first = fixture.collectCapturing(c.config(), NOW);
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.all()).as("the history is where it stood: no backfill, no gap")
                .contains(new TimeWindow(WATERMARK, END).toString()).doesNotContain("DATA GAP");

        fixture.emulator.clock().set(LATER);
        RepositoryReads.reset();
        Captured second = fixture.collectCapturing(c.config(), LATER);
        RepositoryReads.Count collect = RepositoryReads.count();
        assertThat(second.exitCode()).as(second.all()).isZero();

        RepositoryReads.reset();
        assertThat(EntraLakeApplication.run("status", "--config=" + c.config(), "--now=" + LATER)).isZero();
        return new Cost(collect, RepositoryReads.count());
    }
}
