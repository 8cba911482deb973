package com.entralake.lake;

import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes one time window to its one final file, visible only on {@link #commit()}.
 *
 * <p>Records stream straight into a hidden temporary file beside the final one, so memory holds one
 * Parquet row group, not the window. Deduplication by id keeps only a map of id to its last position
 * (bounded by the ids of one window): Graph returns a re-published record again, and the later copy in
 * response order is the latest version, so on commit the earlier copies are filtered out by rereading
 * the temporary file once. The final name derives from the window, and the commit renames over it, so
 * rewriting a window replaces it and can never duplicate it. A {@linkplain #wholeDay whole day} is written the same
 * way into its day's compacted file, which replaces the day's partition on commit.
 */
public final class EventWindowWriter implements AutoCloseable {

    /** Records held back before they are written (about 100 kB): versions of one record arrive as neighbours. */
    static final int LOOK_BEHIND = 16;

    /**
     * How to commit the window into its day once that day is compacted: the compactor of the dataset, and which of
     * the day's records belong to this window (those the new read replaces).
     */
    public record CompactedDay(PartitionCompactor compactor, Predicate<GenericRecord> inWindow) {
    }

    private final LakeFileSystem lake;
    private final Path finalPath;
    private final Schema schema;
    private final ParquetSettings settings;
    private final Path tempPath;
    private final CompactedDay compactedDay;
    /** Set for a whole day's writer: the compactor its day is committed through. */
    private final PartitionCompactor wholeDay;
    /** Records not yet written, by id, oldest first: where a re-published version replaces its predecessor. */
    private final LinkedHashMap<String, GenericRecord> waiting = new LinkedHashMap<>();
    private final Map<String, Integer> lastIndexById = new HashMap<>();
    /** Positions in the file overwritten by a later record with the same id: 1 bit per record, not a record copy. */
    private final BitSet superseded = new BitSet();
    private ParquetWriter<GenericRecord> writer;
    /** Records in the temporary file. */
    private int written;
    /** Earlier versions replaced while they waited: never written. */
    private int replacedWhileWaiting;
    private boolean finished;

    /** A writer for a day that is never compacted (its commit refuses a compacted day rather than duplicate it). */
    public EventWindowWriter(LakeFileSystem lake, Path finalPath, Schema schema, ParquetSettings settings) throws IOException {
        this(lake, finalPath, schema, settings, null);
    }

    public EventWindowWriter(LakeFileSystem lake, Path finalPath, Schema schema, ParquetSettings settings,
            CompactedDay compactedDay) throws IOException {
        this(lake, finalPath, LakeLayout.inProgressFile(finalPath), schema, settings, compactedDay, null);
    }

    private EventWindowWriter(LakeFileSystem lake, Path finalPath, Path tempPath, Schema schema, ParquetSettings settings,
            CompactedDay compactedDay, PartitionCompactor wholeDay) throws IOException {
        this.lake = lake;
        this.compactedDay = compactedDay;
        this.wholeDay = wholeDay;
        this.finalPath = finalPath;
        this.schema = schema;
        this.settings = settings;
        this.tempPath = tempPath;
        this.writer = settings.openWriter(tempPath, schema, lake.conf());
    }

    /**
     * A writer for a whole day that Graph is read for in one query: its records go straight into the day's compacted
     * file, which replaces the day's partition on commit ({@link PartitionCompactor#replaceDay}) — one file written
     * where 24 window files and their compaction would be.
     */
    public static EventWindowWriter wholeDay(LakeFileSystem lake, Path partitionDir, Schema schema,
            ParquetSettings settings, PartitionCompactor compactor) throws IOException {
        Path staged = compactor.stagedDayFile(partitionDir);
        try {
            return new EventWindowWriter(lake, new Path(partitionDir, staged.getName()), staged, schema, settings, null,
                    compactor);
        } catch (IOException | RuntimeException e) {
            lake.deleteQuietly(staged.getParent(), true);
            throw e;
        }
    }

    /** Whether this writes a whole day ({@link #wholeDay}) rather than one window. */
    public boolean isWholeDay() {
        return wholeDay != null;
    }

    /** Records written so far, versions of one record counted each. */
    public int records() {
        return written + waiting.size();
    }

    public Path tempPath() {
        return tempPath;
    }

    public Path finalPath() {
        return finalPath;
    }

    public void write(String id, GenericRecord record) throws IOException {
        if (finished) {
            throw new IllegalStateException("window writer for " + finalPath + " is already committed or aborted");
        }
        if (id == null) {
            throw new IllegalArgumentException("record without id for " + finalPath);
        }
        if (waiting.remove(id) != null) {
            replacedWhileWaiting++;
        }
        waiting.put(id, record);
        if (waiting.size() > LOOK_BEHIND) {
            writeOldestWaiting();
        }
    }

    private void writeOldestWaiting() throws IOException {
        Iterator<Map.Entry<String, GenericRecord>> oldest = waiting.entrySet().iterator();
        Map.Entry<String, GenericRecord> entry = oldest.next();
        oldest.remove();
        writer.write(entry.getValue());
        Integer previous = lastIndexById.put(entry.getKey(), written);
        if (previous != null) {
            superseded.set(previous);
        }
        written++;
    }

    /**
     * Makes the window visible: closes the Parquet file, drops superseded versions, renames over the final
     * file. A window without records removes its final file instead, so an empty rewrite leaves no file.
     */
    public CommitResult commit() throws IOException {
        return commit(true);
    }

    /**
     * As {@link #commit()}, but with {@code mayShrink} false a read with fewer records than the window's file
     * already has leaves that file as it is: for a window older than Graph keeps for every licence, fewer
     * records mean some were purged, not that they never were, and the lake must not lose them.
     */
    public CommitResult commit(boolean mayShrink) throws IOException {
        if (finished) {
            throw new IllegalStateException("window writer for " + finalPath + " is already committed or aborted");
        }
        finished = true;
        try {
            while (!waiting.isEmpty()) {
                writeOldestWaiting();
            }
            writer.close();
            writer = null;
            long duplicatesInFile = superseded.cardinality();
            long duplicates = duplicatesInFile + replacedWhileWaiting;
            if (wholeDay != null) {
                return wholeDay.replaceDay(finalPath.getParent(), tempPath, written, superseded, duplicates, mayShrink);
            }
            if (isCompacted(lake, finalPath, compactedDay)) {
                CommitResult merged = compactedDay.compactor().replaceWindow(finalPath.getParent(), finalPath,
                        compactedDay.inWindow(), written == 0 ? null : tempPath, superseded, duplicates, mayShrink);
                deleteQuietly(tempPath); // moved aside with the old day when the day was replaced; else still here
                return merged;
            }
            long replaced = recordsIn(lake, finalPath);
            long records = written - duplicatesInFile;
            if (!mayShrink && records < replaced) {
                lake.fs().delete(tempPath, false);
                return CommitResult.window(finalPath, replaced, 0, lake.fs().getFileStatus(finalPath).getLen(), replaced);
            }
            if (written == 0) {
                lake.fs().delete(tempPath, false);
                deleteIfPresent(lake, finalPath);
                return CommitResult.window(finalPath, 0, 0, 0, replaced);
            }
            Path toPublish = duplicatesInFile == 0 ? tempPath : keepLatestVersions();
            try {
                lake.replace(toPublish, finalPath);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(toPublish);
                throw e;
            }
            long bytes = lake.fs().getFileStatus(finalPath).getLen();
            return CommitResult.window(finalPath, records, duplicates, bytes, replaced);
        } catch (IOException | RuntimeException e) {
            deleteTemporary();
            throw e;
        }
    }

    private Path keepLatestVersions() throws IOException {
        Path deduplicated = LakeLayout.inProgressFile(finalPath);
        try (ParquetReader<GenericRecord> reader = ParquetSettings.openReader(tempPath, lake.conf());
             ParquetWriter<GenericRecord> out = settings.openWriter(deduplicated, schema, lake.conf())) {
            int index = 0;
            for (GenericRecord record = reader.read(); record != null; record = reader.read(), index++) {
                if (!superseded.get(index)) {
                    out.write(record);
                }
            }
            if (index != written) {
                throw new IOException("temporary file " + tempPath + " has " + index + " records, wrote " + written);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(deduplicated);
            throw e;
        }
        lake.fs().delete(tempPath, false);
        return deduplicated;
    }

    /** Rows of a committed window file, from its footer; 0 when there is no such file. */
    static long recordsIn(LakeFileSystem lake, Path file) throws IOException {
        if (!lake.fs().exists(file)) {
            return 0;
        }
        return ParquetSettings.recordCount(file, lake.conf());
    }

    /** Discards the window: nothing becomes visible, the temporary file is deleted. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        waiting.clear();
        ParquetSettings.closeQuietly(writer);
        writer = null;
        deleteTemporary();
    }

    /** The temporary file, and for a whole day the staging folder it was written in. */
    private void deleteTemporary() {
        if (wholeDay != null) {
            lake.deleteQuietly(tempPath.getParent(), true);
        } else {
            deleteQuietly(tempPath);
        }
    }

    /** Without a commit, closing aborts: an exception in the middle of a window publishes nothing. */
    @Override
    public void close() {
        abort();
    }

    /** Removes a window file that the current collection found empty (a rewrite replaces, an empty window leaves no file). */
    public static boolean deleteIfPresent(LakeFileSystem lake, Path file) throws IOException {
        return lake.fs().exists(file) && lake.fs().delete(file, false);
    }

    /**
     * Removes what the lake holds of a window that the current collection found empty: its file, or in a compacted
     * day its records.
     */
    public static void clear(LakeFileSystem lake, Path file, CompactedDay compactedDay) throws IOException {
        if (isCompacted(lake, file, compactedDay)) {
            compactedDay.compactor().replaceWindow(file.getParent(), file, compactedDay.inWindow(), null, new BitSet(), 0, true);
        } else {
            deleteIfPresent(lake, file);
        }
    }

    /**
     * Whether the window's day is compacted. Without a {@link CompactedDay} that is an error, not a reason to add
     * the window's file beside the compacted ones (which hold its earlier records).
     */
    private static boolean isCompacted(LakeFileSystem lake, Path windowFile, CompactedDay compactedDay) throws IOException {
        Path day = windowFile.getParent();
        if (compactedDay != null) {
            return compactedDay.compactor().isCompacted(day);
        }
        if (lake.fs().exists(day)) {
            for (var status : lake.fs().listStatus(day)) {
                if (LakeLayout.isCompactedFile(status.getPath())) {
                    throw new IOException(day + " is compacted: a window written into it must replace its records there");
                }
            }
        }
        return false;
    }

    private void deleteQuietly(Path path) {
        lake.deleteQuietly(path, false);
    }
}
