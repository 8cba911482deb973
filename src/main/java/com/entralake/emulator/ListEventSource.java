package com.entralake.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Explicit in-memory records for tests. Adding a record with an id that already exists RE-PUBLISHES it: both
 * versions are kept and, once visible, both are served; among equal time the later-published one comes after.
 */
public final class ListEventSource implements EventSource {
    private static final AtomicLong SEQ = new AtomicLong();
    private final String timeProperty;
    private final NavigableSet<EventRecord> records = new ConcurrentSkipListSet<>(EventRecord.ASC);

    public ListEventSource(String timeProperty) {
        this.timeProperty = timeProperty;
    }

    /** Adds a record visible immediately (visibleAt = its own time). The json must hold "id" and the time property. */
    public EventRecord add(ObjectNode json) {
        Instant t = Instant.parse(json.get(timeProperty).asText());
        return add(json, t);
    }

    /** Adds a record (or a re-published version of an existing id) that becomes visible at {@code visibleAt}. */
    public EventRecord add(ObjectNode json, Instant visibleAt) {
        String id = json.get("id").asText();
        Instant t = Instant.parse(json.get(timeProperty).asText());
        EventRecord r = new EventRecord(id, t, visibleAt, SEQ.incrementAndGet(), json.deepCopy());
        records.add(r);
        return r;
    }

    /** Same as {@link #add(ObjectNode, Instant)}; named for readability when the id already exists. */
    public EventRecord republish(ObjectNode json, Instant visibleAt) {
        return add(json, visibleAt);
    }

    public void clear() {
        records.clear();
    }

    public int size() {
        return records.size();
    }

    @Override
    public Iterator<EventRecord> scan(Instant from, Instant toExclusive, boolean descending) {
        if (!from.isBefore(toExclusive)) {
            return java.util.Collections.emptyIterator();
        }
        EventRecord lo = new EventRecord("", from, from, Long.MIN_VALUE, null);
        EventRecord hi = new EventRecord("", toExclusive, toExclusive, Long.MIN_VALUE, null);
        NavigableSet<EventRecord> sub = records.subSet(lo, true, hi, false);
        return descending ? sortedDesc(sub) : sub.iterator();
    }

    private static Iterator<EventRecord> sortedDesc(NavigableSet<EventRecord> sub) {
        // DESC order = time descending, seq ascending: materialise only this range (list sources are small)
        java.util.List<EventRecord> l = new java.util.ArrayList<>(sub);
        l.sort(EventRecord.DESC);
        return l.iterator();
    }
}
