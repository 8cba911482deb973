package com.entralake.batch;

import java.util.List;

/**
 * One Graph page of a snapshot, normalized: its rows, what of it was set aside in quarantine (counted only if the
 * snapshot commits), and whether it was the listing's last page, after which the snapshot commits.
 */
record SnapshotPage(List<NormalizedRow> rows, PendingCounts quarantined, int read, boolean last) {
}
