package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.entralake.emulator.License;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

/**
 * The run summary's record and file columns are the lake's own numbers: records new to the lake, files new
 * to the lake (less what compacting final days replaced, which the summary says on its own line). What a lookback re-read (already in the lake) is said apart, and a resumed range counts what
 * both of its attempts committed once.
 */
class RunSummaryCountsTest extends EmulatedCollectionTest {

    private static final Pattern SIGN_INS_LINE = Pattern.compile(
            "(?m)^\\s+signins\\s+collected\\s+pages\\s+[0-9,]+\\s+records\\s+([0-9,]+)\\s+files\\s+([0-9,]+)");

    /** The records the summary says are new, and the files it leaves in the lake (after compacting final days). */
    private static long[] recordsAndFiles(String summary) {
        Matcher m = SIGN_INS_LINE.matcher(summary);
        assertThat(m.find()).as(summary).isTrue();
        return new long[] {Long.parseLong(m.group(1).replace(",", "")),
                filesLeftBy(summary, Long.parseLong(m.group(2).replace(",", "")))};
    }

    private static long lakeRows(Path lake) throws Exception {
        try (LakeQueries q = new LakeQueries(lake)) {
            return q.idRows("signins").size();
        }
    }

    private static long lakeFiles(Path lake) throws Exception {
        try (Stream<Path> files = Files.walk(lake.resolve("signins"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
        }
    }

    @Test
    void aRunThatFindsNothingNewSaysSoAndCountsItsLookbackReReadApart() throws Exception {
        TestTenant tenant = fixture.tenant("nothing-new", License.PREMIUM, 60, 2);
        Path lake = dir.resolve("lake-nothing-new");
        Path config = fixture.config("nothing-new.properties", List.of(tenant), Map.of("entralake.lake-root", lake.toString()));

        Captured first = fixture.collectCapturing(config, NOW, "--data-type=signins");
        assertThat(recordsAndFiles(first.stdout())).containsExactly(lakeRows(lake), lakeFiles(lake));
        assertThat(first.stdout()).as("a new data type says it starts with its backfill")
                .contains("first collection of signins: backfilling from " + START);

        Captured again = fixture.collectCapturing(config, NOW, "--data-type=signins");
        assertThat(again.exitCode()).isZero();
        assertThat(recordsAndFiles(again.stdout())).as("nothing is new: " + again.stdout()).containsExactly(0L, 0L);
        assertThat(again.stdout()).doesNotContain("first collection");
        assertThat(again.stdout()).containsPattern("re-read within the lookback: 1[12][0-9] records in 2 file\\(s\\), already in the lake");
    }

    @Test
    void aResumedRangeReportsWhatIsInTheLakeOnce() throws Exception {
        TestTenant tenant = fixture.tenant("resumed-counts", License.PREMIUM, 300, 2);
        Path lake = dir.resolve("lake-resumed-counts");
        Path config = fixture.config("resumed-counts.properties", List.of(tenant), Map.of("entralake.lake-root", lake.toString()));
        fixture.emulator.faults().failFromPage(tenant.tenantId(), 6);
        assertThat(fixture.collect(config, NOW, "--data-type=signins")).isEqualTo(1);
        long partial = lakeRows(lake);
        assertThat(partial).isPositive();
        fixture.emulator.faults().clearFailFromPage(tenant.tenantId());

        Captured resumed = fixture.collectCapturing(config, NOW, "--data-type=signins");

        assertThat(resumed.exitCode()).isZero();
        long rows = lakeRows(lake);
        assertThat(rows).isEqualTo(tenant.emulated().visibleIds("signins", START, END).size()).isGreaterThan(partial);
        assertThat(recordsAndFiles(resumed.stdout())).as(resumed.stdout()).containsExactly(rows, lakeFiles(lake));
    }
}
