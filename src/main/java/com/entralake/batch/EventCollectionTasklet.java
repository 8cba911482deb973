package com.entralake.batch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.entralake.graph.GraphPage;
import com.entralake.graph.GraphQuery;
import com.entralake.lake.CommitResult;
import com.entralake.lake.EventWindowWriter;
import com.entralake.tenant.TenantSessions;
import com.entralake.window.EventTime;
import com.entralake.window.TimeWindow;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Collects one tenant's events for a range {@code [start, end)} with as few Graph requests as the data
 * allows, and commits them window by window.
 *
 * <p>One query covers the whole uncommitted part of the range ({@code ge start and le resumeBefore}),
 * however many windows it spans, so a sparse month costs a handful of requests and a dense hour is read
 * in full pages. Graph returns events newest first, so windows complete — and are committed, each to
 * the one file its window names — from the newest to the oldest. {@code resumeBefore}, the start of the
 * oldest committed window, is saved in the step's execution context after every page: a restart queries
 * only {@code [start, resumeBefore]}, dropping records at {@code resumeBefore} itself (they belong to the
 * committed window), so finished windows are not redone and an interrupted window is rewritten whole.
 *
 * <p>Each call of {@link #execute} reads one page and ends a transaction, so the restart point is never
 * more than one page behind what was committed to the lake. Memory holds one page and one window's ids.
 */
public class EventCollectionTasklet implements Tasklet, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EventCollectionTasklet.class);
    private static final Duration SHORTEST_GRAPH_RETENTION = Duration.ofDays(7);

    private final CollectionContext context;
    private final TenantSessions sessions;
    /** The data type and tenant this step execution collects (from its job parameters). */
    private StepSubject subject;

    private TimeWindow range;
    private Duration windowSize;
    private Instant resumeBefore;
    private CountedPages pages;
    /** The upper bound of the current query ({@code le}); a record exactly there belongs to the next window. */
    private Instant queryEnd;
    private TimeWindow openWindow;
    private EventWindowWriter writer;
    private long recordsThisExecution;

    public EventCollectionTasklet(CollectionContext context, TenantSessions sessions) {
        this.context = context;
        this.sessions = sessions;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        subject = StepSubject.of(stepExecution, sessions, context);
        var params = stepExecution.getJobParameters();
        range = new TimeWindow(Instant.parse(params.getString(JobParameterNames.RANGE_START)),
                Instant.parse(params.getString(JobParameterNames.RANGE_END)));
        windowSize = context.settings().getWindow();
        ExecutionContext ec = stepExecution.getExecutionContext();
        resumeBefore = ec.containsKey(StepProgress.RESUME_BEFORE)
                ? Instant.parse(ec.getString(StepProgress.RESUME_BEFORE)) : range.end();
        if (resumeBefore.isBefore(range.end())) {
            log.info("{} [{}]: resuming {} — windows from {} on are already committed", subject.type().dataset(),
                    subject.session().name(), range, resumeBefore);
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        ExecutionContext ec = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        if (!resumeBefore.isAfter(range.start())) {
            return RepeatStatus.FINISHED;
        }
        if (pages == null) {
            queryEnd = resumeBefore;
            pages = new CountedPages(subject.session(), GraphQuery.eventsPage(subject.session().graphBaseUrl(),
                    subject.type(), range.start(), queryEnd));
        }
        GraphPage page = pages.next(ec);
        Instant collectedAt = context.clock().now();
        for (JsonNode record : page.records()) {
            accept(record, collectedAt, ec);
        }
        contribution.incrementReadCount();
        recordsThisExecution += page.records().size();
        if (!pages.hasNext()) {
            finishRange(ec);
            return RepeatStatus.FINISHED;
        }
        ec.putString(StepProgress.RESUME_BEFORE, resumeBefore.toString());
        subject.progress().eventsProgress(recordsThisExecution, range.start(), range.end(),
                openWindow != null ? openWindow.start() : resumeBefore);
        return RepeatStatus.CONTINUABLE;
    }

    private void accept(JsonNode record, Instant collectedAt, ExecutionContext ec) throws IOException {
        Instant time = EventTime.of(record, subject.type().timeProperty());
        if (!time.isBefore(queryEnd) || time.isBefore(range.start())) {
            return; // outside [start, end): a record exactly at the query's end belongs to the next window
        }
        if (!time.isBefore(resumeBefore)) {
            // newer than the open window: its window is committed or was cleared as empty already
            throw new IllegalStateException("Graph returned " + subject.type().dataset() + " out of "
                    + subject.type().timeProperty()
                    + " order (" + time + " after records of " + openWindow + "); Entra Lake relies on Graph's "
                    + "documented newest-first order to commit windows. Nothing of the open window was committed; "
                    + "the next run resumes from the last committed window.");
        }
        TimeWindow window = TimeWindow.containing(time, windowSize);
        if (openWindow == null || window.start().isBefore(openWindow.start())) {
            if (openWindow != null) {
                commitOpenWindow(ec);
            }
            clearEmptyWindows(window.end(), resumeBefore);
            resumeBefore = window.end();
            openWindow = window;
            writer = new EventWindowWriter(context.lake(), windowFile(window), context.schemaOf(subject.type()),
                    context.parquet());
        }
        writer.write(record.path("id").asText(), subject.normalizer().normalize(record, collectedAt));
    }

    private void commitOpenWindow(ExecutionContext ec) throws IOException {
        subject.session().lock().ensureHeld();
        CommitResult result = writer.commit();
        writer = null;
        resumeBefore = openWindow.start();
        StepProgress.add(ec, StepProgress.RECORDS_WRITTEN, result.records());
        StepProgress.add(ec, StepProgress.DUPLICATES_DROPPED, result.duplicatesDropped());
        StepProgress.add(ec, StepProgress.FILES_COMMITTED, result.records() > 0 ? 1 : 0);
        StepProgress.add(ec, StepProgress.BYTES_WRITTEN, result.bytes());
        ec.putString(StepProgress.RESUME_BEFORE, resumeBefore.toString());
        openWindow = null;
    }

    private void finishRange(ExecutionContext ec) throws IOException {
        if (openWindow != null) {
            commitOpenWindow(ec);
        }
        clearEmptyWindows(range.start(), resumeBefore);
        resumeBefore = range.start();
        ec.putString(StepProgress.RESUME_BEFORE, resumeBefore.toString());
    }

    /** Windows in [from, to) turned out empty: a file left by an earlier read of them must go, or it would outlive its data. */
    private void clearEmptyWindows(Instant from, Instant to) throws IOException {
        // Graph keeps 7 days on Free tenants (30 on P1/P2): a window older than that may read empty because its
        // records were purged, not because it had none, so a file written while they were there is kept
        Instant purgeHorizon = context.clock().now().minus(SHORTEST_GRAPH_RETENTION);
        Instant firstSafe = TimeWindow.alignDown(purgeHorizon, windowSize);
        if (firstSafe.isBefore(purgeHorizon)) {
            firstSafe = firstSafe.plus(windowSize);
        }
        subject.session().lock().ensureHeld();
        for (Instant s = from.isBefore(firstSafe) ? firstSafe : from; s.isBefore(to); s = s.plus(windowSize)) {
            EventWindowWriter.deleteIfPresent(context.lake(), windowFile(new TimeWindow(s, s.plus(windowSize))));
        }
    }

    private Path windowFile(TimeWindow window) {
        return context.layout().windowFile(subject.type().dataset(), subject.session().tenantId(), window);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (writer != null) {
            // the open window never committed: its temporary file must not outlive the step
            writer.abort();
            writer = null;
        }
        return stepExecution.getExitStatus();
    }
}
