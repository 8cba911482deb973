package com.entralake.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GraphTimestampsTest {

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    @ParameterizedTest
    @CsvSource({
            "2020-03-13T19:15:41.6195833Z, 2020-03-13T19:15:41.619583Z",
            "2020-03-13T19:15:41Z, 2020-03-13T19:15:41Z",
            "2020-03-13T19:15:41.6Z, 2020-03-13T19:15:41.600Z",
            "2020-03-13T19:15:41.61Z, 2020-03-13T19:15:41.610Z",
            "2020-03-13T19:15:41.619583Z, 2020-03-13T19:15:41.619583Z",
            "2020-03-13T19:15:41.619583999Z, 2020-03-13T19:15:41.619583Z",
            "2020-03-13T19:15Z, 2020-03-13T19:15:00Z",
            "2020-03-13T21:15:41.5+02:00, 2020-03-13T19:15:41.5Z",
            "2020-03-13T14:15:41-0500, 2020-03-13T19:15:41Z",
            "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
            "1969-12-31T23:59:59.9999999Z, 1969-12-31T23:59:59.999999Z",
            "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z"})
    void parsesIsoOffsetsToUtcMicros(String text, String utc) {
        assertThat(GraphTimestamps.parseMicros(text)).isEqualTo(micros(Instant.parse(utc)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2020-03-13", "2020-03-13T19:15:41", "2020-03-13T19:15:41.Z",
            "2020-03-13T25:15:41Z", "2020-02-30T00:00:00Z", "2020-03-13T19:15:41.1234567890Z",
            "2020-03-13T19:15:41Zjunk", "2020-03-13 19:15:41Z", "2020-03-13T19:15:41+2:00", "+12020-03-13T19:15:41Z"})
    void rejectsWhatIsNotATimestampWithOffset(String text) {
        assertThat(GraphTimestamps.parseMicros(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T03:04:05.1234567+05:30", "1999-12-31T23:59:59.000001-08:00"})
    void agreesWithJavaTime(String text) {
        assertThat(GraphTimestamps.parseMicros(text)).isEqualTo(micros(OffsetDateTime.parse(text).toInstant()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T03:04:05.1234567+05:30", "1969-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00Z",
            "1899-12-31T23:59:59.5-01:00"})
    void instantsAreTheMicrosAsJavaTimeSeesThem(String text) {
        assertThat(GraphTimestamps.parseInstant(text))
                .isEqualTo(OffsetDateTime.parse(text).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(GraphTimestamps.parseInstant("yesterday")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"1970-01-01, 0", "2026-11-27, 20784", "1969-12-31, -1"})
    void dates(String text, int epochDay) {
        assertThat(GraphTimestamps.parseEpochDay(text)).isEqualTo(epochDay)
                .isEqualTo((int) LocalDate.parse(text).toEpochDay());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01", "2026-11-27T00:00:00Z", "26-11-27", ""})
    void badDates(String text) {
        assertThat(GraphTimestamps.parseEpochDay(text)).isNull();
    }
}
