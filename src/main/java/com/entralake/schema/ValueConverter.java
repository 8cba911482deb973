package com.entralake.schema;

import org.apache.avro.util.Utf8;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Converts one JSON value to the Avro value of one (non-null) schema, or null when the JSON
 * value does not fit. Built once per schema node by {@link #of(Schema)}; no schema lookups and
 * no regular expressions happen per value.
 */
abstract class ValueConverter {

    /** @param node a non-null, non-JSON-null node */
    abstract Object convert(JsonNode node);

    static ValueConverter of(Schema schema) {
        Schema s = nonNull(schema);
        LogicalType logical = s.getLogicalType();
        switch (s.getType()) {
            case STRING:
                return s.getObjectProp(GraphSchemaCatalog.JSON_PROP) != null ? JSON_TEXT : STRING;
            case BOOLEAN:
                return BOOLEAN;
            case INT:
                return logical instanceof LogicalTypes.Date ? DATE : INT;
            case LONG:
                return logical instanceof LogicalTypes.TimestampMicros ? TIMESTAMP_MICROS : LONG;
            case DOUBLE:
            case FLOAT:
                return DOUBLE;
            case BYTES:
                return BINARY;
            case ARRAY:
                return new ArrayConverter(of(s.getElementType()));
            case RECORD:
                return forRecord(s, null);
            default:
                throw new IllegalArgumentException("no Graph mapping for Avro type " + s);
        }
    }

    static RecordConverter forRecord(Schema record, RecordNormalizer.Set2 skip) {
        return new RecordConverter(record, skip);
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        throw new IllegalArgumentException("union without a non-null branch: " + schema);
    }

    // ---- scalars ---------------------------------------------------------------------------

    /**
     * Scalars of any JSON type become their text (lossless); objects and arrays do not fit. As Avro's {@link Utf8},
     * encoded once by the JDK's fast path: Parquet encodes a {@code String} through a {@code CharsetEncoder}, several
     * times slower.
     */
    static final ValueConverter STRING = new ValueConverter() {
        @Override
        Object convert(JsonNode node) {
            return node.isValueNode() ? new Utf8(node.asText()) : null;
        }
    };

    /** Open types: the value's compact JSON text, whatever it is. */
    static final ValueConverter JSON_TEXT = new ValueConverter() {
        @Override
        Object convert(JsonNode node) {
            return RecordNormalizer.compactJson(node);
        }
    };

    static final ValueConverter BOOLEAN = new ValueConverter() {
        @Override
        Object convert(JsonNode node) {
            return node.isBoolean() ? node.booleanValue() : null;
        }
    };

    static final ValueConverter INT = new ValueConverter() {
        @Override
        Object convert(JsonNode node) {
            Long v = integral(node);
            return v != null && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) v.intValue() : null;
        }
    };

    static final ValueConverter LONG = new ValueConverter() {
        @Override
        Object convert(JsonNode node) {
            return integral(node);
        }
    };

    /** Numbers; also OData's string forms ("1.5", "NaN", "INF", "-INF" under IEEE754Compatible). */
    static final ValueConverter DOUBLE = new ValueConverter() {
        @Override
        Object convert(JsonNode node) {
            if (node.isNumber()) {
                return node.doubleValue();
            }
            return node.isTextual() ? parseDouble(node.textValue()) : null;
        }
    };

    /** Every typed timestamp (top level, nested, array member) passes here: values before 1900 become null. */
    static final ValueConverter TIMESTAMP_MICROS = new ValueConverter() {
        @Override
        Object convert(JsonNode node) {
            return node.isTextual() ? LakeTimeRange.keptMicros(GraphTimestamps.parseMicros(node.textValue())) : null;
        }
    };

    /** Every typed date passes here: dates before 1582-10-15 become null ({@link LakeTimeRange}). */
    static final ValueConverter DATE = new ValueConverter() {
        @Override
        Object convert(JsonNode node) {
            return node.isTextual() ? LakeTimeRange.keptEpochDay(GraphTimestamps.parseEpochDay(node.textValue())) : null;
        }
    };

    /** OData JSON sends binary as base64url; some Graph payloads use plain base64: accept both. */
    static final ValueConverter BINARY = new ValueConverter() {
        @Override
        Object convert(JsonNode node) {
            if (!node.isTextual()) {
                return null;
            }
            String text = node.textValue();
            try {
                return ByteBuffer.wrap(Base64.getDecoder().decode(text));
            } catch (IllegalArgumentException notBase64) {
                try {
                    return ByteBuffer.wrap(Base64.getUrlDecoder().decode(text));
                } catch (IllegalArgumentException notBase64Url) {
                    return null;
                }
            }
        }
    };

    /** Integral JSON numbers, integral doubles, and strings that are a clean decimal integer. */
    static Long integral(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? node.longValue() : null;
        }
        if (node.isFloatingPointNumber()) {
            double d = node.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (long) d : null;
        }
        return node.isTextual() ? parseCleanLong(node.textValue()) : null;
    }

    static Long parseCleanLong(String s) {
        int n = s.length();
        int start = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (n == start || n - start > 19) {
            return null;
        }
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    static Double parseDouble(String s) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "INF":
                return Double.POSITIVE_INFINITY;
            case "-INF":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return null; // keeps out "Infinity", hex floats, "1d", whitespace
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- containers ------------------------------------------------------------------------

    /** Arrays of non-null elements: a member that is null or does not fit is dropped (raw_json keeps it). */
    static final class ArrayConverter extends ValueConverter {
        private final ValueConverter element;

        ArrayConverter(ValueConverter element) {
            this.element = element;
        }

        @Override
        Object convert(JsonNode node) {
            if (!node.isArray()) {
                return null;
            }
            List<Object> out = new ArrayList<>(node.size());
            for (int i = 0, n = node.size(); i < n; i++) {
                JsonNode member = node.get(i);
                if (member != null && !member.isNull()) {
                    Object v = element.convert(member);
                    if (v != null) {
                        out.add(v);
                    }
                }
            }
            return out;
        }
    }

    /** One record: a field plan (name, position, converter) per schema field, plus a case-insensitive index. */
    static final class RecordConverter extends ValueConverter {
        private final Schema schema;
        private final String[] names;
        private final int[] positions;
        private final ValueConverter[] converters;
        private final Map<String, Integer> exactIndex = new HashMap<>();
        private final Map<String, Integer> lowerIndex = new HashMap<>();
        private final Map<String, Integer> memo = new ConcurrentHashMap<>();
        private static final int MEMO_LIMIT = 4096;

        RecordConverter(Schema schema, RecordNormalizer.Set2 skip) {
            this.schema = schema;
            List<Schema.Field> fields = new ArrayList<>();
            for (Schema.Field f : schema.getFields()) {
                if (skip == null || !skip.contains(f.pos())) {
                    fields.add(f);
                }
            }
            int n = fields.size();
            names = new String[n];
            positions = new int[n];
            converters = new ValueConverter[n];
            for (int i = 0; i < n; i++) {
                Schema.Field f = fields.get(i);
                names[i] = f.name();
                positions[i] = f.pos();
                converters[i] = of(f.schema());
                exactIndex.put(f.name(), i);
                lowerIndex.putIfAbsent(f.name().toLowerCase(Locale.ROOT), i);
            }
        }

        @Override
        Object convert(JsonNode node) {
            return node.isObject() ? fill(node) : null;
        }

        GenericData.Record fill(JsonNode object) {
            GenericData.Record record = new GenericData.Record(schema);
            int found = 0;
            boolean anyMissing = false;
            for (int i = 0; i < names.length; i++) {
                JsonNode value = object.get(names[i]);
                if (value == null) {
                    anyMissing = true;
                    continue;
                }
                found++;
                if (!value.isNull()) {
                    record.put(positions[i], converters[i].convert(value));
                }
            }
            if (anyMissing && object.size() > found) {
                fillCaseInsensitive(object, record);
            }
            return record;
        }

        /**
         * Properties that matched no field exactly may match one ignoring case. Every beta record
         * takes this path (beta-only properties), so each name's outcome is remembered instead of
         * lower-casing it again; the memo is capped so hostile or random names cannot grow it.
         */
        private void fillCaseInsensitive(JsonNode object, GenericData.Record record) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                int i = caseInsensitiveIndex(property.getKey());
                if (i < 0 || object.has(names[i])) {
                    continue; // unknown (stays in raw_json), exact match, or the exact spelling is present and wins
                }
                JsonNode value = property.getValue();
                if (!value.isNull() && record.get(positions[i]) == null) {
                    record.put(positions[i], converters[i].convert(value));
                }
            }
        }

        /** Field index for a property name that is not an exact match, or -1. */
        private int caseInsensitiveIndex(String name) {
            Integer known = memo.get(name);
            if (known != null) {
                return known;
            }
            Integer i = exactIndex.containsKey(name) ? null : lowerIndex.get(name.toLowerCase(Locale.ROOT));
            int result = i == null ? -1 : i;
            if (memo.size() < MEMO_LIMIT) {
                memo.put(name, result);
            }
            return result;
        }
    }
}
