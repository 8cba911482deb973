package com.entralake.batch;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.entralake.lake.CommitResult;
import com.entralake.lake.EventWindowWriter;
import com.entralake.lake.ParquetSettings;
import com.entralake.lake.PartitionCompactor;
import com.entralake.schema.RecordNormalizer;
import com.entralake.window.TimeWindow;

/**
 * Writes placed events to the one file each window names, and commits a window when it is complete.
 *
 * <p>Graph returns ordered types newest first, so windows fill — and are written — from the newest to the oldest:
 * memory holds one page and one window's (or whole day's) ids. That order is a promise of the server, not a proof, so every page is
 * checked against it before any of it is written ({@link PageOrder}): a record for a window already written means
 * the query's windows may lack records still to come, and the query is given up ({@link EventRange#orderFailed}).
 * A type with no documented order has its query's records held until the last page, then written newest first.
 * When a query has been read to its end, the windows it found empty lose any file an earlier read left, and the
 * range moves its restart point ({@link EventRange#completed}). A day the query covers whole, and that is final once
 * the range completes, is written as one unit instead of window by window ({@link WholeDays}): the same order check
 * applies, and the day commits, as its one compacted file, once a record of an older day arrives or the query ends.
 */
class EventWindowItemWriter implements ItemWriter<PlacedPage>, ItemStream {

    private static final Logger log = LoggerFactory.getLogger(EventWindowItemWriter.class);

    private final EventRange range;
    private final StepSubject subject;
    private final CollectionContext context;
    private final boolean ordered;
    private final PartitionCompactor compactor;
    private final WholeDays wholeDays;
    /** The window, or whole day ({@link WholeDays}), being written. */
    private TimeWindow openWindow;
    private EventWindowWriter writer;
    private long recordsThisExecution;
    /** What a window file held before this execution first replaced it: the base for counting late arrivals. */
    private final Map<TimeWindow, Long> rowsBefore = new HashMap<>();

    EventWindowItemWriter(EventRange range, CollectionContext context) {
        this.range = range;
        this.subject = range.subject();
        this.context = context;
        this.ordered = subject.type().timeWindows().orElseThrow().ordered();
        this.compactor = context.compactorOf(subject.type());
        this.wholeDays = new WholeDays(context.settings().isCompactFinalDays(), range.range().end(), range.newFrom(),
                context.settings().getLookback());
    }

    @Override
    public void write(Chunk<? extends PlacedPage> pages) throws IOException {
        for (PlacedPage page : pages) {
            write(page);
        }
        // a run that lost its lock stops at the page it is on instead of reading on
        subject.session().lock().ensureHeld();
    }

    private void write(PlacedPage page) throws IOException {
        EventQuery query = page.query();
        recordsThisExecution += page.read();
        if (query.oneWindow) {
            if (writer == null) {
                openWindow(new TimeWindow(query.start, query.end));
            }
            for (PlacedEvent event : page.events()) {
                writer.write(event.row().id(), event.row().row());
            }
        } else if (!ordered) {
            // no documented order: nothing of the query is placed before its last page, then newest first
            query.held.addAll(page.events());
            if (page.last()) {
                query.held.sort(Comparator.comparing(PlacedEvent::time).reversed());
                boolean written = writeInOrder(query, query.held);
                query.held.clear();
                if (!written) {
                    return;
                }
            }
        } else {
            Optional<PageOrder.Violation> violation = PageOrder.firstViolation(
                    page.events().stream().map(e -> new PageOrder.Event(e.time(), e.row().id())).toList(),
                    query.writtenDownTo, range.windowSize());
            if (violation.isPresent()) {
                // nothing of this page is written: the chunk that ends now commits only the switch
                abortOpenWindow();
                range.orderFailed(query, violation.get());
                return;
            }
            if (!writeInOrder(query, page.events())) {
                return;
            }
        }
        if (page.last()) {
            finish(query);
        }
        subject.progress().eventsProgress(recordsThisExecution, range.range().start(), range.range().end(),
                openWindow != null ? openWindow.start() : range.resumeBefore());
    }

    /** Writes the events, newest first; false when the query had to be given up (a day too large to write whole). */
    private boolean writeInOrder(EventQuery query, List<PlacedEvent> events) throws IOException {
        for (PlacedEvent event : events) {
            TimeWindow window = TimeWindow.containing(event.time(), range.windowSize());
            if (openWindow == null || window.start().isBefore(openWindow.start())) {
                if (openWindow != null) {
                    commitOpenWindow(query);
                }
                Optional<TimeWindow> day = wholeDayOf(query, window);
                TimeWindow unit = day.isPresent() && openedWholeDay(day.get()) ? day.get() : window;
                if (unit == window) {
                    openWindow(window);
                }
                // the windows between had no records in this query: their files go once the query is read to its end
                for (Instant s = unit.end(); s.isBefore(query.writtenDownTo); s = s.plus(range.windowSize())) {
                    query.empty.add(new TimeWindow(s, s.plus(range.windowSize())));
                }
                query.writtenDownTo = unit.end();
            }
            writer.write(event.row().id(), event.row().row());
            if (writer.isWholeDay() && writer.records() > WholeDays.MAX_RECORDS) {
                abortOpenWindow();
                wholeDays.disable();
                range.dayTooLargeToWriteWhole(query, TimeWindow.containing(event.time(), WholeDays.DAY).startDate(),
                        WholeDays.MAX_RECORDS);
                return false;
            }
        }
        return true;
    }

