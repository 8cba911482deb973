package com.entralake.lake;

import static com.entralake.lake.TestRecords.SCHEMA;
import static com.entralake.lake.TestRecords.TENANT;
import static com.entralake.lake.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotWriterTest {

    private static final Instant T = Instant.parse("2026-11-27T02:00:00Z");

    @TempDir
    java.nio.file.Path dir;

    private LakeFileSystem lake;
    private Path partition;

    @BeforeEach
    void open() throws IOException {
        lake = LakeFileSystem.open(dir.toString());
        partition = new LakeLayout(lake.root()).snapshotPartition("users", TENANT, LocalDate.parse("2026-11-27"));
    }

    @AfterEach
    void close() throws IOException {
        lake.close();
    }

    @Test
    void rollsFilesAndDropsRepeatedIdsFirstWins() throws IOException {
        CommitResult result;
        try (SnapshotWriter writer = new SnapshotWriter(lake, partition, SCHEMA, ParquetSettings.defaults(), 3)) {
            for (int i = 0; i < 7; i++) {
                writer.write("u" + i, record("u" + i, T, i, "first"));
            }
            writer.write("u2", record("u2", T, 2, "repeat"));
            assertThat(lake.fs().exists(writer.stagingDir())).isTrue();
            assertThat(writer.stagingDir().getName()).startsWith(".snapshot_date=2026-11-27.staging-");
            assertThat(writer.stagingDir().toString()).as("staged outside the dataset's folder, where no glob over it reaches")
                    .startsWith(new Path(lake.root(), "_staging/users/tenant_id=" + TENANT) + "/")
                    .doesNotStartWith(new Path(lake.root(), "users") + "/");
            assertThat(lake.fs().exists(partition)).isFalse();
            result = writer.commit();
        }

        assertThat(result.records()).isEqualTo(7);
        assertThat(result.duplicatesDropped()).isEqualTo(1);
        assertThat(result.files()).isEqualTo(3);
        assertThat(names(partition)).containsExactly("part-00000.parquet", "part-00001.parquet", "part-00002.parquet");
        assertThat(result.bytes()).isEqualTo(totalBytes(partition));
        List<GenericRecord> rows = readAll(partition);
        assertThat(rows).hasSize(7).extracting(r -> r.get("id").toString()).doesNotHaveDuplicates();
        assertThat(rows).allMatch(r -> r.get("raw_json").toString().contains("first"));
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains(".staging-") || p.endsWith(".crc"));
    }

    /**
     * Paging may repeat an object right after itself, pages later, or many times: each id lands once, as its first
     * occurrence, whatever the ids look like (GUIDs, GUIDs in capitals — another string, so another id — or any text):
     * with the ids in memory, and with them spilled to runs of about 400 ids merged four at a time, in two levels
     * (SnapshotIdsTest covers the merge itself in more shapes).
     */
    @ParameterizedTest
    @CsvSource({"8388608, 32", "20000, 4"})
    void manyRepeatsAnywhereInTheListingLandOnceAsTheirFirstOccurrence(long idBufferBytes, int fanIn) throws IOException {
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String guid = new UUID(0x5f0a3b8e1c2d4e5fL + i * 0x9E3779B97F4A7C15L, 0x8a9b0c1d2e3f4a5bL ^ (i * 31L)).toString();
            pool.add(guid);
            if (i % 10 == 0) {
                pool.add(guid.toUpperCase(java.util.Locale.ROOT));
            }
            if (i % 7 == 0) {
                pool.add("object-" + i + (i % 2 == 0 ? "-ü" : ""));
            }
        }
        Random random = new Random(8);
        Map<String, String> firstVersion = new LinkedHashMap<>();
        CommitResult result;
        int writes = 12_000;
        try (SnapshotWriter writer = new SnapshotWriter(lake, partition, SCHEMA, ParquetSettings.defaults(), 997,
                idBufferBytes, fanIn)) {
            for (int i = 0; i < writes; i++) {
                String id = pool.get(random.nextInt(pool.size()));
                firstVersion.putIfAbsent(id, "w" + i);
                writer.write(id, record(id, T, 0, "w" + i));
            }
            result = writer.commit();
        }

        assertThat(result.records()).isEqualTo(firstVersion.size());
        assertThat(result.duplicatesDropped()).isEqualTo(writes - firstVersion.size());
        List<GenericRecord> rows = readAll(partition);
        assertThat(rows).extracting(r -> r.get("id").toString()).containsExactlyInAnyOrderElementsOf(firstVersion.keySet());
        assertThat(rows).allSatisfy(r -> assertThat(r.get("raw_json").toString())
                .endsWith("\"version\":\"" + firstVersion.get(r.get("id").toString()) + "\"}"));
        assertThat(result.files()).isEqualTo(names(partition).size());
        assertThat(result.bytes()).isEqualTo(totalBytes(partition));
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."));
    }

    @Test
    void rerunOnTheSameDayReplacesTheWholePartition() throws IOException {
        try (SnapshotWriter writer = new SnapshotWriter(lake, partition, SCHEMA, ParquetSettings.defaults(), 2)) {
            for (int i = 0; i < 5; i++) {
                writer.write("old" + i, record("old" + i, T, 0, "v1"));
            }
            writer.commit();
        }
        assertThat(names(partition)).hasSize(3);

        try (SnapshotWriter writer = new SnapshotWriter(lake, partition, SCHEMA, ParquetSettings.defaults(), 2)) {
            writer.write("new0", record("new0", T, 0, "v2"));
            writer.commit();
        }

        assertThat(names(partition)).containsExactly("part-00000.parquet");
        assertThat(readAll(partition)).extracting(r -> r.get("id").toString()).containsExactly("new0");
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/.")); // no staging or replaced leftovers
    }

    @Test
    void abortLeavesNoStagingAndKeepsThePreviousSnapshot() throws IOException {
        try (SnapshotWriter writer = new SnapshotWriter(lake, partition, SCHEMA, ParquetSettings.defaults(), 10)) {
            writer.write("kept", record("kept", T, 0, "v1"));
            writer.commit();
        }
        SnapshotWriter aborted = new SnapshotWriter(lake, partition, SCHEMA, ParquetSettings.defaults(), 10);
        aborted.write("lost", record("lost", T, 0, "v2"));
        aborted.abort();
        try (SnapshotWriter closed = new SnapshotWriter(lake, partition, SCHEMA, ParquetSettings.defaults(), 10)) {
            closed.write("lost", record("lost", T, 0, "v2"));
        }

        assertThat(readAll(partition)).extracting(r -> r.get("id").toString()).containsExactly("kept");
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains(".staging-"));
    }

    private List<String> names(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus s : lake.fs().listStatus(dir)) {
            names.add(s.getPath().getName());
        }
        names.sort(null);
        return names;
    }

    private long totalBytes(Path dir) throws IOException {
        long bytes = 0;
        for (FileStatus s : lake.fs().listStatus(dir)) {
            bytes += s.getLen();
        }
        return bytes;
    }

    private List<GenericRecord> readAll(Path dir) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        for (String name : names(dir)) {
            rows.addAll(TestRecords.read(new Path(dir, name), lake.conf()));
        }
        return rows;
    }
}
