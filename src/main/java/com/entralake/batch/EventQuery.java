package com.entralake.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.entralake.window.TimeWindow;

/**
 * One Graph query of an event range, over [start, end]: its pages, how far down its windows are written
 * ({@code writtenDownTo}: everything from there to its end has been written; the open window ends there), the
 * windows it found empty, and its counters — all of which count only once it has been read to its last page.
 * The reader opens it, the placer and the writer fill it, the range completes or gives it up.
 */
final class EventQuery {

    final CountedPages pages;
    final Instant start;
    final Instant end;
    /** Read for one window only, after Graph's order failed: written as it comes, whatever the order. */
    final boolean oneWindow;
    final PendingCounts counts = new PendingCounts();
    final List<TimeWindow> empty = new ArrayList<>();
    /** An unordered type's records, held until the query has been read to its last page. */
    final List<PlacedEvent> held = new ArrayList<>();
    Instant writtenDownTo;
    long records;
    long pagesRead;
    /** Given up (Graph's order failed in it): the reader drops the rest of its pages. */
    boolean abandoned;

    EventQuery(CountedPages pages, Instant start, Instant end, boolean oneWindow) {
        this.pages = pages;
        this.start = start;
        this.end = end;
        this.oneWindow = oneWindow;
        this.writtenDownTo = end;
    }
}