    /** The query has been read to its last page: every window in its span is complete, whatever the order was. */
    private void finish(EventQuery query) throws IOException {
        if (openWindow != null) {
            commitOpenWindow(query);
        }
        if (!query.oneWindow) {
            for (Instant s = query.start; s.isBefore(query.writtenDownTo); s = s.plus(range.windowSize())) {
                query.empty.add(new TimeWindow(s, s.plus(range.windowSize())));
            }
            Set<TimeWindow> emptyCompactedDays = new LinkedHashSet<>();
            for (TimeWindow empty : query.empty) {
                // the compactor's cached answer first: only a compacted day needs the whole-day test (and its listing)
                TimeWindow emptyDay = TimeWindow.containing(empty.start(), WholeDays.DAY);
                Optional<TimeWindow> day = compactor.isCompacted(dayFolder(emptyDay)) ? wholeDayOf(query, empty)
                        : Optional.empty();
                if (day.isPresent()) {
                    // the whole day is empty in this query: its compacted files are rewritten once, not once per window
                    emptyCompactedDays.add(day.get());
                } else {
                    clearEmptyWindow(empty);
                }
            }
            for (TimeWindow day : emptyCompactedDays) {
                clearEmptyWindow(day);
            }
        }
        range.completed(query);
    }

    private void openWindow(TimeWindow window) throws IOException {
        openWindow = window;
        writer = new EventWindowWriter(context.lake(), windowFile(window), context.schemaOf(subject.type()),
                context.parquetOf(subject.type()).withPageSize(ParquetSettings.WINDOW_PAGE_SIZE), compactedDay(window));
    }

    /**
     * The whole day {@code window} is written in ({@link WholeDays}), unless Graph may have purged part of that day
     * while the lake holds it: then each window keeps what the lake has where Graph returns fewer records
     * ({@link #graphHoldsAllOf}), which a whole day, counted as one, could not do without losing a late record in
     * its other windows. A day the lake has nothing of yet (a first backfill) is written whole at any age.
     */
    private Optional<TimeWindow> wholeDayOf(EventQuery query, TimeWindow window) throws IOException {
        Optional<TimeWindow> day = wholeDays.dayOf(query, window);
        if (day.isPresent() && !graphHoldsAllOf(day.get().start()) && compactor.hasFiles(dayFolder(day.get()))) {
            return Optional.empty();
        }
        return day;
    }

    /**
     * Opens the writer of a whole day, in the staging area. When that cannot be written the step goes on window by
     * window, as with compaction off: what the run collects does not depend on the staging area (compaction, which
     * needs it too, then says once the run ends which days stayed in their window files).
     */
    private boolean openedWholeDay(TimeWindow day) {
        try {
            writer = EventWindowWriter.wholeDay(context.lake(), dayFolder(day), context.schemaOf(subject.type()),
                    context.wholeDayParquetOf(subject.type()), compactor);
        } catch (IOException e) {
            log.warn("{} [{}]: cannot write {} whole in the lake's staging area ({}); writing its days window by window",
                    subject.type().dataset(), subject.session().name(), day.startDate(), e.getMessage());
            wholeDays.disable();
            return false;
        }
        openWindow = day;
        return true;
    }

    private void commitOpenWindow(EventQuery query) throws IOException {
        subject.session().lock().ensureHeld();
        count(query, openWindow, writer.commit(graphHoldsAllOf(openWindow.start())));
        writer = null;
        query.writtenDownTo = openWindow.start();
        openWindow = null;
    }

    private void abortOpenWindow() {
        if (writer != null) {
            writer.abort();
            writer = null;
        }
        openWindow = null;
    }

    /** Adds a committed window to the query's counters: new rows, re-read rows, late arrivals, files. */
    private void count(EventQuery query, TimeWindow window, CommitResult result) {
        PendingCounts counts = query.counts;
        long before = rowsBefore.computeIfAbsent(window, w -> result.replacedRecords());
        boolean isNew = range.isNew(window);
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
            EventWindowWriter.clear(context.lake(), windowFile(window), compactedDay(window));
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

    /** How the window replaces its earlier records once its day is compacted: by its time property's value. */
    private EventWindowWriter.CompactedDay compactedDay(TimeWindow window) {
        String timeColumn = subject.type().timeWindows().orElseThrow().timeProperty();
        long start = RecordNormalizer.toEpochMicros(window.start());
        long end = RecordNormalizer.toEpochMicros(window.end());
        return new EventWindowWriter.CompactedDay(compactor, record -> record.get(timeColumn) instanceof Long micros
                && micros >= start && micros < end);
    }

    private Path dayFolder(TimeWindow day) {
        return context.layout().eventPartition(subject.type().dataset(), subject.session().tenantId(), day.startDate());
    }

    private Path windowFile(TimeWindow window) {
        return context.layout().windowFile(subject.type().dataset(), subject.session().tenantId(), window);
    }

    @Override
    public void close() {
        // the open window never committed: its temporary file must not outlive the step
        abortOpenWindow();
    }
}
