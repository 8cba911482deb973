package com.entralake.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * Turns one Graph JSON record into a {@link GenericRecord} of a {@link GraphSchemaCatalog} schema.
 *
 * <p>It never throws on data: a value of the wrong JSON type becomes null in its typed column (the
 * original stays in {@code raw_json}), unknown properties are ignored, missing ones are null.
 * Property names match exactly first, then case-insensitively (Graph sends {@code "Type"} for
 * {@code type} in some directory-audit target resources). Numbers accept clean numeric strings
 * ({@code "50126"}; OData sends Int64/Decimal as strings under IEEE754Compatible); a string column
 * takes any JSON scalar as its text (lossless); a boolean takes only true/false; a timestamp takes
 * ISO-8601 text with an offset, from 1900-01-01T00:00:00Z on (Graph's {@code 0001-01-01T00:00:00Z} "never" is null:
 * see {@link LakeTimeRange}); array members that are null or do not fit are dropped.
 * Everything that depends on the schema
 * is planned once in the constructor ({@link ValueConverter} tree), so the per-record cost is a
 * hash lookup per property plus the value conversion. Instances are immutable and thread-safe.
 */
public final class RecordNormalizer {

    /**
     * raw_json is most of normalize()'s cost; Schubfach doubles (shortest text that parses back to
     * the same double) are faster than JDK 17's {@code Double.toString} and equally lossless.
     */
    private static final ObjectWriter COMPACT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build()).writer();

    private final Schema schema;
    private final ValueConverter.RecordConverter plan;
    private final int rawJsonPos;
    private final int collectedAtPos;

    public RecordNormalizer(Schema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        Schema.Field raw = schema.getField(GraphSchemaCatalog.RAW_JSON);
        Schema.Field collected = schema.getField(GraphSchemaCatalog.COLLECTED_AT);
        if (raw == null || collected == null) {
            throw new IllegalArgumentException("schema " + schema.getFullName() + " lacks "
                    + GraphSchemaCatalog.RAW_JSON + " / " + GraphSchemaCatalog.COLLECTED_AT);
        }
        this.rawJsonPos = raw.pos();
        this.collectedAtPos = collected.pos();
        this.plan = ValueConverter.forRecord(schema, Set2.of(raw.pos(), collected.pos()));
    }

    public Schema schema() {
        return schema;
    }

    /**
     * @param graphRecord one element of a Graph response's {@code value} array
     * @param collectedAt when it was read from Graph
     * @return a record of this normalizer's schema; typed fields null where Graph sent nothing usable
     * @throws IllegalArgumentException if {@code graphRecord} is not a JSON object
     */
    public GenericRecord normalize(JsonNode graphRecord, Instant collectedAt) {
        return normalize(graphRecord, null, collectedAt);
    }

    /**
     * As {@link #normalize(JsonNode, Instant)}, with {@code raw_json} taken from {@code rawJson}, the record's own
     * UTF-8 bytes as Graph sent them (kept, not copied: Parquet writes them as they are); null serialises the tree.
     */
    public GenericRecord normalize(JsonNode graphRecord, byte[] rawJson, Instant collectedAt) {
        if (graphRecord == null || !graphRecord.isObject()) {
            throw new IllegalArgumentException("a Graph record must be a JSON object, got "
                    + (graphRecord == null ? "null" : graphRecord.getNodeType()));
        }
        GenericData.Record record = plan.fill(graphRecord);
        record.put(rawJsonPos, rawJson != null ? new Utf8(rawJson) : compactJson(graphRecord));
        record.put(collectedAtPos, toEpochMicros(collectedAt));
        return record;
    }

    /** An instant as the typed columns hold it: microseconds since the epoch (finer digits are dropped). */
    public static long toEpochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static String compactJson(JsonNode node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise a JSON tree (should not happen)", e);
        }
    }

    /** Two excluded positions, without boxing a set per schema walk. */
    record Set2(int a, int b) {
        static Set2 of(int a, int b) {
            return new Set2(a, b);
        }

        boolean contains(int i) {
            return i == a || i == b;
        }
    }
}
