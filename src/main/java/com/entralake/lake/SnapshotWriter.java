package com.entralake.lake;

import java.io.IOException;
import java.util.BitSet;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes one directory snapshot (all users, all groups, ...) as a whole partition, visible only on
 * {@link #commit()}.
 *
 * <p>Files roll every {@code maxRecordsPerFile} records into a hidden staging directory in the lake's staging area
 * ({@link LakeLayout#stagingArea}, outside the dataset's folder, so no reader's glob reaches a part file before the
 * commit); the commit swaps the staging directory in for the partition, so a rerun on the same day replaces that
 * day's snapshot as a whole and never mixes part files of two runs.
 *
 * <p>Paging can repeat an object; the first occurrence wins. Every record is written as it comes, and its id goes to
 * {@link SnapshotIds}, which finds the repeats at commit in bounded memory (an external sort of the ids, spilled to
 * the staging directory, instead of a set of every id, which for 10 million objects would not fit the job's heap).
 * The part files that hold a repeat — usually none — are then rewritten without it before the snapshot is swapped in,
 * so a file may end with fewer than {@code maxRecordsPerFile} rows.
 */
public final class SnapshotWriter implements AutoCloseable {

    private final LakeFileSystem lake;
    private final Path partitionDir;
    private final Schema schema;
    private final ParquetSettings settings;
    private final int maxRecordsPerFile;
    private final Path stagingDir;
    private final SnapshotIds ids;
    private ParquetWriter<GenericRecord> writer;
    private int files;
    private long recordsInFile;
    private boolean finished;

    public SnapshotWriter(LakeFileSystem lake, Path partitionDir, Schema schema, ParquetSettings settings,
                          int maxRecordsPerFile) throws IOException {
        this(lake, partitionDir, schema, settings, maxRecordsPerFile, SnapshotIds.DEFAULT_BUFFER_BYTES,
                SnapshotIds.DEFAULT_FAN_IN);
    }

    /** With the id buffer's size and merge fan-in chosen (tests make both small to exercise the spill and merges). */
    SnapshotWriter(LakeFileSystem lake, Path partitionDir, Schema schema, ParquetSettings settings, int maxRecordsPerFile,
                   long idBufferBytes, int idFanIn) throws IOException {
        if (maxRecordsPerFile < 1) {
            throw new IllegalArgumentException("maxRecordsPerFile must be positive: " + maxRecordsPerFile);
        }
        this.lake = lake;
        this.partitionDir = partitionDir;
        this.schema = schema;
        this.settings = settings;
        this.maxRecordsPerFile = maxRecordsPerFile;
        this.stagingDir = LakeLayout.stagingFolder(partitionDir, LakeLayout.STAGING);
        if (!lake.fs().mkdirs(stagingDir)) {
            throw new IOException("cannot create staging directory " + stagingDir);
        }
        // hidden inside the staging directory: gone with it on abort, and removed by CleanUp after a crash
        this.ids = new SnapshotIds(lake, new Path(stagingDir, ".ids"), idBufferBytes, idFanIn);
    }

    public Path stagingDir() {
        return stagingDir;
    }

    /**
     * Writes the record; if its id was already written in this snapshot, the commit drops it again (the first
     * occurrence wins), and counts it in {@link CommitResult#duplicatesDropped()}.
     */
    public void write(String id, GenericRecord record) throws IOException {
        if (finished) {
            throw new IllegalStateException("snapshot writer for " + partitionDir + " is already committed or aborted");
        }
        if (id == null) {
            throw new IllegalArgumentException("record without id for " + partitionDir);
        }
        if (writer == null || recordsInFile == maxRecordsPerFile) {
            roll();
        }
        writer.write(record);
        ids.add(id);
        recordsInFile++;
    }

    private void roll() throws IOException {
        if (writer != null) {
            writer.close();
        }
        writer = settings.openWriter(partFile(files), schema, lake.conf());
        files++;
        recordsInFile = 0;
    }

    /**
     * Replaces the partition with the staging directory ({@link PartitionSwap}): the day is briefly absent, never
     * half old and half new; a crash leaves hidden directories that {@link CleanUp} removes or puts back, and the
     * rerun writes the snapshot again.
     */
    public CommitResult commit() throws IOException {
        if (finished) {
            throw new IllegalStateException("snapshot writer for " + partitionDir + " is already committed or aborted");
        }
        finished = true;
        long duplicates;
        try {
            if (writer != null) {
                writer.close();
                writer = null;
            }
            duplicates = dropRepeats(ids.repeats());
            ids.deleteRuns();
            PartitionSwap.replace(lake, stagingDir, partitionDir);
        } catch (IOException | RuntimeException e) {
            deleteStagingQuietly();
            throw e;
        }
        long bytes = 0;
        for (FileStatus status : lake.fs().listStatus(partitionDir)) {
            bytes += status.getLen();
        }
        return new CommitResult(partitionDir, ids.count() - duplicates, duplicates, bytes, files);
    }

    /**
     * Rewrites each part file that holds a repeat without it (a file left with no rows goes), and returns how many
     * records were dropped. Part {@code f} holds the writes at positions {@code [f * max, (f + 1) * max)}.
     */
    private long dropRepeats(BitSet repeats) throws IOException {
        int parts = files;
        for (int f = 0; f < parts; f++) {
            long start = (long) f * maxRecordsPerFile;
            long end = Math.min(start + maxRecordsPerFile, ids.count());
            int next = repeats.nextSetBit((int) start);
            if (next >= 0 && next < end) {
                rewriteWithout(partFile(f), (int) start, (int) end, repeats);
            }
        }
        return repeats.cardinality();
    }

    private void rewriteWithout(Path part, int start, int end, BitSet repeats) throws IOException {
        int kept = end - start - repeats.get(start, end).cardinality();
        if (kept == 0) {
            lake.fs().delete(part, false);
            files--;
            return;
        }
        Path rewritten = LakeLayout.inProgressFile(part);
        try (ParquetReader<GenericRecord> reader = ParquetSettings.openReader(part, lake.conf());
             ParquetWriter<GenericRecord> out = settings.openWriter(rewritten, schema, lake.conf())) {
            int position = start;
            for (GenericRecord record = reader.read(); record != null; record = reader.read(), position++) {
                if (!repeats.get(position)) {
                    out.write(record);
                }
            }
            if (position != end) {
                throw new IOException("part file " + part + " has " + (position - start) + " records, wrote " + (end - start));
            }
        }
        lake.replace(rewritten, part);
    }

    private Path partFile(int index) {
        return new Path(stagingDir, String.format("part-%05d.parquet", index));
    }

    /** Discards the snapshot: the existing partition stays as it was, staging is deleted. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        ParquetSettings.closeQuietly(writer);
        writer = null;
        deleteStagingQuietly();
    }

    @Override
    public void close() {
        abort();
    }

    private void deleteStagingQuietly() {
        lake.deleteQuietly(stagingDir, true);
    }
}
