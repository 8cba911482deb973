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
        if (corruption == null || (timeProperty == null && (corruption == Corruption.NO_TIME || corruption == Corruption.BAD_TIME))) {
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
            case NO_ID -> {
                copy.remove("id");
                yield copy;
            }
            case NOT_AN_OBJECT -> TextNode.valueOf("record " + id + " could not be rendered");
        };
    }
}
