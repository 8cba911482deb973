package com.entralake.lake;

import static com.entralake.lake.TestRecords.SCHEMA;
import static com.entralake.lake.TestRecords.TENANT;
import static com.entralake.lake.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.testing.LakeQueries;
import com.entralake.window.TimeWindow;

class PartitionCompactorTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-27");
    static final long MIB = 1024 * 1024;

    @TempDir
    java.nio.file.Path dir;

    private LakeFileSystem lake;
    private LakeLayout layout;
    private Path partition;

    @BeforeEach
    void open() throws IOException {
        lake = LakeFileSystem.open(dir.toString());
        layout = new LakeLayout(lake.root());
        partition = layout.eventPartition("signins", TENANT, DAY);
    }

    @AfterEach
    void close() throws IOException {
        lake.close();
    }

    @Test
    void aDaysWindowFilesBecomeOneFileWithExactlyTheirRecordsAndCompactingAgainChangesNothing() throws Exception {
        List<String> ids = writeDay(lake, layout, 24, 30);
        assertThat(dataFiles()).hasSize(24);

        PartitionCompactor.Compaction done = compactor(128 * MIB).compact(partition).orElseThrow();

        assertThat(done.filesBefore()).isEqualTo(24);
        assertThat(done.filesAfter()).isEqualTo(1);
        assertThat(done.records()).isEqualTo(24 * 30);
        assertThat(dataFiles()).containsExactly("signins-20261127T000000Z-P1D-part-00000.parquet");
        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(compactor(128 * MIB).isCompacted(partition)).isTrue();
        assertThat(compactor(128 * MIB).compact(partition)).isEmpty();
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."));
    }

    @Test
    void aDayLargerThanTheTargetIsSplitIntoFilesOfAboutThatSizeNamedByDayAndNumber() throws Exception {
        List<String> ids = writeDay(lake, layout, 24, 40, 20_000); // ~20 kB of incompressible JSON per record

        PartitionCompactor.Compaction done = compactor(MIB).compact(partition).orElseThrow();

        assertThat(done.filesAfter()).isGreaterThan(3);
        List<String> expectedNames = new ArrayList<>();
        for (int part = 0; part < done.filesAfter(); part++) {
            expectedNames.add(String.format("signins-20261127T000000Z-P1D-part-%05d.parquet", part));
        }
        assertThat(dataFiles()).containsExactlyElementsOf(expectedNames);
        for (var file : lake.fs().listStatus(partition)) {
            assertThat(file.getLen()).as(file.getPath().getName()).isLessThan(3 * MIB);
        }
        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    /**
     * A window read again into a compacted day (a lookback made longer, a clock that ran ahead): its earlier records
     * are replaced inside the compacted files, a late one lands once, one Graph no longer returns goes, and the
     * other hours stay as they were. The day stays compacted.
     */
    @Test
    void aWindowWrittenAgainIntoACompactedDayReplacesItsRecordsThereExactlyOnce() throws Exception {
        List<String> ids = writeDay(lake, layout, 24, 5);
        compactor(128 * MIB).compact(partition).orElseThrow();
        TimeWindow hour13 = hour(13);

        CommitResult result;
        try (EventWindowWriter writer = windowWriter(hour13)) {
            writer.write("h13-r0", record("h13-r0", hour13.start().plusSeconds(1), 7, "v2"));
            writer.write("h13-r1", record("h13-r1", hour13.start().plusSeconds(2), 7, "v2"));
            writer.write("late", record("late", hour13.start().plusSeconds(3), 7, "v1"));
            result = writer.commit();
        }

        assertThat(result.records()).isEqualTo(3);
        assertThat(result.replacedRecords()).isEqualTo(5);
        List<String> expected = new ArrayList<>(ids.stream().filter(id -> !id.startsWith("h13-")).toList());
        expected.addAll(List.of("h13-r0", "h13-r1", "late"));
        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins")).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(dataFiles()).containsExactly("signins-20261127T000000Z-P1D-part-00000.parquet");
        Map<String, String> versions = versionsById();
        assertThat(versions.get("h13-r0")).contains("v2");
        assertThat(versions.get("h12-r0")).contains("v1");
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."));
    }

    @Test
    void anOldWindowThatMayNotShrinkKeepsItsRecordsInACompactedDay() throws Exception {
        List<String> ids = writeDay(lake, layout, 24, 5);
        compactor(128 * MIB).compact(partition).orElseThrow();

        CommitResult result;
        try (EventWindowWriter writer = windowWriter(hour(3))) {
            writer.write("h3-r0", record("h3-r0", hour(3).start().plusSeconds(1), 7, "v2"));
            result = writer.commit(false);
        }

        assertThat(result.records()).isEqualTo(5);
        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(versionsById().get("h3-r0")).contains("v1");
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."));
    }

    @Test
    void aWindowFoundEmptyRemovesItsRecordsFromACompactedDay() throws Exception {
        List<String> ids = writeDay(lake, layout, 24, 5);
        compactor(128 * MIB).compact(partition).orElseThrow();

        EventWindowWriter.clear(lake, layout.windowFile("signins", TENANT, hour(20)), compactedDay(hour(20)));

        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins"))
                    .containsExactlyInAnyOrderElementsOf(ids.stream().filter(id -> !id.startsWith("h20-")).toList());
        }
    }

    /** A writer that cannot replace records inside a compacted day refuses it rather than add a second copy. */
    @Test
    void aWindowWriterWithoutTheDaysTimeColumnRefusesACompactedDay() throws Exception {
        writeDay(lake, layout, 24, 5);
        compactor(128 * MIB).compact(partition).orElseThrow();

        try (EventWindowWriter writer = new EventWindowWriter(lake, layout.windowFile("signins", TENANT, hour(13)),
                SCHEMA, ParquetSettings.defaults())) {
            writer.write("x", record("x", hour(13).start(), 0, "v1"));
            assertThatThrownBy(writer::commit).isInstanceOf(IOException.class).hasMessageContaining("is compacted");
        }
        assertThat(dataFiles()).containsExactly("signins-20261127T000000Z-P1D-part-00000.parquet");
    }

    /** A day read whole from Graph is written once, as the day's compacted file: no window files, no compaction. */
    @Test
    void aWholeDayIsWrittenStraightIntoItsCompactedFile() throws Exception {
        List<String> ids = new ArrayList<>();
        CommitResult result;
        try (EventWindowWriter writer = wholeDayWriter(compactor(128 * MIB))) {
            ids.addAll(writeWholeDay(writer, 24, 10, "v1"));
            result = writer.commit();
        }

        assertThat(result.records()).isEqualTo(240);
        assertThat(result.files()).isEqualTo(1);
        assertThat(result.replacedRecords()).isZero();
        assertThat(dataFiles()).containsExactly("signins-20261127T000000Z-P1D-part-00000.parquet");
        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(compactor(128 * MIB).isCompacted(partition)).isTrue();
        assertThat(compactor(128 * MIB).compact(partition)).as("nothing left to compact").isEmpty();
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."));
    }

    /**
     * Read whole again — over window files an interrupted read left, or over the day compacted before — the day is
     * replaced, never added to: each record once, at its latest version, a late one included.
     */
    @Test
    void aWholeDayReadAgainReplacesTheDayWhateverItHeld() throws Exception {
        writeDay(lake, layout, 24, 10);
        for (int round = 0; round < 2; round++) { // over the window files, then over the compacted day
            List<String> ids;
            CommitResult result;
            try (EventWindowWriter writer = wholeDayWriter(compactor(128 * MIB))) {
                ids = new ArrayList<>(writeWholeDay(writer, 24, 10, "v2"));
                writer.write("late", record("late", hour(5).start().plusSeconds(59), 0, "v1"));
                ids.add("late");
                result = writer.commit();
            }
            assertThat(result.replacedRecords()).as("round %d", round).isEqualTo(round == 0 ? 240 : 241);
            assertThat(result.records()).isEqualTo(241);
            assertThat(dataFiles()).containsExactly("signins-20261127T000000Z-P1D-part-00000.parquet");
            try (LakeQueries queries = new LakeQueries(dir)) {
                assertThat(queries.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
            }
            assertThat(versionsById().get("h7-r3")).contains("v2");
        }
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."));
    }

    /** Versions of a record far apart in the day (beyond the writer's look-behind): only the last is kept. */
    @Test
    void aWholeDayKeepsOnlyTheLatestVersionOfARecordPublishedTwice() throws Exception {
        CommitResult result;
        try (EventWindowWriter writer = wholeDayWriter(compactor(128 * MIB))) {
            writer.write("twice", record("twice", hour(20).start(), 0, "v1"));
            writeWholeDay(writer, 24, 5, "v1");
            writer.write("twice", record("twice", hour(20).start(), 0, "v2"));
            result = writer.commit();
        }

        assertThat(result.records()).isEqualTo(121);
        assertThat(result.duplicatesDropped()).isEqualTo(1);
        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins")).hasSize(121).doesNotHaveDuplicates();
        }
        assertThat(versionsById().get("twice")).contains("v2");
        assertThat(dataFiles()).containsExactly("signins-20261127T000000Z-P1D-part-00000.parquet");
    }

    @Test
    void aWholeDayLargerThanTheTargetIsSplitIntoNumberedParts() throws Exception {
        java.util.Random random = new java.util.Random(7);
        List<String> ids = new ArrayList<>();
        try (EventWindowWriter writer = wholeDayWriter(compactor(MIB))) {
            for (int n = 0; n < 400; n++) {
                byte[] noise = new byte[20_000];
                random.nextBytes(noise);
                GenericRecord r = record("r" + n, hour(n % 24).start().plusSeconds(n), 0, "v1");
                r.put("raw_json", "{\"pad\":\"" + java.util.HexFormat.of().formatHex(noise) + "\"}");
                writer.write("r" + n, r);
                ids.add("r" + n);
            }
            assertThat(writer.commit().files()).isGreaterThan(3);
        }

        assertThat(dataFiles()).allMatch(name -> name.matches("signins-20261127T000000Z-P1D-part-\\d{5}\\.parquet"))
                .contains("signins-20261127T000000Z-P1D-part-00000.parquet", "signins-20261127T000000Z-P1D-part-00003.parquet");
        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."));
    }

    @Test
    void anOldWholeDayThatMayNotShrinkKeepsTheRecordsItHad() throws Exception {
        List<String> ids = writeDay(lake, layout, 24, 5);

        CommitResult result;
        try (EventWindowWriter writer = wholeDayWriter(compactor(128 * MIB))) {
            writeWholeDay(writer, 12, 5, "v2"); // Graph has purged half of it
            result = writer.commit(false);
        }

        assertThat(result.records()).isEqualTo(120);
        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(versionsById().get("h3-r0")).contains("v1");
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."));
    }

    @Test
    void anAbortedWholeDayLeavesNothingBehind() throws Exception {
        List<String> ids = writeDay(lake, layout, 24, 5);
        try (EventWindowWriter writer = wholeDayWriter(compactor(128 * MIB))) {
            writeWholeDay(writer, 24, 5, "v2");
        } // closed without commit

        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."));
        assertThat(versionsById().get("h3-r0")).contains("v1");
    }

    // ---- helpers, shared with CompactionCrashTest ----------------------------------------------------------------

    static TimeWindow hour(int h) {
        Instant start = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * h);
        return new TimeWindow(start, start.plusSeconds(3600));
    }

    static PartitionCompactor compactor(LakeFileSystem lake, long targetBytes) {
        return new PartitionCompactor(lake, "signins", SCHEMA, ParquetSettings.defaults(), targetBytes);
    }

    static EventWindowWriter.CompactedDay compactedDay(LakeFileSystem lake, TimeWindow window) {
        long start = window.start().getEpochSecond() * 1_000_000L;
        long end = window.end().getEpochSecond() * 1_000_000L;
        return new EventWindowWriter.CompactedDay(compactor(lake, 128 * MIB),
                r -> r.get("createdDateTime") instanceof Long t && t >= start && t < end);
    }

    /** {@code hours} window files of {@code perHour} records each, ids {@code h<hour>-r<n>}, all version v1. */
    static List<String> writeDay(LakeFileSystem lake, LakeLayout layout, int hours, int perHour) throws IOException {
        return writeDay(lake, layout, hours, perHour, 0);
    }

    static List<String> writeDay(LakeFileSystem lake, LakeLayout layout, int hours, int perHour, int padding)
            throws IOException {
        java.util.Random random = new java.util.Random(hours * 31L + perHour);
        List<String> ids = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            TimeWindow window = hour(h);
            try (EventWindowWriter writer = new EventWindowWriter(lake, layout.windowFile("signins", TENANT, window),
                    SCHEMA, ParquetSettings.defaults())) {
                for (int n = 0; n < perHour; n++) {
                    String id = "h" + h + "-r" + n;
                    GenericRecord r = record(id, window.start().plusSeconds(n), 0, "v1");
                    if (padding > 0) {
                        byte[] noise = new byte[padding];
                        random.nextBytes(noise);
                        r.put("raw_json", "{\"id\":\"" + id + "\",\"version\":\"v1\",\"pad\":\""
                                + java.util.HexFormat.of().formatHex(noise) + "\"}");
                    }
                    writer.write(id, r);
                    ids.add(id);
                }
                writer.commit();
            }
        }
        return ids;
    }

    private PartitionCompactor compactor(long targetBytes) {
        return compactor(lake, targetBytes);
    }

    private EventWindowWriter.CompactedDay compactedDay(TimeWindow window) {
        return compactedDay(lake, window);
    }

    private EventWindowWriter windowWriter(TimeWindow window) throws IOException {
        return new EventWindowWriter(lake, layout.windowFile("signins", TENANT, window), SCHEMA,
                ParquetSettings.defaults(), compactedDay(window));
    }

    private EventWindowWriter wholeDayWriter(PartitionCompactor compactor) throws IOException {
        return wholeDayWriter(lake, layout, compactor);
    }

    static EventWindowWriter wholeDayWriter(LakeFileSystem lake, LakeLayout layout, PartitionCompactor compactor)
            throws IOException {
        return EventWindowWriter.wholeDay(lake, layout.eventPartition("signins", TENANT, DAY), SCHEMA,
                ParquetSettings.defaults(), compactor);
    }

    /** Graph's order: the day's records newest hour first, ids {@code h<hour>-r<n>} as {@link #writeDay} names them. */
    static List<String> writeWholeDay(EventWindowWriter writer, int hours, int perHour, String version) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int h = hours - 1; h >= 0; h--) {
            for (int n = perHour - 1; n >= 0; n--) {
                String id = "h" + h + "-r" + n;
                writer.write(id, record(id, hour(h).start().plusSeconds(n), 0, version));
                ids.add(id);
            }
        }
        return ids;
    }

    private List<String> dataFiles() throws IOException {
        List<String> names = new ArrayList<>();
        for (var status : lake.fs().listStatus(partition)) {
            if (!LakeLayout.isHidden(status.getPath())) {
                names.add(status.getPath().getName());
            }
        }
        names.sort(null);
        return names;
    }

    private Map<String, String> versionsById() throws IOException {
        Map<String, String> versions = new TreeMap<>();
        for (var status : lake.fs().listStatus(partition)) {
            if (!LakeLayout.isHidden(status.getPath())) {
                TestRecords.read(status.getPath(), lake.conf()).forEach(r -> versions.put(r.get("id").toString(),
                        r.get("raw_json").toString()));
            }
        }
        return versions;
    }
}
