package com.entralake.schema;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/** Avro values with every {@link Utf8} as a {@link String}, so that tests compare them with string literals. */
final class TestStrings {

    private TestStrings() {
    }

    static Object plain(Object value) {
        if (value instanceof Utf8 utf8) {
            return utf8.toString();
        }
        if (value instanceof GenericRecord record) {
            GenericData.Record copy = new GenericData.Record(record.getSchema());
            for (var field : record.getSchema().getFields()) {
                copy.put(field.pos(), plain(record.get(field.pos())));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(member -> copy.add(plain(member)));
            return copy;
        }
        return value;
    }
}
