package com.entralake.lake;

import org.apache.hadoop.fs.Path;

/**
 * What a commit made visible.
 *
 * @param path              the window file, or the snapshot partition directory
 * @param records           rows now in the lake for that window / snapshot
 * @param duplicatesDropped records not written because their id occurred again (events: an earlier version;
 *                          snapshots: a later repeat)
 * @param bytes             total size of the committed file(s)
 * @param files             number of committed Parquet files
 * @param replacedRecords   rows of the file(s) this commit replaced (0 when there were none): what a re-read
 *                          window held before, so a run can tell late arrivals from records it already had
 */
public record CommitResult(Path path, long records, long duplicatesDropped, long bytes, int files, long replacedRecords) {

    /** A snapshot result (a snapshot replaces a whole day; what it replaced is not counted). */
    public CommitResult(Path path, long records, long duplicatesDropped, long bytes, int files) {
        this(path, records, duplicatesDropped, bytes, files, 0);
    }

    /** A single-file (event window) result: one file, or none for an empty window. */
    public static CommitResult window(Path path, long records, long duplicatesDropped, long bytes, long replacedRecords) {
        return new CommitResult(path, records, duplicatesDropped, bytes, records > 0 ? 1 : 0, replacedRecords);
    }
}
