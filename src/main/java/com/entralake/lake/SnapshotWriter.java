package com.entralake.lake;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes one directory snapshot (all users, all groups, ...) as a whole partition, visible only on
 * {@link #commit()}.
 *
 * <p>Files roll every {@code maxRecordsPerFile} records into a hidden staging directory beside the
 * partition; the commit swaps the staging directory in for the partition, so a rerun on the same day
 * replaces that day's snapshot as a whole and never mixes part files of two runs. Paging can repeat an
 * object; the first occurrence wins and only the set of ids is kept.
 */
public final class SnapshotWriter implements AutoCloseable {

    private final LakeFileSystem lake;
    private final Path partitionDir;
    private final Schema schema;
    private final ParquetSettings settings;
    private final int maxRecordsPerFile;
    private final Path stagingDir;
    private final Set<String> ids = new HashSet<>();
    private ParquetWriter<GenericRecord> writer;
    private int files;
    private long recordsInFile;
    private long records;
    private long duplicates;
    private boolean finished;

    public SnapshotWriter(LakeFileSystem lake, Path partitionDir, Schema schema, ParquetSettings settings,
                          int maxRecordsPerFile) throws IOException {
        if (maxRecordsPerFile < 1) {
            throw new IllegalArgumentException("maxRecordsPerFile must be positive: " + maxRecordsPerFile);
        }
        this.lake = lake;
        this.partitionDir = partitionDir;
        this.schema = schema;
        this.settings = settings;
        this.maxRecordsPerFile = maxRecordsPerFile;
        this.stagingDir = new Path(partitionDir.getParent(),
                "." + partitionDir.getName() + LakeLayout.STAGING + UUID.randomUUID());
        if (!lake.fs().mkdirs(stagingDir)) {
            throw new IOException("cannot create staging directory " + stagingDir);
        }
    }

    public Path stagingDir() {
        return stagingDir;
    }

    /** Writes the record unless its id was already written in this snapshot; returns whether it was written. */
    public boolean write(String id, GenericRecord record) throws IOException {
        if (finished) {
            throw new IllegalStateException("snapshot writer for " + partitionDir + " is already committed or aborted");
        }
        if (!ids.add(id)) {
            duplicates++;
            return false;
        }
        if (writer == null || recordsInFile == maxRecordsPerFile) {
            roll();
        }
        writer.write(record);
        recordsInFile++;
        records++;
        return true;
    }

    private void roll() throws IOException {
        if (writer != null) {
            writer.close();
        }
        writer = settings.openWriter(new Path(stagingDir, String.format("part-%05d.parquet", files)), schema, lake.conf());
        files++;
        recordsInFile = 0;
    }

    /**
     * Replaces the partition with the staging directory: the old partition is renamed aside (hidden), the
     * staging directory takes its name, then the old one is deleted. Between the two renames the day is
     * briefly absent, never half old and half new; a crash there leaves hidden directories that
     * {@link CleanUp} removes, and the rerun writes the snapshot again.
     */
    public CommitResult commit() throws IOException {
        if (finished) {
            throw new IllegalStateException("snapshot writer for " + partitionDir + " is already committed or aborted");
        }
        finished = true;
        Path replaced = null;
        try {
            if (writer != null) {
                writer.close();
                writer = null;
            }
            if (lake.fs().exists(partitionDir)) {
                replaced = new Path(partitionDir.getParent(),
                        "." + partitionDir.getName() + LakeLayout.REPLACED + UUID.randomUUID());
                lake.rename(partitionDir, replaced);
            }
            lake.rename(stagingDir, partitionDir);
        } catch (IOException | RuntimeException e) {
            // the previous snapshot is the only copy of that day: put it back before giving up
            if (replaced != null && !lake.fs().exists(partitionDir)) {
                lake.rename(replaced, partitionDir);
            }
            deleteStagingQuietly();
            throw e;
        }
        if (replaced != null) {
            lake.fs().delete(replaced, true);
        }
        long bytes = 0;
        for (FileStatus status : lake.fs().listStatus(partitionDir)) {
            bytes += status.getLen();
        }
        return new CommitResult(partitionDir, records, duplicates, bytes, files);
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
