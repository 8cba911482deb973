package com.entralake.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.IdentityHashMap;
import java.util.Map;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.entralake.graph.GraphPage;
import com.entralake.graph.GraphQuery;
import com.entralake.lake.CommitResult;
import com.entralake.lake.SnapshotWriter;
import com.entralake.quarantine.RecordProblems;
import com.entralake.tenant.TenantSessions;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a whole directory collection (users, groups) into one snapshot partition for the run's UTC
 * date. The snapshot becomes visible all at once when the last page has been read; a rerun the same
 * day replaces that day's snapshot. A snapshot interrupted midway is simply taken again: Graph's
 * paging cursors are not meant to be resumed hours later.
 */
public class SnapshotCollectionTasklet implements Tasklet, StepExecutionListener {

    private final CollectionContext context;
    private final TenantSessions sessions;
    /** The data type and tenant this step execution collects (from its job parameters). */
    private StepSubject subject;

    private LocalDate snapshotDate;
    private CountedPages pages;
    private SnapshotWriter writer;
    private long records;
    private QuarantineSink quarantine;
    /** Records set aside count only with the snapshot they came with: a snapshot taken again counts them again. */
    private final PendingCounts counts = new PendingCounts();

    public SnapshotCollectionTasklet(CollectionContext context, TenantSessions sessions) {
        this.context = context;
        this.sessions = sessions;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        subject = StepSubject.of(stepExecution, sessions, context);
        snapshotDate = LocalDate.parse(stepExecution.getJobParameters().getString(JobParameterNames.SNAPSHOT_DATE));
        // a restarted snapshot starts over: its counters describe the snapshot that gets committed
        stepExecution.getExecutionContext().remove(StepProgress.PAGES);
        stepExecution.getExecutionContext().remove(StepProgress.RECORDS_READ);
        stepExecution.getExecutionContext().remove(StepProgress.QUARANTINED);
        stepExecution.getExecutionContext().remove(StepProgress.QUARANTINED_AGAIN);
        quarantine = new QuarantineSink(subject, context, "the snapshot is not committed (the last one stays)");
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws java.io.IOException {
        ExecutionContext ec = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        if (writer == null) {
            pages = new CountedPages(subject.session(), subject.type(),
                    GraphQuery.snapshotPage(subject.session().graphBaseUrl(), subject.type()));
            writer = new SnapshotWriter(context.lake(),
                    context.layout().snapshotPartition(subject.type().dataset(), subject.session().tenantId(),
                            snapshotDate),
                    context.schemaOf(subject.type()), context.parquet(), context.settings().getSnapshotRowsPerFile());
        }
        GraphPage page = pages.next(ec);
        Instant collectedAt = context.clock().now();
        Map<JsonNode, String> problems = new IdentityHashMap<>();
        for (JsonNode record : page.records()) {
            RecordProblems.ofDirectoryObject(record).ifPresent(problem -> problems.put(record, problem));
        }
        quarantine.setAside(problems, page.records().size(), subject.type().dataset() + " snapshot " + snapshotDate,
                collectedAt, counts);
        for (JsonNode record : page.records()) {
            if (!problems.containsKey(record)) {
                writer.write(RecordProblems.idOf(record), subject.normalizer().normalize(record, collectedAt));
            }
        }
        records += page.records().size();
        contribution.incrementReadCount();
        if (pages.hasNext()) {
            subject.progress().snapshotProgress(records);
            return RepeatStatus.CONTINUABLE;
        }
        subject.session().lock().ensureHeld();
        CommitResult result = writer.commit();
        writer = null;
        ec.putLong(StepProgress.RECORDS_WRITTEN, result.records());
        ec.putLong(StepProgress.DUPLICATES_DROPPED, result.duplicatesDropped());
        ec.putLong(StepProgress.FILES_COMMITTED, result.files());
        ec.putLong(StepProgress.BYTES_WRITTEN, result.bytes());
        counts.flushInto(ec);
        return RepeatStatus.FINISHED;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (writer != null) {
            writer.abort();
            writer = null;
        }
        return stepExecution.getExitStatus();
    }
}
