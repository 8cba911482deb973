package com.entralake.lake;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Rewrites a final event partition — a day's window files, 24 of a few rows to a few thousand each — as one file,
 * or as several of about the target size, so that a month is about 31 files for a reader to open, not 720.
 *
 * <p>The compacted files are written in the staging area and swapped in with the whole partition folder
 * ({@link PartitionSwap}), never beside the window files they replace: a reader globbing the partition sees either
 * the window files or the compacted ones, never both, and at worst, for the instant between the swap's two renames,
 * no partition at all. Their names derive from the day and the part number alone ({@link LakeLayout#compactedFile}),
 * so compacting again after a crash writes the same names; a crash at any point leaves either the old partition or
 * the new one in place, or the old one aside, which {@link CleanUp} puts back.
 *
 * <p>A window written again into a compacted day (a longer lookback configured later, or a re-read of an old range)
 * cannot simply add its file: its earlier records are inside the compacted files. {@link #replaceWindow} rewrites
 * the day instead, without the window's earlier records and with its new ones, and swaps it in the same way.
 */
public final class PartitionCompactor {

    /**
     * What one compaction did.
     *
     * @param filesBefore window files replaced
     * @param filesAfter  compacted files written
     */
    public record Compaction(Path partition, int filesBefore, int filesAfter, long records, long bytesBefore, long bytesAfter) {
    }

    private final LakeFileSystem lake;
    private final String dataset;
    private final Schema schema;
    private final ParquetSettings settings;
    private final long targetFileBytes;
    /**
     * Whether each day looked at is compacted, so that a step's window commits list a day's folder once, not once
     * per window (a LIST request each on an object store). Only this compactor changes it during a run: the
     * tenant lock keeps every other run out.
     */
    private final Map<Path, Boolean> compactedDays = new ConcurrentHashMap<>();

    /**
     * @param targetFileBytes a compacted file is closed, and the next begun, once it holds about this many bytes
     */
    public PartitionCompactor(LakeFileSystem lake, String dataset, Schema schema, ParquetSettings settings,
            long targetFileBytes) {
        if (targetFileBytes < 1024 * 1024) {
            throw new IllegalArgumentException("target file size below 1 MiB: " + targetFileBytes);
        }
        this.lake = lake;
        this.dataset = LakeLayout.checkDataset(dataset);
        this.schema = schema;
        this.settings = settings;
        this.targetFileBytes = targetFileBytes;
    }

    /** Whether the partition holds compacted files (then it holds nothing else). */
    public boolean isCompacted(Path partitionDir) throws IOException {
        Boolean known = compactedDays.get(partitionDir);
        if (known == null) {
            known = visibleFiles(partitionDir).stream().anyMatch(f -> LakeLayout.isCompactedFile(f.getPath()));
            compactedDays.put(partitionDir, known);
        }
        return known;
    }

    /** Whether the partition holds any data file (window or compacted). */
    public boolean hasFiles(Path partitionDir) throws IOException {
        return !visibleFiles(partitionDir).isEmpty();
    }

    /** Compacts the partition; empty when there is nothing to do (no files, or compacted already). */
    public Optional<Compaction> compact(Path partitionDir) throws IOException {
        List<FileStatus> files = visibleFiles(partitionDir);
        if (files.isEmpty() || files.stream().anyMatch(f -> LakeLayout.isCompactedFile(f.getPath()))) {
            return Optional.empty();
        }
        Path staged = LakeLayout.stagingFolder(partitionDir, LakeLayout.STAGING);
        try {
            long expected = 0;
            long bytesBefore = 0;
            DayFiles out = new DayFiles(staged, dayOf(partitionDir));
            try (out) {
                for (FileStatus file : files) {
                    expected += ParquetSettings.recordCount(file.getPath(), lake.conf());
                    bytesBefore += file.getLen();
                    copy(file.getPath(), out, null, record -> true);
                }
            }
            if (out.records != expected) {
                throw new IOException("compacting " + partitionDir + ": read " + out.records + " records, the files' footers say " + expected);
            }
            PartitionSwap.replace(lake, staged, partitionDir);
            compactedDays.put(partitionDir, true);
            return Optional.of(new Compaction(partitionDir, files.size(), out.parts, out.records, bytesBefore, bytesOf(partitionDir)));
        } catch (IOException | RuntimeException e) {
            lake.deleteQuietly(staged, true);
            throw e;
        }
    }

    /**
     * Replaces one window's records in a compacted partition: the day is rewritten without the records that
     * {@code inWindow} accepts and with those of {@code windowRecords} (null: none) except the positions in
     * {@code superseded}. With {@code mayShrink} false a window that would hold fewer records than before is left
     * as it is (see {@link EventWindowWriter#commit(boolean)}).
     *
     * @param windowPath the window's own file name, for the result
     */
    CommitResult replaceWindow(Path partitionDir, Path windowPath, Predicate<GenericRecord> inWindow, Path windowRecords,
            BitSet superseded, long duplicates, boolean mayShrink) throws IOException {
        Path staged = LakeLayout.stagingFolder(partitionDir, LakeLayout.STAGING);
        try {
            long replaced = 0;
            long records = 0;
            try (DayFiles out = new DayFiles(staged, dayOf(partitionDir))) {
                for (FileStatus file : visibleFiles(partitionDir)) {
                    replaced += copy(file.getPath(), out, null, inWindow.negate());
                }
                long kept = out.records;
                if (windowRecords != null) {
                    copy(windowRecords, out, superseded, record -> true);
                }
                records = out.records - kept;
            }
            if (!mayShrink && records < replaced) {
                lake.deleteQuietly(staged, true);
                return new CommitResult(windowPath, replaced, 0, bytesOf(partitionDir), 0, replaced);
            }
            PartitionSwap.replace(lake, staged, partitionDir);
            return new CommitResult(windowPath, records, duplicates, bytesOf(partitionDir), 0, replaced);
        } catch (IOException | RuntimeException e) {
            lake.deleteQuietly(staged, true);
            throw e;
        }
    }

    /**
     * Where a day read whole from Graph is written before {@link #replaceDay}: its first compacted file, in a new
     * staging folder, so nothing of it is visible, and the day's folder is not even created, until the swap.
     */
    Path stagedDayFile(Path partitionDir) {
        return LakeLayout.compactedFile(LakeLayout.stagingFolder(partitionDir, LakeLayout.STAGING), dataset,
                dayOf(partitionDir), 0);
    }

    /**
     * Makes a day read whole from Graph the day's partition, compacted from the start: whatever the folder held (window
     * files of an earlier, interrupted read, or the day compacted before) is swapped out with it in one move, so a
     * re-read replaces the day and never adds to it. The staged file is published as it is when it needs neither
     * its superseded versions dropped nor a split at the target size; otherwise it is copied into the day's parts.
     * With {@code mayShrink} false a day that would hold fewer records than before is left as it is (see
     * {@link EventWindowWriter#commit(boolean)}).
     *
     * @param stagedFile the file {@link #stagedDayFile} named, closed, holding {@code written} records
     */
    CommitResult replaceDay(Path partitionDir, Path stagedFile, long written, BitSet superseded, long duplicates,
            boolean mayShrink) throws IOException {
        Path staged = stagedFile.getParent();
        try {
            long replaced = 0;
            for (FileStatus file : visibleFiles(partitionDir)) {
                replaced += ParquetSettings.recordCount(file.getPath(), lake.conf());
            }
            long records = written - superseded.cardinality();
            if (!mayShrink && records < replaced) {
                lake.deleteQuietly(staged, true);
                return new CommitResult(stagedFile, replaced, 0, bytesOf(partitionDir), 0, replaced);
            }
            if (!superseded.isEmpty() || lake.fs().getFileStatus(stagedFile).getLen() > targetFileBytes) {
                Path copied = LakeLayout.stagingFolder(partitionDir, LakeLayout.STAGING);
                try (DayFiles out = new DayFiles(copied, dayOf(partitionDir))) {
                    copy(stagedFile, out, superseded, record -> true);
                } catch (IOException | RuntimeException e) {
                    lake.deleteQuietly(copied, true);
                    throw e;
                }
                lake.delete(staged, true);
                staged = copied;
            }
            int files = visibleFiles(staged).size();
            PartitionSwap.replace(lake, staged, partitionDir);
            compactedDays.put(partitionDir, true);
            return new CommitResult(LakeLayout.compactedFile(partitionDir, dataset, dayOf(partitionDir), 0), records,
                    duplicates, bytesOf(partitionDir), files, replaced);
        } catch (IOException | RuntimeException e) {
            lake.deleteQuietly(staged, true);
            throw e;
        }
    }

    /**
     * Copies the records of {@code file} that {@code keep} accepts, skipping the positions in {@code skip} (null:
     * none), and returns how many it did not copy because {@code keep} refused them.
     */
    private long copy(Path file, DayFiles out, BitSet skip, Predicate<GenericRecord> keep) throws IOException {
        long refused = 0;
        try (ParquetReader<GenericRecord> reader = ParquetSettings.openReader(file, lake.conf())) {
            int position = 0;
            for (GenericRecord record = reader.read(); record != null; record = reader.read(), position++) {
                if (skip != null && skip.get(position)) {
                    continue;
                }
                if (keep.test(record)) {
                    out.write(record);
                } else {
                    refused++;
                }
            }
        }
        return refused;
    }

    /** The partition's data files, by name (window files sort by their start, so the day stays in time order). */
    private List<FileStatus> visibleFiles(Path partitionDir) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        if (!lake.fs().exists(partitionDir)) {
            return files;
        }
        for (FileStatus status : lake.fs().listStatus(partitionDir)) {
            if (status.isFile() && !LakeLayout.isHidden(status.getPath()) && status.getPath().getName().endsWith(".parquet")) {
                files.add(status);
            }
        }
        files.sort(Comparator.comparing(f -> f.getPath().getName()));
        return files;
    }

    private long bytesOf(Path partitionDir) throws IOException {
        long bytes = 0;
        for (FileStatus file : visibleFiles(partitionDir)) {
            bytes += file.getLen();
        }
        return bytes;
    }

    private static LocalDate dayOf(Path partitionDir) {
        String name = partitionDir.getName();
        String prefix = LakeLayout.EVENT_DATE + "=";
        if (!name.startsWith(prefix)) {
            throw new IllegalArgumentException("not an event partition: " + partitionDir);
        }
        return LocalDate.parse(name.substring(prefix.length()));
    }

    /** The compacted files of one day being written in the staging folder, the next begun at the target size. */
    private final class DayFiles implements AutoCloseable {
        private final Path dir;
        private final LocalDate day;
        private ParquetWriter<GenericRecord> writer;
        private int parts;
        private long records;

        DayFiles(Path dir, LocalDate day) throws IOException {
            this.dir = dir;
            this.day = day;
            if (!lake.fs().mkdirs(dir)) {
                throw new IOException("cannot create staging directory " + dir);
            }
        }

        void write(GenericRecord record) throws IOException {
            if (writer == null) {
                writer = settings.openWriter(LakeLayout.compactedFile(dir, dataset, day, parts), schema, lake.conf());
                parts++;
            }
            writer.write(record);
            records++;
            if (writer.getDataSize() >= targetFileBytes) {
                close();
            }
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                ParquetWriter<GenericRecord> closing = writer;
                writer = null;
                closing.close();
            }
        }
    }
}
