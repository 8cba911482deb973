package com.entralake.lake;

import static com.entralake.lake.TestRecords.SCHEMA;
import static com.entralake.lake.TestRecords.TENANT;
import static com.entralake.lake.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.window.TimeWindow;

class EventWindowWriterTest {

    private static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2026-11-27T13:00:00Z"), Instant.parse("2026-11-27T14:00:00Z"));
    private static final Instant T = Instant.parse("2026-11-27T13:05:00.1234567Z");

    @TempDir
    java.nio.file.Path dir;

    private LakeFileSystem lake;
    private Path finalPath;

    @BeforeEach
    void open() throws IOException {
        lake = LakeFileSystem.open(dir.toString());
        finalPath = new LakeLayout(lake.root()).windowFile("signins", TENANT, WINDOW);
    }

    @AfterEach
    void close() throws IOException {
        lake.close();
    }

    @Test
    void temporaryIsHiddenWhileOpenAndReplacedByTheFinalFileOnCommit() throws IOException {
        CommitResult result;
        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults())) {
            writer.write("a", record("a", T, 0, "v1"));
            writer.write("b", record("b", T, 50126, "v1"));

            assertThat(lake.fs().exists(writer.tempPath())).isTrue();
            assertThat(writer.tempPath().getName()).startsWith(".").contains(".inprogress-").doesNotEndWith(".parquet");
            assertThat(writer.tempPath().getParent()).isEqualTo(finalPath.getParent());
            assertThat(lake.fs().exists(finalPath)).isFalse();

            result = writer.commit();
        }

        assertThat(result.records()).isEqualTo(2);
        assertThat(result.duplicatesDropped()).isZero();
        assertThat(result.bytes()).isEqualTo(lake.fs().getFileStatus(finalPath).getLen()).isPositive();
        assertThat(TestRecords.tree(dir)).containsExactly(
                "signins", "signins/tenant_id=" + TENANT, "signins/tenant_id=" + TENANT + "/event_date=2026-11-27",
                "signins/tenant_id=" + TENANT + "/event_date=2026-11-27/signins-20261127T130000Z-PT1H.parquet");
        List<GenericRecord> rows = TestRecords.read(finalPath, lake.conf());
        assertThat(rows).extracting(r -> r.get("id").toString()).containsExactly("a", "b");
        assertThat(rows.get(0).get("createdDateTime")).isEqualTo(T.getEpochSecond() * 1_000_000L + 123_456L);
    }

    @Test
    void rewritingAWindowReplacesItsSingleFile() throws IOException {
        writeWindow(Map.of("a", "v1", "b", "v1"));
        writeWindow(Map.of("a", "v2", "c", "v2"));

        try (var files = Files.list(dir.resolve("signins/tenant_id=" + TENANT + "/event_date=2026-11-27"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactly("signins-20261127T130000Z-PT1H.parquet");
        }
        assertThat(TestRecords.read(finalPath, lake.conf()))
                .extracting(r -> r.get("id") + "/" + r.get("tags").toString())
                .containsExactlyInAnyOrder("a/[a, v2]", "c/[a, v2]");
    }

    @Test
    void duplicateIdsKeepOnlyTheLastVersionWritten() throws IOException {
        CommitResult result;
        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults())) {
            writer.write("a", record("a", T, 1, "v1"));
            writer.write("b", record("b", T, 1, "v1"));
            writer.write("a", record("a", T, 2, "v2"));
            writer.write("c", record("c", T, 1, "v1"));
            writer.write("a", record("a", T, 3, "v3"));
            writer.write("b", record("b", T, 2, "v2"));
            result = writer.commit();
        }

        assertThat(result.records()).isEqualTo(3);
        assertThat(result.duplicatesDropped()).isEqualTo(3);
        Map<String, String> versions = TestRecords.read(finalPath, lake.conf()).stream()
                .collect(Collectors.toMap(r -> r.get("id").toString(), r -> r.get("raw_json").toString()));
        assertThat(versions).hasSize(3);
        assertThat(versions.get("a")).contains("v3");
        assertThat(versions.get("b")).contains("v2");
        assertThat(versions.get("c")).contains("v1");
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("inprogress"));
    }

    /**
     * Versions that are neighbours are replaced while they wait; one whose earlier version was already written
     * (more than {@link EventWindowWriter#LOOK_BEHIND} records apart, e.g. re-read in a later page) is filtered out
     * on commit. Either way exactly one copy of each id, the latest, is in the file.
     */
    @Test
    void aLaterVersionReplacesItsEarlierOneWhetherItStillWaitedOrWasAlreadyWritten() throws IOException {
        int between = EventWindowWriter.LOOK_BEHIND + 10;
        CommitResult result;
        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults())) {
            writer.write("near", record("near", T, 1, "v1"));
            writer.write("near", record("near", T, 2, "v2"));
            writer.write("far", record("far", T, 1, "v1"));
            for (int i = 0; i < between; i++) {
                writer.write("x" + i, record("x" + i, T, 0, "v1"));
            }
            writer.write("far", record("far", T, 2, "v2"));
            writer.write("near", record("near", T, 3, "v3"));
            result = writer.commit();
        }

        assertThat(result.records()).isEqualTo(between + 2);
        assertThat(result.duplicatesDropped()).isEqualTo(3);
        List<GenericRecord> rows = TestRecords.read(finalPath, lake.conf());
        assertThat(rows).hasSize(between + 2);
        Map<String, String> versions = rows.stream()
                .collect(Collectors.toMap(r -> r.get("id").toString(), r -> r.get("raw_json").toString()));
        assertThat(versions.get("near")).contains("v3");
        assertThat(versions.get("far")).contains("v2");
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("inprogress"));
    }

    /** Values that never repeat are written plain; a column that repeats keeps its dictionary. */
    @Test
    void uniqueColumnsAreWrittenWithoutADictionary() throws IOException {
        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA,
                ParquetSettings.defaults().withPlainColumns(List.of("createdDateTime")))) {
            for (int i = 0; i < 500; i++) {
                writer.write("id" + i, record("id" + i, T.plusSeconds(i), 0, "v" + i));
            }
            writer.commit();
        }
        Map<String, Boolean> dictionaryByColumn = new java.util.HashMap<>();
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(ParquetSettings.inputFile(finalPath, lake.conf()))) {
            for (var column : reader.getFooter().getBlocks().get(0).getColumns()) {
                dictionaryByColumn.put(column.getPath().toDotString(), column.hasDictionaryPage());
            }
        }
        assertThat(dictionaryByColumn).containsEntry("id", false).containsEntry("raw_json", false)
                .containsEntry("createdDateTime", false).containsEntry("status.errorCode", true);
    }

    @Test
    void abortAndCloseWithoutCommitLeaveNothing() throws IOException {
        EventWindowWriter aborted = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults());
        aborted.write("a", record("a", T, 0, "v1"));
        aborted.abort();
        try (EventWindowWriter closed = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults())) {
            closed.write("a", record("a", T, 0, "v1"));
        }

        assertThat(lake.fs().exists(finalPath)).isFalse();
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.endsWith(".parquet") || p.contains("inprogress"));
    }

    @Test
    void abortKeepsThePreviouslyCommittedFile() throws IOException {
        writeWindow(Map.of("a", "v1"));
        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults())) {
            writer.write("b", record("b", T, 0, "v2"));
        }
        assertThat(TestRecords.read(finalPath, lake.conf())).extracting(r -> r.get("id").toString()).containsExactly("a");
    }

    @Test
    void emptyWindowRemovesTheOldFileInsteadOfWritingAnEmptyOne() throws IOException {
        writeWindow(Map.of("a", "v1"));
        assertThat(lake.fs().exists(finalPath)).isTrue();

        CommitResult result;
        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults())) {
            result = writer.commit();
        }

        assertThat(result.records()).isZero();
        assertThat(result.files()).isZero();
        assertThat(lake.fs().exists(finalPath)).isFalse();
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.endsWith(".parquet") || p.contains("inprogress"));
    }

    @Test
    void snappyIsAllowedAndNoCrcFilesAreWritten() throws IOException {
        ParquetSettings snappy = ParquetSettings.defaults().withCompression(CompressionCodecName.SNAPPY);
        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA, snappy)) {
            writer.write("a", record("a", T, 0, "v1"));
            writer.write("a", record("a", T, 0, "v2")); // forces the dedup rewrite as well
            writer.commit();
        }
        PartitionManifest.writeEvents(lake, new LakeLayout(lake.root()), "signins", TENANT,
                WINDOW.end(), Duration.ofHours(2), WINDOW.end());

        assertThat(TestRecords.tree(dir)).isNotEmpty().noneMatch(p -> p.endsWith(".crc"));
    }

    /** Past Graph's shortest retention, a read with fewer records is a purge: the lake keeps what it has. */
    @Test
    void aWindowThatMayNotShrinkKeepsItsFileWhenAReadHasFewerRecords() throws IOException {
        writeWindow(Map.of("a", "v1", "b", "v1", "c", "v1"));
        CommitResult kept;
        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults())) {
            writer.write("a", record("a", T, 0, "v2"));
            writer.write("a", record("a", T, 0, "v3")); // two of three written, one a duplicate: fewer after all
            writer.write("b", record("b", T, 0, "v2"));
            kept = writer.commit(false);
        }
        assertThat(kept.records()).isEqualTo(3);
        assertThat(TestRecords.read(finalPath, lake.conf())).extracting(r -> r.get("id").toString() + r.get("raw_json"))
                .allMatch(v -> v.contains("v1"));
        try (var files = Files.list(dir.resolve("signins/tenant_id=" + TENANT + "/event_date=2026-11-27"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary left").noneMatch(n -> n.startsWith("."));
        }

        CommitResult emptyRead;
        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults())) {
            emptyRead = writer.commit(false);
        }
        assertThat(emptyRead.records()).isEqualTo(3);
        assertThat(lake.fs().exists(finalPath)).isTrue();

        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults())) {
            writer.write("a", record("a", T, 0, "v4"));
            writer.write("b", record("b", T, 0, "v4"));
            writer.write("c", record("c", T, 0, "v4"));
            assertThat(writer.commit(false).records()).as("as many: the new read replaces").isEqualTo(3);
        }
        assertThat(TestRecords.read(finalPath, lake.conf())).allMatch(r -> r.get("raw_json").toString().contains("v4"));
    }

    private void writeWindow(Map<String, String> versionById) throws IOException {
        try (EventWindowWriter writer = new EventWindowWriter(lake, finalPath, SCHEMA, ParquetSettings.defaults())) {
            for (var e : versionById.entrySet()) {
                writer.write(e.getKey(), record(e.getKey(), T, 0, e.getValue()));
            }
            writer.commit();
        }
    }
}
