package com.entralake.window;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads an event's time property (ISO-8601, up to 7 fractional digits) at the microsecond precision the lake keeps. */
public final class EventTime {

    private EventTime() {
    }

    /** The record's time, or an exception naming the record: an event without its time cannot be placed in a window. */
    public static Instant of(JsonNode record, String property) {
        JsonNode value = record.get(property);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("record " + record.path("id").asText("<no id>") + " has no " + property);
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("record " + record.path("id").asText("<no id>") + " has an unreadable "
                    + property + ": " + value.asText());
        }
    }
}
