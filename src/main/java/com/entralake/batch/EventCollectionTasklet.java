package com.entralake.batch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import com.entralake.lake.EventWindowWriter;
import com.entralake.quarantine.RecordProblems;
import com.entralake.tenant.TenantSessions;
import com.entralake.window.EventTime;
import com.entralake.window.TimeWindow;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Collects one tenant's events for a range {@code [start, end)} with as few Graph requests as the data
 * allows, and commits them window by window.
 *
 * <p>Queries cover the uncommitted part of the range from its newest end, each a slice of
 * {@link QuerySpan} ({@code ge sliceStart and le sliceEnd}) however many windows that holds, so a sparse
 * month costs a handful of requests and a dense hour is read in full pages. Graph returns events newest
 * first, so windows fill — and are written, each to the one file its window names — from the newest to the
 * oldest: memory holds one page and one window's ids.
 *
 * <p>That order is a promise of the server, not a proof. What proves a window complete is a query read to
 * its last page: then every record in its time span has been seen, in whatever order. So the restart point
 * {@code resumeBefore} moves only when a slice has been read to its end, and with it the slice's counters
 * and the deletion of the files of windows it found empty; a run interrupted inside a slice reads that slice
 * again (its window files are replaced, never doubled). Every page is also checked against the order before
 * any of it is written ({@link PageOrder}): a record for a window already written means the slice's windows
 * may lack records still to come, so they are given up and the rest of the range is read one window per
 * query, each committed only after its last page — exact whatever the order, at least one request per window.
 *
 * <p>A record that cannot be placed (not an object, no id, no, an unreadable or a pre-1900 time) goes to the quarantine
 * dataset with its reason, and its window commits without it ({@link QuarantineSink}).
 */
