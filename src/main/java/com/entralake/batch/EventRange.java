package com.entralake.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.entralake.graph.GraphQuery;
import com.entralake.window.TimeWindow;

/**
 * The range {@code [start, end)} one event step collects and how much of it is complete: the restart point the
 * reader keeps in the step's execution context ({@link StepProgress#RESUME_BEFORE}) and the writer moves.
 *
 * <p>Queries cover the uncommitted part from its newest end, each a slice of {@link QuerySpan} however many
 * windows that holds, so a sparse month costs a handful of requests and a dense hour is read in full pages. The
 * restart point moves, and the query's counters join the step's, only when a query has been read to its last page
 * ({@link #completed}): then every record in its time span has been seen, in whatever order Graph sent them. A run
 * interrupted inside a query reads that query again (its window files are replaced, never doubled). Once Graph's
 * order has failed ({@link #orderFailed}) the rest of the range is read one window per query, each exact whatever
 * the order. Queries end at day boundaries where they can, so that days can be written whole ({@link WholeDays}): a
 * slice of a day or more begins at a day's start; a dense day, of at most twice a slice's pages and
 * {@link WholeDays#DAY_QUERY_RECORDS} records, is read as one query from its start; and the first query, before
 * the span has been fitted to the data, does not reach back past the start of the day it ends in.
 */
final class EventRange {

    private static final Logger log = LoggerFactory.getLogger(EventRange.class);

    private final StepSubject subject;
    private final TimeWindow range;
    private final Duration windowSize;
    /** Windows from here on were never collected before this range: their rows are new, earlier ones re-read. */
    private final Instant newFrom;
    private final QuerySpan span;
    /** Everything in [resumeBefore, range end) is complete in the lake. */
    private Instant resumeBefore;
    private boolean oneQueryPerWindow;
    /** What completed queries add to the step's counters when the chunk commits. */
    private final PendingCounts completedCounts = new PendingCounts();
    private boolean moved;
    /** The last completed query as {@link StepProgress#LAST_QUERY} keeps it, or null before one. */
    private String lastQuery;

    EventRange(StepSubject subject, JobParameters parameters, Duration windowSize) {
        this.subject = subject;
        this.range = new TimeWindow(Instant.parse(parameters.getString(JobParameterNames.RANGE_START)),
                Instant.parse(parameters.getString(JobParameterNames.RANGE_END)));
        String newFromParameter = parameters.getString(JobParameterNames.NEW_FROM);
        this.newFrom = newFromParameter == null ? range.start() : Instant.parse(newFromParameter);
        this.windowSize = windowSize;
        this.span = new QuerySpan(windowSize);
        this.resumeBefore = range.end();
    }

    /** Takes up the restart point a failed execution of this range left. */
    void open(ExecutionContext ec) {
        if (ec.containsKey(StepProgress.RESUME_BEFORE)) {
            resumeBefore = Instant.parse(ec.getString(StepProgress.RESUME_BEFORE));
        }
        oneQueryPerWindow = ec.containsKey(StepProgress.ONE_QUERY_PER_WINDOW);
        if (ec.containsKey(StepProgress.LAST_QUERY)) {
            lastQuery = ec.getString(StepProgress.LAST_QUERY);
            String[] q = lastQuery.split(" ");
            span.completed(Duration.parse(q[0]), Long.parseLong(q[1]), Long.parseLong(q[2]), subject.type().pageSize());
        }
        if (resumeBefore.isBefore(range.end())) {
            log.info("{} [{}]: resuming {} — windows from {} on are already committed{}", subject.type().dataset(),
                    subject.session().name(), range, resumeBefore,
                    oneQueryPerWindow ? "; Graph's order failed earlier, so one query per window" : "");
        }
    }

    /** Records what the chunk about to commit completed: the restart point, the fallback, the counters. */
    void update(ExecutionContext ec) {
        if (moved) {
            ec.putString(StepProgress.RESUME_BEFORE, resumeBefore.toString());
            if (lastQuery != null) {
                ec.putString(StepProgress.LAST_QUERY, lastQuery);
            }
            moved = false;
        }
        if (oneQueryPerWindow) {
            ec.putString(StepProgress.ONE_QUERY_PER_WINDOW, "true");
        }
        completedCounts.flushInto(ec);
    }

