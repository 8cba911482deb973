package com.entralake.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.entralake.config.DataTypeSelection;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.connectivity.ProbeResult;
import com.entralake.window.DataGap;

/**
 * What the job repository knows of one data type of one tenant.
 *
 * @param lastRun        status and run of the latest execution, e.g. "COMPLETED, started 2026-11-27T02:00:00Z (range …)"
 * @param lastRunOk      the latest execution completed, or was set aside on purpose (abandoned)
 * @param lastRunCounts  what the latest execution put in the lake (new and re-read rows, files, quarantined)
 * @param resumeFirst    unfinished ranges the next run resumes before anything new
 * @param nextWindow     the new range the next run would plan (events), empty when nothing is due
 * @param gaps           what is uncollected and already older than Graph keeps: lost unless collected elsewhere
 * @param recordedGaps   gaps earlier runs found (they stay lost after the watermark moves on)
 * @param clockAhead     runs planned with a clock later than now, whose ranges the next collect reads again
 */
public record DataTypeStatus(
        String dataset,
        DataTypeSelection selection,
        Optional<ProbeResult> probe,
        Optional<Instant> watermark,
        Optional<String> lastRun,
        boolean lastRunOk,
        com.entralake.batch.CollectionCounts lastRunCounts,
        List<String> resumeFirst,
        Optional<com.entralake.window.TimeWindow> nextWindow,
        List<DataGap> gaps,
        List<ConnectivityStore.RecordedGap> recordedGaps,
        Optional<String> clockAhead) {

    /** Why an operator should look at this data type (empty: nothing to do); only for data types being collected. */
    public List<String> attention() {
        if (!collected()) {
            return List.of();
        }
        List<String> reasons = new java.util.ArrayList<>();
        gaps.forEach(g -> reasons.add(dataset + ": data gap, " + g.describe()));
        if (!lastRunOk) {
            reasons.add(dataset + ": the last run did not complete (" + lastRun.orElse("unknown") + ")");
        }
        clockAhead.ifPresent(c -> reasons.add(dataset + ": " + c));
        return reasons;
    }

    /** Whether runs collect it now: selected, and not skipped while unavailable. */
    public boolean collected() {
        return isCollected(selection, probe);
    }

    /** Managed and last found definitely unavailable: the next run skips it. */
    public boolean skippedWhileUnavailable() {
        return skippedWhileUnavailable(selection, probe);
    }

    static boolean isCollected(DataTypeSelection selection, Optional<ProbeResult> probe) {
        return selection != DataTypeSelection.NO && !skippedWhileUnavailable(selection, probe);
    }

    private static boolean skippedWhileUnavailable(DataTypeSelection selection, Optional<ProbeResult> probe) {
        return selection == DataTypeSelection.MANAGED && probe.map(p -> p.availability().skipsManaged()).orElse(false);
    }
}
