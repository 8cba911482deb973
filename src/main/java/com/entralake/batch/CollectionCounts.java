package com.entralake.batch;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What collection executions did, read from their steps' execution contexts, counted so that the run
 * summary and {@code status} say what is in the lake: a window a lookback re-reads is not new again.
 *
 * @param records        rows new to the lake: windows no earlier range had collected, plus late arrivals in
 *                       re-read windows (a snapshot: its rows)
 * @param reread         rows of windows read again within the lookback (already in the lake before)
 * @param late           of {@code records}, those that arrived late in re-read windows
 * @param files          files new to the lake
 * @param filesRewritten files replaced by a re-read
 * @param quarantined    records newly set aside in the quarantine dataset
 * @param quarantinedAgain records set aside again that an earlier read had already kept
 * @param outOfRange     records Graph returned outside what was asked for (ignored)
 * @param orderFallbacks times Graph's order failed and a range was read one window per query
 */
public record CollectionCounts(long pages, long records, long reread, long late, long files, long filesRewritten,
        long quarantined, long quarantinedAgain, long outOfRange, long orderFallbacks, long retries, long throttles) {

    public static final CollectionCounts NONE = new CollectionCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static CollectionCounts of(JobExecution execution) {
        CollectionCounts total = NONE;
        for (StepExecution step : execution.getStepExecutions()) {
            total = total.plus(of(step.getExecutionContext()));
        }
        return total;
    }

    static CollectionCounts of(ExecutionContext ec) {
        long committed = ec.getLong(StepProgress.FILES_COMMITTED, 0L);
        long records;
        long reread = 0;
        long late = 0;
        long files;
        if (ec.containsKey(StepProgress.RECORDS_NEW) || ec.containsKey(StepProgress.RECORDS_REREAD)) {
            late = ec.getLong(StepProgress.RECORDS_LATE, 0L);
            records = ec.getLong(StepProgress.RECORDS_NEW, 0L) + late;
            reread = ec.getLong(StepProgress.RECORDS_REREAD, 0L);
            files = ec.getLong(StepProgress.FILES_NEW, 0L);
        } else {
            // a snapshot, or a range collected before new and re-read rows were told apart
            records = ec.getLong(StepProgress.RECORDS_WRITTEN, 0L);
            files = committed;
        }
        return new CollectionCounts(ec.getLong(StepProgress.PAGES, 0L), records, reread, late, files, committed - files,
                ec.getLong(StepProgress.QUARANTINED, 0L), ec.getLong(StepProgress.QUARANTINED_AGAIN, 0L),
                ec.getLong(StepProgress.OUT_OF_RANGE, 0L),
                ec.getLong(StepProgress.ORDER_FALLBACKS, 0L), ec.getLong(StepProgress.RETRIES, 0L),
                ec.getLong(StepProgress.THROTTLES, 0L));
    }

    public CollectionCounts plus(CollectionCounts o) {
        return new CollectionCounts(pages + o.pages, records + o.records, reread + o.reread, late + o.late,
                files + o.files, filesRewritten + o.filesRewritten, quarantined + o.quarantined,
                quarantinedAgain + o.quarantinedAgain,
                outOfRange + o.outOfRange, orderFallbacks + o.orderFallbacks, retries + o.retries,
                throttles + o.throttles);
    }
}
