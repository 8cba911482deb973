package com.entralake.status;

import java.time.Instant;
import java.util.Optional;

import com.entralake.config.DataTypeSelection;
import com.entralake.connectivity.ProbeResult;
import com.entralake.window.DataGap;
import com.entralake.window.TimeWindow;

/**
 * What the job repository knows of one data type of one tenant.
 *
 * @param lastRun      status and time of the latest execution, e.g. "COMPLETED at 2026-11-27T02:01:10Z"
 * @param nextWindow   the range the next collect would read (events), empty when nothing is due
 * @param lastRunRecords records written by the latest execution; {@code totalRecords} by all of them
 */
public record DataTypeStatus(
        String dataset,
        DataTypeSelection selection,
        Optional<ProbeResult> probe,
        Optional<Instant> watermark,
        Optional<String> lastRun,
        boolean lastRunSucceeded,
        long lastRunRecords,
        long lastRunFiles,
        long totalRecords,
        long totalFiles,
        Optional<TimeWindow> nextWindow,
        Optional<DataGap> gap) {
}
