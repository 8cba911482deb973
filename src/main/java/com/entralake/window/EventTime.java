package com.entralake.window;

import java.time.Instant;
import java.util.Optional;

import com.entralake.schema.GraphTimestamps;
import com.entralake.schema.LakeTimeRange;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an event's time property (ISO-8601 with an offset, up to 7 fractional digits) at the microsecond precision
 * the lake keeps, with the parser and the age rule of the typed columns: a record placed in a window always has that
 * time in its typed column, never a null.
 */
public final class EventTime {

    private EventTime() {
    }

    /**
     * The record's time; empty when the property is missing, not text, not a timestamp, or older than the lake keeps
     * (Graph's {@code 0001-01-01T00:00:00Z} "never": such an event belongs to no window).
     */
    public static Optional<Instant> of(JsonNode record, String property) {
        return written(record, property).filter(LakeTimeRange::keeps);
    }

    /** The time as written, whatever its age; empty when the property is missing, not text, or not a timestamp. */
    public static Optional<Instant> written(JsonNode record, String property) {
        JsonNode value = record == null ? null : record.get(property);
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        return Optional.ofNullable(GraphTimestamps.parseInstant(value.textValue()));
    }
}
