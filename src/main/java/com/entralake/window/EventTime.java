package com.entralake.window;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads an event's time property (ISO-8601 with an offset, up to 7 fractional digits) at the microsecond precision the lake keeps. */
public final class EventTime {

    private EventTime() {
    }

    /** The record's time; empty when the property is missing, not text, or not a timestamp. */
    public static Optional<Instant> of(JsonNode record, String property) {
        JsonNode value = record == null ? null : record.get(property);
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.asText()).toInstant().truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
