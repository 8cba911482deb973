package com.entralake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot's memory does not grow with its objects: half a million ids go through {@link SnapshotWriter} in a JVM with a
 * heap far smaller than a set of those ids would take (a HashSet of half a million GUID strings holds about 60 MiB, in a
 * 40 MiB heap), and
 * every object still lands exactly once. Not a timing test: it fails by running out of memory, or by a wrong count.
 *
 * <p>{@code -Dentralake.snapshot-check.writes=10000000 -Dentralake.snapshot-check.heap=512m
 * -Dentralake.snapshot-check.row-group-bytes=67108864} runs the 10-million-object check of docs/benchmark.md the same
 * way, with the job's row groups.
 */
class SnapshotMemoryTest {

    private static final long WRITES = Long.getLong("entralake.snapshot-check.writes", 500_000L);
    private static final String HEAP = System.getProperty("entralake.snapshot-check.heap", "40m");
    /**
     * Parquet buffers a row group in memory, and the commit reads one while it writes one (the part files that hold a
     * repeat are rewritten): bounded, but in a 40 MiB heap it must be small. The job's default is 64 MiB.
     */
    private static final String ROW_GROUP_BYTES = System.getProperty("entralake.snapshot-check.row-group-bytes",
            String.valueOf(1L << 20));

    @TempDir
    java.nio.file.Path dir;

    @Test
    void halfAMillionIdsFitASmallHeapAndLandOnce() throws Exception {
        java.nio.file.Path log = dir.resolve("check.log");
        Process child = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                SnapshotMemoryCheck.class.getName(), dir.resolve("lake").toString(), String.valueOf(WRITES), ROW_GROUP_BYTES)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(20, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(child.exitValue()).as("-Xmx%s, %,d writes: %s", HEAP, WRITES, output).isZero();

        Matcher m = Pattern.compile("records=(\\d+) duplicates=(\\d+) files=(\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        long distinct = SnapshotMemoryCheck.distinctIn(WRITES);
        assertThat(Long.parseLong(m.group(1))).isEqualTo(distinct);
        assertThat(Long.parseLong(m.group(2))).isEqualTo(WRITES - distinct);
        System.out.println("snapshot check, -Xmx" + HEAP + ": " + output.lines()
                .filter(l -> l.startsWith("records=")).findFirst().orElse(output));

        String glob = dir.resolve("lake").toAbsolutePath() + "/**/*.parquet";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT id) FROM read_parquet('" + glob + "')")) {
            rs.next();
            assertThat(List.of(rs.getLong(1), rs.getLong(2))).as("rows, distinct ids").containsExactly(distinct, distinct);
        }
    }
}