public class EventCollectionTasklet implements Tasklet, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EventCollectionTasklet.class);

    private final CollectionContext context;
    private final TenantSessions sessions;
    /** The data type and tenant this step execution collects (from its job parameters). */
    private StepSubject subject;
    private QuarantineSink quarantine;

    private TimeWindow range;
    private Duration windowSize;
    /** Windows from here on were never collected before this range: their rows are new, earlier ones re-read. */
    private Instant newFrom;
    /** Everything in [resumeBefore, range end) is complete in the lake (what the execution context says). */
    private Instant resumeBefore;
    /** Graph's order failed for this range: the rest is read one window per query. */
    private boolean oneQueryPerWindow;
    private QuerySpan span;
    private Query query;
    private TimeWindow openWindow;
    private EventWindowWriter writer;
    private long recordsThisExecution;
    /** What a window file held before this execution first replaced it: the base for counting late arrivals. */
    private final Map<Instant, Long> rowsBefore = new HashMap<>();

    /**
     * The query being read, over [start, end]: its pages, how far down its windows are written ({@code writtenDownTo}:
     * everything from there to its end has been written; the open window ends there), the windows it found empty,
     * and its counters — all of which count only once it has been read to its last page.
     */
    private static final class Query {
        final CountedPages pages;
        final Instant start;
        final Instant end;
        final PendingCounts counts = new PendingCounts();
        final List<TimeWindow> empty = new ArrayList<>();
        /** An unordered type's records, held until the query has been read to its last page. */
        final List<Placed> held = new ArrayList<>();
        Instant writtenDownTo;
        long records;
        long pagesRead;

        Query(CountedPages pages, Instant start, Instant end) {
            this.pages = pages;
            this.start = start;
            this.end = end;
            this.writtenDownTo = end;
        }
    }

    /** A record that can be placed in a window. */
    private record Placed(JsonNode json, String id, Instant time) {
    }

    public EventCollectionTasklet(CollectionContext context, TenantSessions sessions) {
        this.context = context;
        this.sessions = sessions;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        subject = StepSubject.of(stepExecution, sessions, context);
        quarantine = new QuarantineSink(subject, context,
                "the range stops before committing more, and the next run resumes from the last complete query");
        var params = stepExecution.getJobParameters();
        range = new TimeWindow(Instant.parse(params.getString(JobParameterNames.RANGE_START)),
                Instant.parse(params.getString(JobParameterNames.RANGE_END)));
        String newFromParameter = params.getString(JobParameterNames.NEW_FROM);
        newFrom = newFromParameter == null ? range.start() : Instant.parse(newFromParameter);
        windowSize = context.settings().getWindow();
        span = new QuerySpan(windowSize);
        ExecutionContext ec = stepExecution.getExecutionContext();
        resumeBefore = ec.containsKey(StepProgress.RESUME_BEFORE)
                ? Instant.parse(ec.getString(StepProgress.RESUME_BEFORE)) : range.end();
        oneQueryPerWindow = ec.containsKey(StepProgress.ONE_QUERY_PER_WINDOW);
        if (resumeBefore.isBefore(range.end())) {
            log.info("{} [{}]: resuming {} — windows from {} on are already committed{}", subject.type().dataset(),
                    subject.session().name(), range, resumeBefore,
                    oneQueryPerWindow ? "; Graph's order failed earlier, so one query per window" : "");
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        ExecutionContext ec = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        if (!resumeBefore.isAfter(range.start())) {
            return RepeatStatus.FINISHED;
        }
        if (query == null) {
            startQuery();
        }
        GraphPage page = query.pages.next(ec);
        contribution.incrementReadCount();
        recordsThisExecution += page.records().size();
        query.records += page.records().size();
        query.pagesRead++;
        Instant collectedAt = context.clock().now();
        List<Placed> placed = placeable(page, collectedAt);
        if (!subject.type().timeWindows().orElseThrow().ordered() && !oneQueryPerWindow) {
            // no documented order: nothing of the query is placed before its last page, then newest first
            query.held.addAll(placed);
            if (!query.pages.hasNext()) {
                query.held.sort(java.util.Comparator.comparing(Placed::time).reversed());
                for (Placed record : query.held) {
                    acceptInOrder(record, collectedAt);
                }
                query.held.clear();
            }
        } else if (oneQueryPerWindow) {
            for (Placed record : placed) {
                writer.write(record.id(), subject.normalizer().normalize(record.json(), collectedAt));
            }
        } else {
            Optional<PageOrder.Violation> violation = PageOrder.firstViolation(
                    placed.stream().map(p -> new PageOrder.Event(p.time(), p.id())).toList(), query.writtenDownTo,
                    windowSize);
            if (violation.isPresent()) {
                giveUpOrder(ec, violation.get());
                return RepeatStatus.CONTINUABLE;
            }
            for (Placed record : placed) {
                acceptInOrder(record, collectedAt);
            }
        }
        if (!query.pages.hasNext()) {
            finishQuery(ec);
            if (!resumeBefore.isAfter(range.start())) {
                return RepeatStatus.FINISHED;
            }
        }
        subject.progress().eventsProgress(recordsThisExecution, range.start(), range.end(),
                openWindow != null ? openWindow.start() : query != null ? query.writtenDownTo : resumeBefore);
        return RepeatStatus.CONTINUABLE;
    }

    private void startQuery() throws IOException {
        Instant start;
        if (oneQueryPerWindow) {
            openWindow = new TimeWindow(resumeBefore.minus(windowSize), resumeBefore);
            writer = new EventWindowWriter(context.lake(), windowFile(openWindow), context.schemaOf(subject.type()),
                    context.parquet());
            start = openWindow.start();
        } else {
            Instant sliceStart = resumeBefore.minus(span.current());
            start = sliceStart.isAfter(range.start()) ? sliceStart : range.start();
        }
        query = new Query(new CountedPages(subject.session(), subject.type(), GraphQuery.eventsPage(subject.session().graphBaseUrl(),
                subject.type(), start, resumeBefore)), start, resumeBefore);
    }

    /**
     * The page's records that can be placed in {@code [query start, query end)}, in served order; the others are
     * quarantined (no id, no time, ...) or counted and ignored (outside what was asked for: Graph returns them to
     * the query of their own window).
     */
    private List<Placed> placeable(GraphPage page, Instant collectedAt) throws IOException {
        String timeProperty = subject.type().timeWindows().orElseThrow().timeProperty();
        List<Placed> placed = new ArrayList<>(page.records().size());
        Map<JsonNode, String> problems = new IdentityHashMap<>();
        for (JsonNode record : page.records()) {
            Optional<String> problem = RecordProblems.ofEvent(record, timeProperty);
            if (problem.isPresent()) {
                problems.put(record, problem.get());
                continue;
            }
            Instant time = EventTime.of(record, timeProperty).orElseThrow();
            if (time.isBefore(query.start) || time.isAfter(query.end)) {
                query.counts.add(StepProgress.OUT_OF_RANGE, 1);
            } else if (time.isBefore(query.end)) {
                // a record exactly at the query's end belongs to the next window, which has its own query
                placed.add(new Placed(record, RecordProblems.idOf(record), time));
            }
        }
        quarantine.setAside(problems, page.records().size(),
                subject.type().dataset() + " " + query.start + " .. " + query.end, collectedAt, query.counts);
        return placed;
    }

    private void acceptInOrder(Placed record, Instant collectedAt) throws IOException {
        TimeWindow window = TimeWindow.containing(record.time(), windowSize);
        if (openWindow == null || window.start().isBefore(openWindow.start())) {
            if (openWindow != null) {
                commitOpenWindow();
            }
            // the windows between had no records in this query: their files go once the query is read to its end
            for (Instant s = window.end(); s.isBefore(query.writtenDownTo); s = s.plus(windowSize)) {
                query.empty.add(new TimeWindow(s, s.plus(windowSize)));
            }
            query.writtenDownTo = window.end();
            openWindow = window;
            writer = new EventWindowWriter(context.lake(), windowFile(window), context.schemaOf(subject.type()),
                    context.parquet());
        }
        writer.write(record.id(), subject.normalizer().normalize(record.json(), collectedAt));
    }

    /**
     * The page broke Graph's order: windows this query wrote may still be missing records of the rest of the
     * query. They are given up — the restart point never moved past them, their counters never counted — and read
     * again, like the rest of the range, one window per query. Nothing of this page is written, so the chunk that
     * ends now commits only the switch.
     */
    private void giveUpOrder(ExecutionContext ec, PageOrder.Violation violation) {
        log.warn("{} [{}]: Graph returned {} out of {} order (record {} at {} after records older than {}); the windows"
                + " of {} .. {} are read again, one query per window: exact whatever the order, at least one request per"
                + " window", subject.type().dataset(), subject.session().name(), subject.type().dataset(),
                subject.type().timeWindows().orElseThrow().timeProperty(), violation.id(), violation.time(), violation.bound(), range.start(),
                resumeBefore);
        if (writer != null) {
            writer.abort();
            writer = null;
        }
        openWindow = null;
        query = null;
        oneQueryPerWindow = true;
        ec.putString(StepProgress.ONE_QUERY_PER_WINDOW, "true");
        StepProgress.add(ec, StepProgress.ORDER_FALLBACKS, 1);
    }

    /** The query has been read to its last page: every window in its span is complete, whatever the order was. */
    private void finishQuery(ExecutionContext ec) throws IOException {
        if (openWindow != null) {
            commitOpenWindow();
        }
        if (!oneQueryPerWindow) {
            for (Instant s = query.start; s.isBefore(query.writtenDownTo); s = s.plus(windowSize)) {
                query.empty.add(new TimeWindow(s, s.plus(windowSize)));
            }
            for (TimeWindow empty : query.empty) {
                clearEmptyWindow(empty);
            }
            span.completed(Duration.between(query.start, query.end), query.records, query.pagesRead,
                    subject.type().pageSize());
        }
        query.counts.flushInto(ec);
        resumeBefore = query.start;
        ec.putString(StepProgress.RESUME_BEFORE, resumeBefore.toString());
        query = null;
    }

    private void commitOpenWindow() throws IOException {
        subject.session().lock().ensureHeld();
        count(openWindow, writer.commit(graphHoldsAllOf(openWindow.start())));
        writer = null;
        query.writtenDownTo = openWindow.start();
        openWindow = null;
    }

    /** Adds a committed window to the query's counters: new rows, re-read rows, late arrivals, files. */
    private void count(TimeWindow window, CommitResult result) {
        PendingCounts counts = query.counts;
        long before = rowsBefore.computeIfAbsent(window.start(), w -> result.replacedRecords());
        boolean isNew = !window.start().isBefore(newFrom);
        counts.add(StepProgress.RECORDS_WRITTEN, result.records());
        counts.add(isNew ? StepProgress.RECORDS_NEW : StepProgress.RECORDS_REREAD, result.records());
        if (!isNew && result.records() > before) {
            counts.add(StepProgress.RECORDS_LATE, result.records() - before);
        }
        counts.add(StepProgress.DUPLICATES_DROPPED, result.duplicatesDropped());
        counts.add(StepProgress.FILES_COMMITTED, result.files());
        // a new window's file is new to the lake even if an interrupted read of this range wrote it before (that
        // read never counted it); a re-read window adds a file only where it had none
        counts.add(StepProgress.FILES_NEW, isNew ? result.files() : result.files() > 0 && result.replacedRecords() == 0 ? 1 : 0);
        counts.add(StepProgress.BYTES_WRITTEN, result.bytes());
    }

    /** A window the query found empty: a file left by an earlier read of it must go, or it would outlive its data. */
    private void clearEmptyWindow(TimeWindow window) throws IOException {
        if (graphHoldsAllOf(window.start())) {
            subject.session().lock().ensureHeld();
            EventWindowWriter.deleteIfPresent(context.lake(), windowFile(window));
        }
    }

    /**
     * Graph keeps the shortest retention of the type (audit logs: 7 days on Free, 30 on P1/P2) for every tenant:
     * a window starting before that may read empty, or with fewer records, because some were purged, not because
     * it had fewer — so the lake keeps what it has there.
     */
    private boolean graphHoldsAllOf(Instant windowStart) {
        return !windowStart.isBefore(context.clock().now().minus(subject.type().retention().shortest()));
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
