package com.entralake.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;

/**
 * An event record (sign-in or directory audit). {@code json} is what goes on the wire; {@code visibleAt} and
 * {@code seq} (publication order, used to order re-published versions) are emulator-only metadata.
 */
public record EventRecord(String id, Instant time, Instant visibleAt, long seq, ObjectNode json) {

    /** Ascending sort key: time, then publication sequence, then id. */
    static final Comparator<EventRecord> ASC = Comparator.comparing(EventRecord::time)
            .thenComparingLong(EventRecord::seq).thenComparing(EventRecord::id);

    /** Newest first; among equal times the earlier-published version still comes first. */
    static final Comparator<EventRecord> DESC = Comparator.comparing(EventRecord::time, Comparator.reverseOrder())
            .thenComparingLong(EventRecord::seq).thenComparing(EventRecord::id);
}
