package com.entralake.lake;

import static com.entralake.lake.TestRecords.SCHEMA;
import static com.entralake.lake.TestRecords.TENANT;
import static com.entralake.lake.TestRecords.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.UUID;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import com.entralake.run.MemoryUsage;

/**
 * Writes a snapshot of N synthetic directory objects (random GUIDs, one write in ten repeating an earlier object, as
 * paging may) through {@link SnapshotWriter}, in whatever heap the JVM was given, and prints what it committed. Run by
 * {@link SnapshotMemoryTest} in a small forked heap; by hand for the 10-million-object check in docs/benchmark.md.
 *
 * <p>Arguments: lake root, number of writes, Parquet row group bytes.
 */
public final class SnapshotMemoryCheck {

    static final Instant T = Instant.parse("2026-11-27T02:00:00Z");

    private SnapshotMemoryCheck() {
    }

    /** The id of the {@code n}-th distinct object: a random-looking, canonical (lower-case) GUID. */
    static String idOf(long n) {
        SplittableRandom bits = new SplittableRandom(n);
        return new UUID(bits.nextLong(), bits.nextLong()).toString();
    }

    /** How many distinct objects {@code writes} writes hold (every tenth write repeats one). */
    static long distinctIn(long writes) {
        return writes - writes / 10;
    }

    public static void main(String[] args) throws Exception {
        long writes = Long.parseLong(args[1]);
        ParquetSettings parquet = new ParquetSettings(CompressionCodecName.ZSTD, Long.parseLong(args[2]),
                ParquetSettings.DEFAULT_PAGE_SIZE);
        SplittableRandom random = new SplittableRandom(42);
        long started = System.nanoTime();
        CommitResult result;
        try (LakeFileSystem lake = LakeFileSystem.open(args[0]);
             SnapshotWriter writer = new SnapshotWriter(lake, new LakeLayout(lake.root()).snapshotPartition("users", TENANT,
                     LocalDate.parse("2026-11-27")), SCHEMA, parquet, 250_000)) {
            long distinct = 0;
            for (long i = 0; i < writes; i++) {
                // a repeat of any earlier object, near or far, as Graph's paging may serve it again
                String id = i % 10 == 9 ? idOf(random.nextLong(distinct)) : idOf(distinct++);
                writer.write(id, record(id, T, 0, "v" + i));
            }
            result = writer.commit();
        }
        System.out.printf("records=%d duplicates=%d files=%d seconds=%.1f maxHeapMiB=%d peakRssMiB=%d%n",
                result.records(), result.duplicatesDropped(), result.files(), (System.nanoTime() - started) / 1e9,
                Runtime.getRuntime().maxMemory() >> 20, MemoryUsage.peakRssBytes() >> 20);
    }
}
