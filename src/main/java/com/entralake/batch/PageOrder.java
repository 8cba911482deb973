package com.entralake.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.entralake.window.TimeWindow;

/**
 * Checks a page against the one promise window commits rest on: Graph returns events newest first, so a
 * window is complete once a record of an older window arrives. A page keeps the promise when, taken in
 * the order served, no record belongs to a window newer than the one open when it arrives (records of
 * the open window may come in any order, equal times are fine). Checked on the whole page before any of
 * it is written, because one record too late is enough to have committed its window without it.
 */
final class PageOrder {

    /** The record that broke the order, and the bound it broke: everything at or after {@code bound} was already committed. */
    record Violation(Instant time, String id, Instant bound) {
    }

    /** A record of the page, in the order Graph served it. */
    record Event(Instant time, String id) {
    }

    private PageOrder() {
    }

    /**
     * @param events       the page's placeable records in served order
     * @param resumeBefore everything at or after it is committed (it is the end of the open window, if one is open)
     */
    static Optional<Violation> firstViolation(List<Event> events, Instant resumeBefore, Duration window) {
        Instant bound = resumeBefore;
        for (Event e : events) {
            if (!e.time().isBefore(bound)) {
                return Optional.of(new Violation(e.time(), e.id(), bound));
            }
            Instant end = TimeWindow.containing(e.time(), window).end();
            if (end.isBefore(bound)) {
                bound = end;
            }
        }
        return Optional.empty();
    }
}
