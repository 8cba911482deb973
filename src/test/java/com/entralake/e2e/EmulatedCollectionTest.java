package com.entralake.e2e;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.testing.CollectFixture;

/**
 * One emulator per test class, its clock and the job's both at {@link #NOW} before each test (tests that
 * move time move both explicitly). Each test uses its own tenant, so tests never see each other's data.
 */
abstract class EmulatedCollectionTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:07:00Z");
    /** The first run's range at {@link #NOW}: a two-day backfill up to the last boundary before now - lag. */
    static final Instant START = Instant.parse("2026-11-18T10:00:00Z");
    static final Instant END = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    static Path dir;
    static CollectFixture fixture;

    @BeforeAll
    static void startEmulator() {
        fixture = CollectFixture.start(dir);
    }

    @AfterAll
    static void stopEmulator() {
        fixture.close();
    }

    @BeforeEach
    void clocksAtNow() {
        fixture.emulator.clock().set(NOW);
    }

    /** A tenant of its own, with its own lake and H2 job repository, so one case never sees another's state. */
    record Case(com.entralake.testing.CollectFixture.TestTenant tenant, Path lake, Path config) {
    }

    static Case newCase(String name, double signInsPerHour, double auditsPerHour, java.util.Map<String, String> overrides) {
        var tenant = fixture.tenant(name, com.entralake.emulator.License.PREMIUM, signInsPerHour, auditsPerHour);
        Path lake = dir.resolve("lake-" + name);
        java.util.Map<String, String> p = new java.util.HashMap<>(overrides);
        p.putIfAbsent("entralake.lake-root", lake.toString());
        p.putIfAbsent("spring.datasource.url",
                "jdbc:h2:file:" + dir.resolve("jobrepo-" + name) + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        return new Case(tenant, lake, fixture.config(name + ".properties", java.util.List.of(tenant), p));
    }

    private static final java.util.regex.Pattern COMPACTED = java.util.regex.Pattern.compile(
            "compacted [0-9,]+ final day\\(s\\): ([0-9,]+) window files into ([0-9,]+)");

    /**
     * The Parquet files a run leaves in the lake, from its summary: the window files it wrote, less those its
     * compaction of final days replaced, plus the compacted files that replaced them.
     */
    static long filesLeftBy(String summary, long filesWritten) {
        long left = filesWritten;
        // the summary's own note, not the log line that said the same during the run
        java.util.regex.Matcher m = COMPACTED.matcher(summary.substring(Math.max(0, summary.indexOf("Entra Lake run summary"))));
        while (m.find()) {
            left += Long.parseLong(m.group(2).replace(",", "")) - Long.parseLong(m.group(1).replace(",", ""));
        }
        return left;
    }

    /** The names of the sign-in data files of one UTC day ({@code yyyy-MM-dd}) of the lake's one tenant. */
    static java.util.List<String> dataFiles(Path lake, String day) throws java.io.IOException {
        Path tenants = lake.resolve("signins");
        String tenant;
        try (java.util.stream.Stream<Path> dirs = java.nio.file.Files.list(tenants)) {
            tenant = dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tenant_id=")).findFirst()
                    .orElseThrow();
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(tenants.resolve(tenant).resolve("event_date=" + day))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /**
     * The row groups in {@code day}'s sign-in files. A day is written whole, or compacted, with row groups as large as
     * the heap allows (HeapPlan): in the tests' heap, one per file.
     */
    static long rowGroups(Path lake, String day) throws Exception {
        try (com.entralake.testing.LakeQueries queries = new com.entralake.testing.LakeQueries(lake)) {
            return Long.parseLong(queries.strings("SELECT count(DISTINCT (file_name, row_group_id)) FROM parquet_metadata('"
                    + lake.resolve("signins") + "/*/event_date=" + day + "/*.parquet')").get(0));
        }
    }

    /**
     * Every expected id exactly once, nothing else: as many rows as ids, and the same ids. In hashed sets, because
     * AssertJ's in-any-order list comparison is quadratic (tens of seconds at tens of thousands of ids).
     */
    static void assertEachIdOnce(java.util.List<String> rows, java.util.Set<String> expected) {
        org.assertj.core.api.Assertions.assertThat(rows).as("rows, one per expected id").hasSameSizeAs(expected);
        org.assertj.core.api.Assertions.assertThat(new java.util.HashSet<>(rows)).as("ids").isEqualTo(expected);
    }
}