    /** The next query of the range, or nothing when the whole range is complete. */
    Optional<EventQuery> nextQuery() {
        if (!resumeBefore.isAfter(range.start())) {
            return Optional.empty();
        }
        Instant start;
        if (oneQueryPerWindow) {
            start = resumeBefore.minus(windowSize);
        } else {
            Instant sliceStart = resumeBefore.minus(span.current());
            if (span.current().compareTo(WholeDays.DAY) >= 0) {
                // a slice of a day or more begins at a day's start (at most a day longer), so that its days are
                // whole: each can be written as its one compacted file (WholeDays)
                sliceStart = TimeWindow.alignDown(sliceStart, WholeDays.DAY);
            } else {
                Instant dayStart = TimeWindow.alignDown(resumeBefore.minus(windowSize), WholeDays.DAY);
                if (span.current().multipliedBy(2).compareTo(WholeDays.DAY) >= 0
                        && span.dayHoldsAtMost(WholeDays.DAY_QUERY_RECORDS)) {
                    // a dense day that still fits a whole day's writer is read as one query, from the start of the
                    // day the query ends in, so that it too is written whole: not 24 windows written, read back and
                    // rewritten
                    sliceStart = dayStart;
                } else if (!span.measured() && sliceStart.isBefore(dayStart)) {
                    // the first query, of a span not yet fitted to the data, stays inside the day it ends in: the
                    // next then ends at a day's start, so that the day before can be read, and written, whole
                    sliceStart = dayStart;
                }
            }
            start = sliceStart.isAfter(range.start()) ? sliceStart : range.start();
        }
        CountedPages pages = new CountedPages(subject.session(), subject.type(),
                GraphQuery.eventsPage(subject.session().graphBaseUrl(), subject.type(), start, resumeBefore));
        return Optional.of(new EventQuery(pages, start, resumeBefore, oneQueryPerWindow));
    }

    /** The query has been read to its last page and its windows committed: the range is complete down to its start. */
    void completed(EventQuery query) {
        if (!query.oneWindow) {
            Duration covered = Duration.between(query.start, query.end);
            span.completed(covered, query.records, query.pagesRead, subject.type().pageSize());
            lastQuery = covered + " " + query.records + " " + query.pagesRead;
        }
        query.counts.flushInto(completedCounts);
        resumeBefore = query.start;
        moved = true;
    }

    /**
     * Graph broke its order inside {@code query}: its windows may still lack records of the rest of it. It is given
     * up — the restart point never moved past it, its counters never counted — and the rest of the range is read one
     * window per query: exact whatever the order, at least one request per window.
     */
    void orderFailed(EventQuery query, PageOrder.Violation violation) {
        log.warn("{} [{}]: Graph returned {} out of {} order (record {} at {} after records older than {}); the windows"
                + " of {} .. {} are read again, one query per window: exact whatever the order, at least one request per"
                + " window", subject.type().dataset(), subject.session().name(), subject.type().dataset(),
                subject.type().timeWindows().orElseThrow().timeProperty(), violation.id(), violation.time(),
                violation.bound(), range.start(), resumeBefore);
        query.abandoned = true;
        query.counts.discard();
        oneQueryPerWindow = true;
        completedCounts.add(StepProgress.ORDER_FALLBACKS, 1);
    }

    /** Where the windows never collected before begin (the range's start for a backfill). */
    Instant newFrom() {
        return newFrom;
    }

    /**
     * A day the query read whole held more records than a whole day's writer may (a burst in a quiet tenant): the
     * query is given up like one whose order failed — the restart point never moved past it, its counters never
     * counted — and read again, its days window by window, so that memory holds one window's ids again.
     */
    void dayTooLargeToWriteWhole(EventQuery query, java.time.LocalDate day, int limit) {
        log.warn("{} [{}]: {} holds more than {} records, more than a day is written whole; the query {} .. {} is read"
                + " again with its days window by window", subject.type().dataset(), subject.session().name(), day,
                limit, query.start, query.end);
        query.abandoned = true;
        query.counts.discard();
    }

    boolean isNew(TimeWindow window) {
        return !window.start().isBefore(newFrom);
    }

    Duration windowSize() {
        return windowSize;
    }

    TimeWindow range() {
        return range;
    }

    Instant resumeBefore() {
        return resumeBefore;
    }

    StepSubject subject() {
        return subject;
    }
}
