package com.entralake.lake;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.PriorityQueue;

import org.apache.hadoop.fs.Path;

/**
 * Finds the writes of a snapshot that repeat an earlier id, in memory that does not grow with the snapshot.
 *
 * <p>A set of every id would: 10 million GUID strings in a {@code HashSet} take about 1.1 GiB (121 bytes each), more
 * than the 256 MiB heap the schedules give the job. Instead the ids wait in a buffer of bounded size ({@code
 * bufferBytes}); a full buffer is sorted and written to a run file (an external sort), and at the end the runs are
 * merged: equal ids meet there, ordered by position, so every occurrence after the first is a repeat. Runs are merged
 * {@code fanIn} at a time as they accumulate (tiered, so each id is rewritten only a few times however large the
 * snapshot), dropping repeats on the way. What stays on the heap is the buffer (40 bytes per buffered GUID, measured),
 * one read buffer per run being merged, and the answer: one bit per write (10 million writes: 1.2 MiB). A GUID costs
 * 21 bytes in a run file (10 million: 200 MiB of temporary files); a snapshot that fits the buffer never touches the
 * disk.
 */
final class SnapshotIds implements Closeable {

    /** Enough for about 170,000 GUIDs per run: a 10-million-object snapshot makes about 60 runs. */
    static final long DEFAULT_BUFFER_BYTES = 8L * 1024 * 1024;
    static final int DEFAULT_FAN_IN = 32;

    private final LakeFileSystem lake;
    private final Path runDir;
    private final long bufferBytes;
    private final int fanIn;
    private final List<IdEntry> buffer = new ArrayList<>();
    private long buffered;
    /** Runs not merged yet, by level: a level-n run holds the entries of fanIn^n buffers, less their repeats. */
    private final List<List<Path>> levels = new ArrayList<>();
    private final BitSet repeats = new BitSet();
    private int count;
    private int runsWritten;

    SnapshotIds(LakeFileSystem lake, Path runDir, long bufferBytes, int fanIn) {
        if (bufferBytes < 1 || fanIn < 2) {
            throw new IllegalArgumentException("need a positive buffer and a fan-in of at least 2: " + bufferBytes + ", " + fanIn);
        }
        this.lake = lake;
        this.runDir = runDir;
        this.bufferBytes = bufferBytes;
        this.fanIn = fanIn;
    }

    /** Records the next write's id (positions count from 0 in write order). */
    void add(String id) throws IOException {
        if (count == Integer.MAX_VALUE) {
            throw new IllegalStateException("a snapshot of more than " + Integer.MAX_VALUE + " records");
        }
        IdEntry entry = IdEntry.of(id, count++);
        buffer.add(entry);
        buffered += entry.heapBytes();
        if (buffered >= bufferBytes) {
            spill();
        }
    }

    int count() {
        return count;
    }

    /** Run files written so far (merges included): 0 while the snapshot fits the buffer. */
    int runsWritten() {
        return runsWritten;
    }

    /** The positions of the writes whose id occurred at an earlier position. Call once, after the last {@link #add}. */
    BitSet repeats() throws IOException {
        if (levels.isEmpty()) {
            sortBuffer();
            IdEntry first = null;
            for (IdEntry e : buffer) {
                first = keepFirst(first, e);
            }
            buffer.clear();
            return repeats;
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        List<Path> all = new ArrayList<>();
        levels.forEach(all::addAll);
        merge(all, null);
        return repeats;
    }

    /** Deletes the run files, or fails: a commit must not move them into the partition. */
    void deleteRuns() throws IOException {
        if (lake.fs().exists(runDir) && !lake.fs().delete(runDir, true)) {
            throw new IOException("cannot delete " + runDir);
        }
    }

    /** Deletes the run files, as far as it can (what is left goes with its staging directory). */
    @Override
    public void close() {
        lake.deleteQuietly(runDir, true);
    }

    /** Sorts the buffer into a level-0 run, dropping its repeats, then merges any level that is full. */
    private void spill() throws IOException {
        sortBuffer();
        Path run = nextRun();
        try (IdRun.Writer out = new IdRun.Writer(lake, run)) {
            IdEntry first = null;
            for (IdEntry e : buffer) {
                IdEntry kept = keepFirst(first, e);
                if (kept != first) {
                    out.append(kept);
                }
                first = kept;
            }
        }
        buffer.clear();
        buffered = 0;
        for (int level = 0; addRun(level, run); level++) {
            run = nextRun();
            merge(levels.get(level), run);
            levels.get(level).clear();
        }
    }

    /** Adds a run to a level; true when that level is now full and must be merged into the next. */
    private boolean addRun(int level, Path run) {
        while (levels.size() <= level) {
            levels.add(new ArrayList<>());
        }
        levels.get(level).add(run);
        return levels.get(level).size() >= fanIn;
    }

    /**
     * Merges sorted runs: of each id only the first occurrence goes on (to {@code out}, when given); every later one is
     * a repeat. The inputs are deleted afterwards.
     */
    private void merge(List<Path> runs, Path out) throws IOException {
        List<IdRun.Cursor> opened = new ArrayList<>(runs.size());
        PriorityQueue<IdRun.Cursor> heads = new PriorityQueue<>(runs.size());
        try (IdRun.Writer writer = out == null ? null : new IdRun.Writer(lake, out)) {
            for (Path run : runs) {
                IdRun.Cursor cursor = new IdRun.Cursor(lake, run);
                opened.add(cursor);
                if (cursor.current() != null) {
                    heads.add(cursor);
                }
            }
            IdEntry first = null;
            while (!heads.isEmpty()) {
                IdRun.Cursor head = heads.poll();
                IdEntry kept = keepFirst(first, head.current());
                if (kept != first && writer != null) {
                    writer.append(kept);
                }
                first = kept;
                if (head.advance()) {
                    heads.add(head);
                }
            }
        } finally {
            for (IdRun.Cursor cursor : opened) {
                cursor.close();
            }
        }
        for (Path run : runs) {
            lake.fs().delete(run, false);
        }
    }

    /**
     * In sorted order: {@code next} repeats {@code first} when their ids are equal (it has the later position); then
     * it is marked and {@code first} stays. Otherwise {@code next} is the first occurrence of a new id.
     */
    private IdEntry keepFirst(IdEntry first, IdEntry next) {
        if (first != null && first.sameIdAs(next)) {
            repeats.set(next.position());
            return first;
        }
        return next;
    }

    private void sortBuffer() {
        buffer.sort(null);
    }

    private Path nextRun() {
        return new Path(runDir, String.format("run-%05d", runsWritten++));
    }
}
