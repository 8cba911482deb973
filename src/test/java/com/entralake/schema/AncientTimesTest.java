package com.entralake.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graph writes {@code 0001-01-01T00:00:00Z} for "never"; Spark 3 refuses to read Parquet timestamps before
 * 1900-01-01T00:00:00Z and dates before 1582-10-15 (READ_ANCIENT_DATETIME). Typed columns hold null for those,
 * wherever the value sits (top level, nested record, array); raw_json keeps the original text.
 */
class AncientTimesTest {

    private static final GraphSchemaCatalog CATALOG = GraphSchemaCatalog.load();
    private static final Instant COLLECTED = Instant.parse("2026-11-27T03:00:00Z");
    private static final String NEVER = "0001-01-01T00:00:00Z";

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    @Test
    void aUsersNeverValuesAreNullInTypedColumnsAndVerbatimInRawJson() throws Exception {
        RecordNormalizer users = new RecordNormalizer(CATALOG.recordSchema("user"));
        JsonNode json = GraphExamples.MAPPER.readTree("""
                {"id": "5f0a3b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
                 "createdDateTime": "2024-05-01T08:00:00Z",
                 "birthday": "0001-01-01T00:00:00Z",
                 "hireDate": "0001-01-01T00:00:00Z",
                 "lastPasswordChangeDateTime": "0001-01-01T00:00:00Z",
                 "onPremisesLastSyncDateTime": "0001-01-01T00:00:00.0000000Z",
                 "signInActivity": {"lastSignInDateTime": "0001-01-01T00:00:00Z",
                                    "lastNonInteractiveSignInDateTime": "2026-11-20T10:00:00.1234567Z",
                                    "lastSuccessfulSignInDateTime": "1601-01-01T00:00:00Z"}}
                """);

        GenericRecord u = users.normalize(json, COLLECTED);

        assertThat(u.get("createdDateTime")).isEqualTo(micros("2024-05-01T08:00:00Z"));
        assertThat(u.get("birthday")).isNull();
        assertThat(u.get("hireDate")).isNull();
        assertThat(u.get("lastPasswordChangeDateTime")).isNull();
        assertThat(u.get("onPremisesLastSyncDateTime")).isNull();
        GenericRecord activity = (GenericRecord) u.get("signInActivity");
        assertThat(activity.get("lastSignInDateTime")).isNull();
        assertThat(activity.get("lastNonInteractiveSignInDateTime")).isEqualTo(micros("2026-11-20T10:00:00.123456Z"));
        assertThat(activity.get("lastSuccessfulSignInDateTime")).as("Windows' zero FILETIME, also 'never'").isNull();
        assertThat(GraphExamples.MAPPER.readTree((String) u.get("raw_json"))).isEqualTo(json);
        assertThat((String) u.get("raw_json")).contains("\"birthday\":\"" + NEVER + "\"");
        assertThat(GenericData.get().validate(u.getSchema(), u)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {NEVER, "0001-01-01T00:00:00.0000000Z", "0001-01-01T00:00:00+00:00", "0001-01-01T00:00Z",
            "0001-01-01T01:00:00+01:00", "1601-01-01T00:00:00Z", "1582-10-15T00:00:00Z", "1899-12-31T23:59:59.9999999Z",
            "1900-01-01T00:30:00+01:00"})
    void timestampsBefore1900UtcAreNull(String text) {
        assertThat(GraphTimestamps.parseMicros(text)).as("the text is a timestamp").isNotNull();
        assertThat(ValueConverter.TIMESTAMP_MICROS.convert(TextNode.valueOf(text))).isNull();
    }

    @ParameterizedTest
    @CsvSource({"1900-01-01T00:00:00Z, 1900-01-01T00:00:00Z", "1899-12-31T23:30:00-01:00, 1900-01-01T00:30:00Z",
            "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z, 9999-12-31T23:59:59.999999Z"})
    void timestampsFrom1900UtcOnAreKept(String text, String utc) {
        assertThat(ValueConverter.TIMESTAMP_MICROS.convert(TextNode.valueOf(text))).isEqualTo(micros(utc));
    }

    @ParameterizedTest
    @CsvSource({"0001-01-01,", "1582-10-14,", "1582-10-15, 1582-10-15", "1850-06-01, 1850-06-01", "2026-11-27, 2026-11-27"})
    void datesBeforeTheGregorianSwitchAreNull(String text, LocalDate expected) {
        assertThat(ValueConverter.DATE.convert(TextNode.valueOf(text)))
                .isEqualTo(expected == null ? null : (int) expected.toEpochDay());
    }

    @Test
    void nestedAndArrayMembersFollowTheSameRule() throws Exception {
        Schema schema = GraphSchemaCatalog.fromJson(GraphExamples.MAPPER.readTree("""
                {"entities": {"thing": {"id": "Edm.String", "seen": "Collection(Edm.DateTimeOffset)",
                                         "day": "Edm.Date", "days": "Collection(Edm.Date)", "period": "period",
                                         "periods": "Collection(period)"}},
                 "complexTypes": {"period": {"start": "Edm.DateTimeOffset", "startDay": "Edm.Date"}},
                 "enums": {}}
                """)).recordSchema("thing");
        JsonNode json = GraphExamples.MAPPER.readTree("""
                {"id": "t", "seen": ["0001-01-01T00:00:00Z", "2026-11-20T10:00:00Z"], "day": "0001-01-01",
                 "days": ["2026-11-20", "0001-01-01"],
                 "period": {"start": "0001-01-01T00:00:00Z", "startDay": "0001-01-01"},
                 "periods": [{"start": "2026-11-20T10:00:00Z", "startDay": "0001-01-01"}]}
                """);

        GenericRecord r = new RecordNormalizer(schema).normalize(json, COLLECTED);

        assertThat(r.get("seen")).as("a member that does not fit is dropped, as any other").isEqualTo(
                List.of(micros("2026-11-20T10:00:00Z")));
        assertThat(r.get("day")).isNull();
        assertThat(r.get("days")).isEqualTo(List.of((int) LocalDate.parse("2026-11-20").toEpochDay()));
        GenericRecord period = (GenericRecord) r.get("period");
        assertThat(period.get("start")).isNull();
        assertThat(period.get("startDay")).isNull();
        @SuppressWarnings("unchecked")
        List<GenericRecord> periods = (List<GenericRecord>) r.get("periods");
        assertThat(periods).singleElement().satisfies(p -> {
            assertThat(p.get("start")).isEqualTo(micros("2026-11-20T10:00:00Z"));
            assertThat(p.get("startDay")).isNull();
        });
        assertThat(GraphExamples.MAPPER.readTree((String) r.get("raw_json"))).isEqualTo(json);
    }
}
