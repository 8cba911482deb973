package com.entralake.catalog;

/** How a data type is collected: time-windowed events, or a whole-directory snapshot per run. */
public enum DataKind {
    /** Append-only log records keyed by {@code id}, filtered on a time property, partitioned by {@code event_date}. */
    EVENTS,
    /** Directory objects read in full each run, partitioned by {@code snapshot_date}. */
    SNAPSHOT
}
