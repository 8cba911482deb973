package com.entralake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Microsoft's example records, normalized: typed values right, unknowns harmless, raw_json lossless. */
class RecordNormalizerTest {

    private static final GraphSchemaCatalog CATALOG = GraphSchemaCatalog.load();
    private static final Instant COLLECTED = Instant.parse("2026-11-27T03:00:00.123456789Z");

    private static final RecordNormalizer SIGN_IN = new RecordNormalizer(CATALOG.recordSchema("signIn"));
    private static final RecordNormalizer AUDIT = new RecordNormalizer(CATALOG.recordSchema("directoryAudit"));

    static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    /**
     * The normalizer writes strings as Avro {@link org.apache.avro.util.Utf8} (what Parquet writes fastest); these
     * assertions compare them as Java strings.
     */
    static GenericRecord normalize(RecordNormalizer normalizer, JsonNode json, Instant collectedAt) {
        return (GenericRecord) TestStrings.plain(normalizer.normalize(json, collectedAt));
    }

    private static GenericRecord rec(GenericRecord r, String field) {
        return (GenericRecord) r.get(field);
    }

    @Test
    void v1SignInHasTypedValues() {
        JsonNode json = GraphExamples.records("v1.0-signin-list.example1.json").get(0);
        GenericRecord r = normalize(SIGN_IN, json, COLLECTED);

        assertThat(r.get("id")).isEqualTo("66ea54eb-6301-4ee5-be62-ff5a759b0100");
        assertThat(r.get("createdDateTime")).isEqualTo(micros("2020-03-13T19:15:41.619583Z"))
                .isEqualTo(1584126941619583L);
        assertThat(r.get("isInteractive")).isEqualTo(Boolean.TRUE);
        assertThat(r.get("riskLevelDuringSignIn")).isEqualTo("none");
        assertThat(r.get("riskEventTypes")).isEqualTo(List.of());
        assertThat(rec(r, "status").get("errorCode")).isEqualTo(0);
        assertThat(rec(r, "status").get("failureReason")).isNull();
        assertThat(rec(r, "deviceDetail").get("deviceId")).isEqualTo("");
        assertThat(rec(r, "deviceDetail").get("isCompliant")).isNull();
        GenericRecord geo = rec(rec(r, "location"), "geoCoordinates");
        assertThat(geo.get("latitude")).isInstanceOf(Double.class).isEqualTo(47.68050003051758);
        assertThat(geo.get("longitude")).isEqualTo(-122.12094116210938);
        assertThat(geo.get("altitude")).isNull();
        @SuppressWarnings("unchecked")
        List<GenericRecord> policies = (List<GenericRecord>) r.get("appliedConditionalAccessPolicies");
        assertThat(policies).hasSize(2);
        assertThat(policies.get(1).get("displayName")).isEqualTo("Medium signin risk block");
        assertThat(policies.get(1).get("result")).isEqualTo("notEnabled");
        assertThat(r.get("userAgent")).isNull(); // not sent
        assertThat(r.get("collected_at")).isEqualTo(micros("2026-11-27T03:00:00.123456Z"));
        assertThat(GenericData.get().validate(r.getSchema(), r)).isTrue();
    }

