package com.entralake.batch;

import java.io.IOException;
import java.time.LocalDate;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.entralake.lake.CommitResult;
import com.entralake.lake.SnapshotWriter;

/**
 * Writes a snapshot into the staging folder of the run's UTC date and, after the listing's last page, makes it
 * visible all at once (a rerun the same day replaces that day's snapshot). A step that ends without that commit
 * removes what it staged when it closes: the last committed snapshot stays as it was.
 */
class SnapshotPartitionWriter implements ItemWriter<SnapshotPage>, ItemStream {

    private final CollectionContext context;
    private final StepSubject subject;
    private final LocalDate snapshotDate;
    private ExecutionContext counters;
    private SnapshotWriter writer;
    private long records;
    /** Records set aside count only with the snapshot they came with: a snapshot taken again counts them again. */
    private final PendingCounts quarantined = new PendingCounts();

    SnapshotPartitionWriter(StepSubject subject, CollectionContext context, LocalDate snapshotDate) {
        this.context = context;
        this.subject = subject;
        this.snapshotDate = snapshotDate;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        counters = executionContext;
        // staged from the step's start, as a crash at its first page finds it (and the next run removes it)
        try {
            writer = newWriter();
        } catch (IOException e) {
            throw new org.springframework.batch.infrastructure.item.ItemStreamException(
                    "the snapshot's staging folder could not be created: " + e.getMessage(), e);
        }
    }

    private SnapshotWriter newWriter() throws IOException {
        return new SnapshotWriter(context.lake(),
                context.layout().snapshotPartition(subject.type().dataset(), subject.session().tenantId(), snapshotDate),
                context.schemaOf(subject.type()), context.parquetOf(subject.type()), context.settings().getSnapshotRowsPerFile());
    }

    @Override
    public void write(Chunk<? extends SnapshotPage> pages) throws IOException {
        for (SnapshotPage page : pages) {
            if (writer == null) {
                writer = newWriter();
            }
            for (NormalizedRow row : page.rows()) {
                writer.write(row.id(), row.row());
            }
            page.quarantined().flushInto(quarantined);
            records += page.read();
            if (page.last()) {
                commit();
            } else {
                subject.progress().snapshotProgress(records);
            }
        }
        // a run that lost its lock stops at the page it is on instead of reading on
        subject.session().lock().ensureHeld();
    }

    private void commit() throws IOException {
        subject.session().lock().ensureHeld();
        CommitResult result = writer.commit();
        writer = null;
        counters.putLong(StepProgress.RECORDS_WRITTEN, result.records());
        counters.putLong(StepProgress.DUPLICATES_DROPPED, result.duplicatesDropped());
        counters.putLong(StepProgress.FILES_COMMITTED, result.files());
        counters.putLong(StepProgress.BYTES_WRITTEN, result.bytes());
        quarantined.flushInto(counters);
    }

    @Override
    public void close() {
        if (writer != null) {
            // the snapshot never committed: what it staged must not outlive the step
            writer.abort();
            writer = null;
        }
    }
}
