package com.entralake.quarantine;

import java.time.Instant;
import java.util.Optional;

import com.entralake.schema.LakeTimeRange;
import com.entralake.window.EventTime;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What makes a record impossible to place in the lake: every element of a Graph {@code value} array is
 * checked here before anything is written, so a record without an id or a time is set aside with its
 * reason instead of stopping its dataset (run after run, until the rest of the range ages out of Graph).
 */
public final class RecordProblems {

    private static final int MAX_VALUE_IN_REASON = 60;

    private RecordProblems() {
    }

    /** An event (sign-in, audit): a JSON object with an id and a readable time property from 1900 on. */
    public static Optional<String> ofEvent(JsonNode record, String timeProperty) {
        Optional<String> object = ofDirectoryObject(record);
        if (object.isPresent()) {
            return object;
        }
        JsonNode time = record.get(timeProperty);
        if (time == null || time.isNull()) {
            return Optional.of("no " + timeProperty);
        }
        Optional<Instant> written = EventTime.written(record, timeProperty);
        if (written.isEmpty()) {
            return Optional.of(timeProperty + " is not a timestamp: " + shorten(time.toString()));
        }
        if (!LakeTimeRange.keeps(written.get())) {
            // Graph's "never": no window holds it, and counting it out of range would drop it without a trace
            return Optional.of(timeProperty + " is before " + LakeTimeRange.EARLIEST_TIMESTAMP + ", the oldest time the"
                    + " lake keeps (Graph writes 0001-01-01T00:00:00Z for \"never\"): " + shorten(time.toString()));
        }
        return Optional.empty();
    }

    /** A directory object (user, group): a JSON object with an id. */
    public static Optional<String> ofDirectoryObject(JsonNode record) {
        if (record == null || !record.isObject()) {
            return Optional.of("not a JSON object (" + (record == null ? "missing" : record.getNodeType().name().toLowerCase())
                    + ")");
        }
        if (idOf(record) == null) {
            return Optional.of("no id");
        }
        return Optional.empty();
    }

    /** The record's id as text, or null when it has none usable as a key. */
    public static String idOf(JsonNode record) {
        JsonNode id = record == null ? null : record.get("id");
        if (id == null || id.isNull() || id.isContainerNode()) {
            return null;
        }
        String text = id.asText();
        return text.isBlank() ? null : text;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_VALUE_IN_REASON ? text : text.substring(0, MAX_VALUE_IN_REASON) + "…";
    }
}