    @Test
    void betaSignInFieldsNotInV1LandOnlyInRawJson() throws Exception {
        Set<String> v1Fields = new HashSet<>();
        SIGN_IN.schema().getFields().forEach(f -> v1Fields.add(f.name()));
        for (String file : GraphExamples.files("beta-signin-list.example*.json")) {
            for (JsonNode json : GraphExamples.records(file)) {
                GenericRecord r = normalize(SIGN_IN, json, COLLECTED);
                assertThat(GenericData.get().validate(r.getSchema(), r)).as(file).isTrue();
                JsonNode raw = GraphExamples.MAPPER.readTree((String) r.get("raw_json"));
                assertThat(raw).as(file).isEqualTo(json);
                int betaOnly = 0;
                for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!v1Fields.contains(name)) {
                        betaOnly++;
                        assertThat(raw.has(name)).as(name).isTrue();
                    }
                }
                assertThat(betaOnly).as(file + " should carry beta-only properties").isPositive();
            }
        }
    }

    @Test
    void betaSignInStatusErrorCodeIsAnInteger() {
        JsonNode json = GraphExamples.records("beta-signin-list.example1.json").get(0);
        GenericRecord r = normalize(SIGN_IN, json, COLLECTED);
        assertThat(rec(r, "status").get("errorCode")).isInstanceOf(Integer.class).isEqualTo(50126);
        assertThat(r.get("createdDateTime")).isEqualTo(micros("2021-06-30T16:34:32Z"));
        assertThat(rec(r, "deviceDetail").get("isCompliant")).isEqualTo(Boolean.FALSE);
        GenericRecord geo = rec(rec(r, "location"), "geoCoordinates");
        assertThat(geo).isNotNull();
        assertThat(geo.get("latitude")).isNull(); // "geoCoordinates": {}
        assertThat(r.get("riskEventTypes_v2")).isEqualTo(List.of());
    }

    @Test
    void directoryAuditTypeMatchesCaseInsensitivelyAndExactSpellingWins() {
        GenericRecord first = normalize(AUDIT, GraphExamples.records("v1.0-directoryaudit-list.example1.json").get(0), COLLECTED);
        @SuppressWarnings("unchecked")
        List<GenericRecord> targets = (List<GenericRecord>) first.get("targetResources");
        assertThat(targets).extracting(t -> t.get("type")).containsExactly("Group", "User");
        assertThat(targets.get(0).get("groupType")).isEqualTo("unifiedGroups");
        assertThat(first.get("activityDateTime")).isEqualTo(micros("2018-01-09T21:20:02.721537Z"));
        assertThat(rec(rec(first, "initiatedBy"), "user").get("ipAddress")).isEqualTo("127.0.0.1");
        assertThat(rec(first, "initiatedBy").get("app")).isNull();

        GenericRecord second = normalize(AUDIT, GraphExamples.records("v1.0-directoryaudit-list.example2.json").get(0), COLLECTED);
        @SuppressWarnings("unchecked")
        List<GenericRecord> targets2 = (List<GenericRecord>) second.get("targetResources");
        assertThat(targets2.get(0).get("type")).isEqualTo("N/A");

        ObjectNode both = (ObjectNode) GraphExamples.MAPPER.createObjectNode();
        both.putArray("targetResources").addObject().put("Type", "upper").put("type", "exact");
        @SuppressWarnings("unchecked")
        List<GenericRecord> t3 = (List<GenericRecord>) normalize(AUDIT, both, COLLECTED).get("targetResources");
        assertThat(t3.get(0).get("type")).isEqualTo("exact");
    }

    @Test
    void everyExampleNormalizesAndRoundTrips() throws Exception {
        for (String[] kind : new String[][] {{"user", "v1.0-user-list.example*.json"}, {"group", "v1.0-group-list.example*.json"},
                {"signIn", "*signin-list.example*.json"}, {"directoryAudit", "v1.0-directoryaudit-list.example*.json"}}) {
            RecordNormalizer normalizer = new RecordNormalizer(CATALOG.recordSchema(kind[0]));
            for (String file : GraphExamples.files(kind[1])) {
                for (JsonNode json : GraphExamples.records(file)) {
                    GenericRecord r = normalize(normalizer, json, COLLECTED);
                    assertThat(GenericData.get().validate(r.getSchema(), r)).as(file).isTrue();
                    assertThat(GraphExamples.MAPPER.readTree((String) r.get("raw_json"))).as(file).isEqualTo(json);
                    assertThat(r.get("id")).as(file).isEqualTo(com.entralake.quarantine.RecordProblems.idOf(json));
                    assertEveryTypedFieldMatchesJson(r, json, file);
                }
            }
        }
    }

    @Test
    void groupValues() {
        RecordNormalizer groups = new RecordNormalizer(CATALOG.recordSchema("group"));
        GenericRecord g = normalize(groups, GraphExamples.records("v1.0-group-list.example1.json").get(0), COLLECTED);
        assertThat(g.get("createdDateTime")).isEqualTo(micros("2018-12-22T02:21:05Z"));
        assertThat(g.get("mailEnabled")).isEqualTo(Boolean.TRUE);
        assertThat(g.get("securityEnabled")).isEqualTo(Boolean.FALSE);
        assertThat(g.get("isAssignableToRole")).isNull();
        assertThat(g.get("deletedDateTime")).isNull();
        assertThat(g.get("groupTypes")).isEqualTo(List.of("Unified"));
        assertThat(g.get("visibility")).isEqualTo("Public");
    }

    @Test
    void userValues() {
        RecordNormalizer users = new RecordNormalizer(CATALOG.recordSchema("user"));
        GenericRecord u = normalize(users, GraphExamples.records("v1.0-user-list.example1.json").get(1), COLLECTED);
        assertThat(u.get("businessPhones")).isEqualTo(List.of("425-555-0100"));
        assertThat(u.get("givenName")).isEqualTo("MOD");
        assertThat(u.get("jobTitle")).isNull();
        assertThat(u.get("accountEnabled")).isNull();
    }

    @Test
    void wrongJsonTypesBecomeNullNeverAnException() throws Exception {
        JsonNode json = GraphExamples.MAPPER.readTree("""
                {"id": 42, "isInteractive": "", "createdDateTime": "yesterday",
                 "status": {"errorCode": "50126", "failureReason": {"nested": true}},
                 "location": "Redmond",
                 "deviceDetail": {"isCompliant": "true", "isManaged": 1},
                 "riskEventTypes": "none",
                 "appliedConditionalAccessPolicies": [null, 7, {"id": "p"}],
                 "brandNewProperty": {"a": [1, 2]}}
                """);
        GenericRecord r = normalize(SIGN_IN, json, COLLECTED);
        assertThat(r.get("id")).isEqualTo("42"); // scalars into a string column keep their text
        assertThat(r.get("isInteractive")).isNull();
        assertThat(r.get("createdDateTime")).isNull();
        assertThat(rec(r, "status").get("errorCode")).isEqualTo(50126); // a clean integer string is parsed
        assertThat(rec(r, "status").get("failureReason")).isNull();
        assertThat(r.get("location")).isNull();
        assertThat(rec(r, "deviceDetail").get("isCompliant")).isNull();
        assertThat(rec(r, "deviceDetail").get("isManaged")).isNull();
        assertThat(r.get("riskEventTypes")).isNull();
        @SuppressWarnings("unchecked")
        List<GenericRecord> policies = (List<GenericRecord>) r.get("appliedConditionalAccessPolicies");
        assertThat(policies).hasSize(1); // null and non-object members dropped; raw_json keeps them
        assertThat(policies.get(0).get("id")).isEqualTo("p");
        assertThat(GraphExamples.MAPPER.readTree((String) r.get("raw_json"))).isEqualTo(json);
        assertThat(GenericData.get().validate(r.getSchema(), r)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "50126|50126", "-7|-7", "+7|7", "' 7'|", "7.0|", "12a|", "''|", "99999999999|"})
    void integerStrings(String text, Integer expected) {
        ObjectNode json = GraphExamples.MAPPER.createObjectNode();
        json.putObject("status").put("errorCode", text);
        assertThat(rec(normalize(SIGN_IN, json, COLLECTED), "status").get("errorCode")).isEqualTo(expected);
    }

    @Test
    void numbersThatDoNotFitAnIntAreNull() {
        ObjectNode json = GraphExamples.MAPPER.createObjectNode();
        json.putObject("status").put("errorCode", 1L << 40);
        assertThat(rec(normalize(SIGN_IN, json, COLLECTED), "status").get("errorCode")).isNull();
        json.putObject("status").put("errorCode", 3.5);
        assertThat(rec(normalize(SIGN_IN, json, COLLECTED), "status").get("errorCode")).isNull();
    }

    @Test
    void openTypesKeepTheirJsonText() throws Exception {
        RecordNormalizer users = new RecordNormalizer(CATALOG.recordSchema("user"));
        JsonNode json = GraphExamples.MAPPER.readTree("""
                {"id": "u", "customSecurityAttributes": {"Engineering": {"@odata.type": "#microsoft.graph.customSecurityAttributeValue", "Level": 3}}}
                """);
        GenericRecord u = normalize(users, json, COLLECTED);
        assertThat(GraphExamples.MAPPER.readTree((String) u.get("customSecurityAttributes")))
                .isEqualTo(json.get("customSecurityAttributes"));
    }

    @Test
    void binaryIsDecodedFromBase64() throws Exception {
        Schema schema = CATALOG.recordSchema("application");
        Schema.Field keyCreds = schema.getField("keyCredentials");
        assertThat(keyCreds).isNotNull();
        RecordNormalizer apps = new RecordNormalizer(schema);
        JsonNode json = GraphExamples.MAPPER.readTree("""
                {"keyCredentials": [{"customKeyIdentifier": "AQID", "key": "not base64!"}]}
                """);
        @SuppressWarnings("unchecked")
        List<GenericRecord> creds = (List<GenericRecord>) normalize(apps, json, COLLECTED).get("keyCredentials");
        assertThat(creds.get(0).get("customKeyIdentifier")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(creds.get(0).get("key")).isNull();
    }

    @Test
    void nonObjectRecordIsRejectedClearly() {
        assertThatThrownBy(() -> normalize(SIGN_IN, GraphExamples.MAPPER.createArrayNode(), COLLECTED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARRAY");
    }

    /** For every top-level property that has a column and a non-null scalar JSON value, the column is non-null. */
    private static void assertEveryTypedFieldMatchesJson(GenericRecord r, JsonNode json, String file) {
        for (Schema.Field f : r.getSchema().getFields()) {
            JsonNode v = json.get(f.name());
            if (f.name().equals("raw_json") || f.name().equals("collected_at")) {
                continue;
            }
            if (v == null || v.isNull()) {
                assertThat(r.get(f.pos())).as(file + " " + f.name()).isNull();
            } else {
                assertThat(r.get(f.pos())).as(file + " " + f.name() + " = " + v).isNotNull();
            }
        }
    }
}
