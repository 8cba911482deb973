package com.entralake.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.entralake.window.EventTime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RecordProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aWellFormedEventHasNoProblem() throws Exception {
        assertThat(RecordProblems.ofEvent(json("{\"id\":\"a\",\"createdDateTime\":\"2026-11-20T10:00:00.1234567Z\"}"),
                "createdDateTime")).isEmpty();
        assertThat(RecordProblems.ofEvent(json("{\"id\":\"a\",\"createdDateTime\":\"2026-11-20T10:00:00+01:00\"}"),
                "createdDateTime")).as("an offset is a time too").isEmpty();
    }

    @Test
    void everyWayARecordCannotBePlacedIsNamed() throws Exception {
        assertThat(RecordProblems.ofEvent(json("\"x\""), "createdDateTime")).hasValue("not a JSON object (string)");
        assertThat(RecordProblems.ofEvent(json("null"), "createdDateTime")).hasValue("not a JSON object (null)");
        assertThat(RecordProblems.ofEvent(json("{\"createdDateTime\":\"2026-11-20T10:00:00Z\"}"), "createdDateTime"))
                .hasValue("no id");
        assertThat(RecordProblems.ofEvent(json("{\"id\":\" \",\"createdDateTime\":\"2026-11-20T10:00:00Z\"}"),
                "createdDateTime")).hasValue("no id");
        assertThat(RecordProblems.ofEvent(json("{\"id\":{\"a\":1}}"), "createdDateTime")).hasValue("no id");
        assertThat(RecordProblems.ofEvent(json("{\"id\":\"a\"}"), "createdDateTime")).hasValue("no createdDateTime");
        assertThat(RecordProblems.ofEvent(json("{\"id\":\"a\",\"createdDateTime\":null}"), "createdDateTime"))
                .hasValue("no createdDateTime");
        assertThat(RecordProblems.ofEvent(json("{\"id\":\"a\",\"createdDateTime\":\"2026-11-20 10:00\"}"), "createdDateTime"))
                .hasValue("createdDateTime is not a timestamp: \"2026-11-20 10:00\"");
        assertThat(RecordProblems.ofEvent(json("{\"id\":\"a\",\"createdDateTime\":1732096800}"), "createdDateTime"))
                .hasValue("createdDateTime is not a timestamp: 1732096800");
        assertThat(RecordProblems.ofEvent(json("{\"id\":\"a\",\"createdDateTime\":\"" + "x".repeat(200) + "\"}"),
                "createdDateTime")).hasValueSatisfying(p -> assertThat(p).hasSizeLessThan(120).endsWith("…"));
    }

    /**
     * Graph's "never" as an event's time cannot be placed in any window, and its typed column would be null: it is
     * set aside with a reason that says so, instead of being counted out of range and dropped without a trace.
     */
    @Test
    void aTimeBefore1900IsNamedAsSuch() throws Exception {
        for (String never : new String[] {"0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000Z", "1601-01-01T00:00:00Z",
                "1899-12-31T23:59:59.9999999Z"}) {
            assertThat(RecordProblems.ofEvent(json("{\"id\":\"a\",\"createdDateTime\":\"" + never + "\"}"),
                    "createdDateTime")).as(never).hasValue("createdDateTime is before 1900-01-01T00:00:00Z, the oldest time"
                    + " the lake keeps (Graph writes 0001-01-01T00:00:00Z for \"never\"): \"" + never + "\"");
        }
        assertThat(RecordProblems.ofEvent(json("{\"id\":\"a\",\"createdDateTime\":\"1900-01-01T00:00:00Z\"}"),
                "createdDateTime")).isEmpty();
    }

    @Test
    void theTimeAWindowIsCutByIsTheTimeTheTypedColumnHolds() throws Exception {
        JsonNode event = json("{\"id\":\"a\",\"createdDateTime\":\"2026-11-20T10:00:00.1234567+01:00\"}");
        assertThat(EventTime.of(event, "createdDateTime")).hasValue(Instant.parse("2026-11-20T09:00:00.123456Z"));
        assertThat(EventTime.of(json("{\"createdDateTime\":\"0001-01-01T00:00:00Z\"}"), "createdDateTime")).isEmpty();
    }

    @Test
    void aDirectoryObjectNeedsOnlyAnId() throws Exception {
        assertThat(RecordProblems.ofDirectoryObject(json("{\"id\":\"u1\"}"))).isEmpty();
        assertThat(RecordProblems.ofDirectoryObject(json("{\"displayName\":\"x\"}"))).hasValue("no id");
        assertThat(RecordProblems.idOf(json("{\"id\":123}"))).isEqualTo("123");
    }
}
