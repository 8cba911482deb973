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
 */
public record CommitResult(Path path, long records, long duplicatesDropped, long bytes, int files) {

    /** A single-file (event window) result: one file, or none for an empty window. */
    public CommitResult(Path path, long records, long duplicatesDropped, long bytes) {
        this(path, records, duplicatesDropped, bytes, records > 0 ? 1 : 0);
    }
}
