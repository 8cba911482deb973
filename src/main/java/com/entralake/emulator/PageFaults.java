package com.entralake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a misbehaving Graph does to the records of an event page, per tenant, thread safe: pages out of
 * their documented newest-first order, records that lack their time or id, records repeated within a
 * page or across a page boundary, and 429 storms. Real Graph is documented to do none of this; a
 * reader must survive all of it without losing or doubling a record, which is what these switches test.
 */
public final class PageFaults {

    /** How a page breaks Graph's newest-first order. */
    public enum Misorder {
        NONE,
        /** The page's newest record is served last on the same page. */
        WITHIN_PAGE,
        /**
         * The page's newest record is held back and served first on the next page, after records older than
         * it (the last page keeps it at its end): the order looks fine page by page and is wrong across them.
         */
        ACROSS_PAGES
    }

    /** How a served record is damaged (the emulator still files and filters it by its true time). */
    public enum Corruption {
        /** The time property is missing. */
        NO_TIME,
        /** The time property is text that is no timestamp. */
        BAD_TIME,
        /** The time property is Graph's "never", {@code 0001-01-01T00:00:00Z}: a timestamp, but of no window. */
        NEVER_TIME,
        /** The {@code id} property is missing. */
        NO_ID,
        /** The element of {@code value} is a JSON string instead of an object. */
        NOT_AN_OBJECT
    }

    /** Where a record is served twice. */
    public enum Duplication {
        NONE,
        /** Each page's first record is served twice in a row. */
        WITHIN_PAGE,
        /** Each page after the first starts again with the previous page's last record. */
        ACROSS_PAGES
    }

    static final class State {
        volatile Misorder misorder = Misorder.NONE;
        volatile Duplication duplication = Duplication.NONE;
        final Map<String, Corruption> corrupted = new ConcurrentHashMap<>();
        int stormLeft;
        Duration stormRetryAfter;
        /** Event pages still served before every event request fails; -1 = no such fault. */
        int pagesBeforeOutage = -1;
        /** The event page (counted over all queries) whose newest record is dropped, after which Graph fails; 0 = off. */
        int holdBackPage;
        int eventPagesServed;
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    State state(String tenantId) {
        return states.computeIfAbsent(tenantId == null ? "" : tenantId.toLowerCase(), k -> new State());
    }

    /** Event pages of this tenant break Graph's order this way from now on ({@link Misorder#NONE} clears). */
    public void misorder(String tenantId, Misorder misorder) {
        state(tenantId).misorder = misorder;
    }

    /** Event pages of this tenant repeat records this way from now on ({@link Duplication#NONE} clears). */
    public void duplicate(String tenantId, Duplication duplication) {
        state(tenantId).duplication = duplication;
    }

    /** The record with this id is served damaged, every time it is served, until cleared. */
    public void corrupt(String tenantId, String recordId, Corruption corruption) {
        state(tenantId).corrupted.put(recordId, corruption);
    }

    /**
     * The next {@code count} Graph requests of this tenant answer 429; with {@code Retry-After} in seconds when
     * {@code retryAfter} is given, without the header when it is null (Microsoft documents 429s without it for some
     * endpoints, e.g. identity protection).
     */
    public void throttleStorm(String tenantId, int count, Duration retryAfter) {
        State s = state(tenantId);
        synchronized (s) {
            s.stormLeft = count;
            s.stormRetryAfter = retryAfter;
        }
    }

    /**
     * The next {@code pages} event pages of this tenant are served, whatever query they belong to; then every
     * event request answers 500 until cleared — an outage that begins in the middle of a run.
     */
    public void failAfterPages(String tenantId, int pages) {
        State s = state(tenantId);
        synchronized (s) {
            s.pagesBeforeOutage = pages;
        }
    }

    /**
     * Page {@code nthPage} of this tenant's event pages (counted over every query) is served without its newest
     * record — which, in order, would have come first — and every event request after it fails until cleared.
     * What a reader sees: windows that look complete on the strength of the order, then an outage before the
     * record that proves them incomplete could arrive. Cleared, Graph serves that record again like any other.
     */
    public void holdBackThenFail(String tenantId, int nthPage) {
        State s = state(tenantId);
        synchronized (s) {
            s.holdBackPage = nthPage;
            s.eventPagesServed = 0;
        }
    }

    /** Whether the page being served is the one to lose its newest record (and start the outage). */
    boolean takeHoldBack(String tenantId, boolean more) {
        State s = state(tenantId);
        synchronized (s) {
            s.eventPagesServed++;
            if (s.holdBackPage > 0 && s.eventPagesServed == s.holdBackPage && more) {
                s.pagesBeforeOutage = 0;
                return true;
            }
            return false;
        }
    }

    /** Clears every page fault of a tenant. */
    public void clear(String tenantId) {
        states.remove(tenantId == null ? "" : tenantId.toLowerCase());
    }

    public void clearAll() {
        states.clear();
    }

    // --- used by the server ---

    /** A storm's next 429, or null when there is none: {@code [retryAfter or null]} wrapped so that "no header" is told apart. */
    StormAnswer takeStorm(String tenantId) {
        State s = state(tenantId);
        synchronized (s) {
            if (s.stormLeft <= 0) {
                return null;
            }
            s.stormLeft--;
            return new StormAnswer(s.stormRetryAfter);
        }
    }

    record StormAnswer(Duration retryAfter) {
    }

    /** Whether this event request falls in the outage of {@link #failAfterPages}; counts the page otherwise. */
    boolean takeOutage(String tenantId) {
        State s = state(tenantId);
        synchronized (s) {
            if (s.pagesBeforeOutage < 0) {
                return false;
            }
            if (s.pagesBeforeOutage == 0) {
                return true;
            }
            s.pagesBeforeOutage--;
            return false;
        }
    }

    /** The wire form of an event as this tenant's faults serve it: a copy, damaged if its id is marked. */
    JsonNode wire(String tenantId, EventRecord record, String timeProperty) {
        return wire(tenantId, record.id(), record.json(), timeProperty);
    }

    /** The wire form of a directory object (user, group): a copy, damaged if its id is marked (time faults do not apply). */
    JsonNode wire(String tenantId, ObjectNode object) {
        return wire(tenantId, object.path("id").asText(), object, null);
    }

    private JsonNode wire(String tenantId, String id, ObjectNode json, String timeProperty) {
        Corruption corruption = state(tenantId).corrupted.get(id);
        if (corruption == null || (timeProperty == null && (corruption == Corruption.NO_TIME || corruption == Corruption.BAD_TIME
                || corruption == Corruption.NEVER_TIME))) {
            return json;
        }
        ObjectNode copy = json.deepCopy();
        return switch (corruption) {
            case NO_TIME -> {
                copy.remove(timeProperty);
                yield copy;
            }
            case BAD_TIME -> {
                copy.put(timeProperty, "yesterday, around noon");
                yield copy;
            }
            case NEVER_TIME -> {
                copy.put(timeProperty, "0001-01-01T00:00:00Z");
                yield copy;
            }
            case NO_ID -> {
                copy.remove("id");
                yield copy;
            }
            case NOT_AN_OBJECT -> TextNode.valueOf("record " + id + " could not be rendered");
        };
    }
}
