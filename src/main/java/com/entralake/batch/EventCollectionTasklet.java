package com.entralake.batch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import com.entralake.quarantine.Quarantine;
import com.entralake.quarantine.RecordProblems;
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
 * <p>That order is a promise of the server, not a proof, so every page is checked against it before any
 * of the page is written ({@link PageOrder}). A page that breaks it means the windows this query already
 * committed may lack records still to come: they are given up ({@code resumeBefore} goes back to the
 * query's end) and the rest of the range is read one window per query, each committed only after its
 * last page — exact whatever the order, at the price of at least one request per window.
 *
 * <p>A record that cannot be placed (not an object, no id, no or an unreadable time) goes to the
 * quarantine dataset with its reason, and its window commits without it. Many of them mean Graph's format
 * changed: then the range stops ({@link QuarantineLimit}) instead of setting everything aside.
 *
 * <p>Each call of {@link #execute} reads one page and ends a transaction, so the restart point is never
 * more than one page behind what was committed to the lake. Memory holds one page and one window's ids.
 */
public class EventCollectionTasklet implements Tasklet, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EventCollectionTasklet.class);
    private static final Duration SHORTEST_GRAPH_RETENTION = Duration.ofDays(7);
    private static final int LOGGED_QUARANTINES = 10;

    private final CollectionContext context;
    private final TenantSessions sessions;
    /** The data type and tenant this step execution collects (from its job parameters). */
    private StepSubject subject;
    private Quarantine quarantine;

    private TimeWindow range;
    private Duration windowSize;
    /** Windows from here on were never collected before this range: their rows are new, earlier ones re-read. */
    private Instant newFrom;
    /** Everything in [resumeBefore, range end) is committed. */
    private Instant resumeBefore;
    /** Graph's order failed for this range: the rest is read one window per query. */
    private boolean oneQueryPerWindow;
    private Query query;
    private TimeWindow openWindow;
    private EventWindowWriter writer;
    private long recordsThisExecution;
    private long quarantinedThisExecution;
    /** What a window file held before this execution first replaced it: the base for counting late arrivals. */
    private final Map<Instant, Long> rowsBefore = new HashMap<>();

    /**
     * The query being read: its pages, its inclusive upper bound ({@code le}), and the commit counters as they
     * were when it started (put back if its commits are given up).
     */
    private record Query(CountedPages pages, Instant end, Map<String, Long> countersAtStart) {
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
        quarantine = new Quarantine(context.lake(), context.layout(), context.parquet());
        var params = stepExecution.getJobParameters();
        range = new TimeWindow(Instant.parse(params.getString(JobParameterNames.RANGE_START)),
                Instant.parse(params.getString(JobParameterNames.RANGE_END)));
        String newFromParameter = params.getString(JobParameterNames.NEW_FROM);
        newFrom = newFromParameter == null ? range.start() : Instant.parse(newFromParameter);
        windowSize = context.settings().getWindow();
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
            startQuery(ec);
        }
        GraphPage page = query.pages().next(ec);
        contribution.incrementReadCount();
        recordsThisExecution += page.records().size();
        Instant collectedAt = context.clock().now();
        List<Placed> placed = placeable(page, collectedAt, ec);
        if (oneQueryPerWindow) {
            for (Placed record : placed) {
                writer.write(record.id(), subject.normalizer().normalize(record.json(), collectedAt));
            }
            if (!query.pages().hasNext()) {
                commitWindowReadAlone(ec);
            }
        } else {
            Optional<PageOrder.Violation> violation = PageOrder.firstViolation(
                    placed.stream().map(p -> new PageOrder.Event(p.time(), p.id())).toList(), resumeBefore, windowSize);
            if (violation.isPresent()) {
                giveUpOrder(ec, violation.get());
                return RepeatStatus.CONTINUABLE;
            }
            for (Placed record : placed) {
                acceptInOrder(record, collectedAt, ec);
            }
            if (!query.pages().hasNext()) {
                finishRange(ec);
            }
        }
        ec.putString(StepProgress.RESUME_BEFORE, resumeBefore.toString());
        if (!resumeBefore.isAfter(range.start())) {
            return RepeatStatus.FINISHED;
        }
        subject.progress().eventsProgress(recordsThisExecution, range.start(), range.end(),
                openWindow != null ? openWindow.start() : resumeBefore);
        return RepeatStatus.CONTINUABLE;
    }

    private void startQuery(ExecutionContext ec) throws IOException {
        Instant from = range.start();
        if (oneQueryPerWindow) {
            openWindow = new TimeWindow(resumeBefore.minus(windowSize), resumeBefore);
            writer = new EventWindowWriter(context.lake(), windowFile(openWindow), context.schemaOf(subject.type()),
                    context.parquet());
            from = openWindow.start();
        }
        Map<String, Long> counters = new HashMap<>();
        StepProgress.COMMIT_COUNTERS.forEach(k -> counters.put(k, ec.getLong(k, 0L)));
        query = new Query(new CountedPages(subject.session(), GraphQuery.eventsPage(subject.session().graphBaseUrl(),
                subject.type(), from, resumeBefore)), resumeBefore, counters);
    }

    /**
     * The page's records that can be placed in {@code [range start, query end)}, in served order; the others are
     * quarantined (no id, no time, ...) or counted and ignored (outside what was asked for: Graph returns them to
     * the query of their own window).
     */
    private List<Placed> placeable(GraphPage page, Instant collectedAt, ExecutionContext ec) throws IOException {
        String timeProperty = subject.type().timeProperty();
        Instant lowest = oneQueryPerWindow ? openWindow.start() : range.start();
        List<Placed> placed = new ArrayList<>(page.records().size());
        Map<JsonNode, String> problems = new java.util.IdentityHashMap<>();
        for (JsonNode record : page.records()) {
            Optional<String> problem = RecordProblems.ofEvent(record, timeProperty);
            if (problem.isPresent()) {
                problems.put(record, problem.get());
                continue;
            }
            Instant time = EventTime.of(record, timeProperty).orElseThrow();
            if (time.isBefore(lowest) || time.isAfter(query.end())) {
                StepProgress.add(ec, StepProgress.OUT_OF_RANGE, 1);
            } else if (time.isBefore(query.end())) {
                // a record exactly at the query's end belongs to the next window, which has its own query
                placed.add(new Placed(record, RecordProblems.idOf(record), time));
            }
        }
        quarantinedThisExecution += problems.size();
        if (!problems.isEmpty()) {
            QuarantineLimit.check(subject.type().dataset(), problems.size(), page.records().size(),
                    quarantinedThisExecution, problems.values().iterator().next(),
                    "the range stops before committing more, and the next run resumes from the last committed window");
        }
        for (Map.Entry<JsonNode, String> problem : problems.entrySet()) {
            quarantine(problem.getKey(), problem.getValue(), collectedAt, ec);
        }
        return placed;
    }

    private void quarantine(JsonNode record, String reason, Instant collectedAt, ExecutionContext ec) throws IOException {
        subject.session().lock().ensureHeld();
        Path file = quarantine.put(subject.type().dataset(), subject.session().tenantId(), record, reason,
                subject.type().dataset() + " " + range.start() + " .. " + query.end(), collectedAt);
        StepProgress.add(ec, StepProgress.QUARANTINED, 1);
        long logged = ec.getLong(StepProgress.QUARANTINED, 0L) - query.countersAtStart().get(StepProgress.QUARANTINED);
        if (logged <= LOGGED_QUARANTINES) {
            log.warn("{} [{}]: a record Graph sent cannot be placed ({}); kept in {}{}", subject.type().dataset(),
                    subject.session().name(), reason, file, logged == LOGGED_QUARANTINES
                            ? " (further ones are counted in the run summary, not logged one by one)" : "");
        }
    }

    private void acceptInOrder(Placed record, Instant collectedAt, ExecutionContext ec) throws IOException {
        TimeWindow window = TimeWindow.containing(record.time(), windowSize);
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
        writer.write(record.id(), subject.normalizer().normalize(record.json(), collectedAt));
    }

    /**
     * The page broke Graph's order: windows this query committed may still be missing records of the rest of
     * the query. They are given up (the restart point goes back to the query's end, their counters back to what
     * they were) and read again, like the rest of the range, one window per query. Nothing of this page is
     * written, so the chunk that ends now commits only the restart point.
     */
    private void giveUpOrder(ExecutionContext ec, PageOrder.Violation violation) {
        log.warn("{} [{}]: Graph returned {} out of {} order (record {} at {} after records older than {}); the windows"
                + " of {} .. {} are read again, one query per window: exact whatever the order, at least one request per"
                + " window", subject.type().dataset(), subject.session().name(), subject.type().dataset(),
                subject.type().timeProperty(), violation.id(), violation.time(), violation.bound(), range.start(),
                query.end());
        if (writer != null) {
            writer.abort();
            writer = null;
        }
        openWindow = null;
        query.countersAtStart().forEach(ec::putLong);
        resumeBefore = query.end();
        oneQueryPerWindow = true;
        query = null;
        ec.putString(StepProgress.ONE_QUERY_PER_WINDOW, "true");
        StepProgress.add(ec, StepProgress.ORDER_FALLBACKS, 1);
        ec.putString(StepProgress.RESUME_BEFORE, resumeBefore.toString());
    }

    private void commitOpenWindow(ExecutionContext ec) throws IOException {
        subject.session().lock().ensureHeld();
        count(ec, openWindow, writer.commit());
        writer = null;
        resumeBefore = openWindow.start();
        ec.putString(StepProgress.RESUME_BEFORE, resumeBefore.toString());
        openWindow = null;
    }

    /** One window's query has been read to its last page: the window is complete, whatever the order was. */
    private void commitWindowReadAlone(ExecutionContext ec) throws IOException {
        if (writer.written() == 0 && !mayClear(openWindow.start())) {
            writer.abort(); // an empty answer this old may mean purged, not empty: keep what the lake has
            writer = null;
            resumeBefore = openWindow.start();
            openWindow = null;
        } else {
            commitOpenWindow(ec);
        }
        query = null;
    }

    private void finishRange(ExecutionContext ec) throws IOException {
        if (openWindow != null) {
            commitOpenWindow(ec);
        }
        clearEmptyWindows(range.start(), resumeBefore);
        resumeBefore = range.start();
        query = null;
    }

    /** Adds a committed window to the counters: new rows, re-read rows, late arrivals, files. */
    private void count(ExecutionContext ec, TimeWindow window, CommitResult result) {
        long before = rowsBefore.computeIfAbsent(window.start(), w -> result.replacedRecords());
        boolean isNew = !window.start().isBefore(newFrom);
        StepProgress.add(ec, StepProgress.RECORDS_WRITTEN, result.records());
        StepProgress.add(ec, isNew ? StepProgress.RECORDS_NEW : StepProgress.RECORDS_REREAD, result.records());
        if (!isNew && result.records() > before) {
            StepProgress.add(ec, StepProgress.RECORDS_LATE, result.records() - before);
        }
        StepProgress.add(ec, StepProgress.DUPLICATES_DROPPED, result.duplicatesDropped());
        StepProgress.add(ec, StepProgress.FILES_COMMITTED, result.files());
        StepProgress.add(ec, StepProgress.FILES_NEW, result.files() > 0 && result.replacedRecords() == 0 ? 1 : 0);
        StepProgress.add(ec, StepProgress.BYTES_WRITTEN, result.bytes());
    }

    /** Windows in [from, to) turned out empty: a file left by an earlier read of them must go, or it would outlive its data. */
    private void clearEmptyWindows(Instant from, Instant to) throws IOException {
        subject.session().lock().ensureHeld();
        for (Instant s = from; s.isBefore(to); s = s.plus(windowSize)) {
            if (mayClear(s)) {
                EventWindowWriter.deleteIfPresent(context.lake(), windowFile(new TimeWindow(s, s.plus(windowSize))));
            }
        }
    }

    /**
     * Graph keeps 7 days on Free tenants (30 on P1/P2): a window starting before that may read empty because its
     * records were purged, not because it had none, so a file written while they were there is kept.
     */
    private boolean mayClear(Instant windowStart) {
        return !windowStart.isBefore(context.clock().now().minus(SHORTEST_GRAPH_RETENTION));
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
