package com.entralake.lake;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** A tiny sign-in-like schema with the column shapes that matter: timestamp, nested record, list, raw JSON. */
final class TestRecords {

    static final String TENANT = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    static final Schema STATUS = SchemaBuilder.record("Status").fields()
            .name("errorCode").type().intType().noDefault()
            .endRecord();

    static final Schema SCHEMA = SchemaBuilder.record("SignIn").namespace("com.entralake.test").fields()
            .name("id").type().stringType().noDefault()
            .name("createdDateTime").type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .name("status").type(STATUS).noDefault()
            .name("tags").type().array().items().stringType().noDefault()
            .name("raw_json").type().stringType().noDefault()
            .endRecord();

    private TestRecords() {
    }

    static GenericRecord record(String id, Instant created, int errorCode, String version) {
        long micros = created.getEpochSecond() * 1_000_000L + created.getNano() / 1_000;
        return new GenericRecordBuilder(SCHEMA)
                .set("id", id)
                .set("createdDateTime", micros)
                .set("status", new GenericRecordBuilder(STATUS).set("errorCode", errorCode).build())
                .set("tags", List.of("a", version))
                .set("raw_json", "{\"id\":\"" + id + "\",\"version\":\"" + version + "\"}")
                .build();
    }

    static List<GenericRecord> read(Path file, Configuration conf) throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader
                .<GenericRecord>builder(HadoopInputFile.fromPath(file, conf))
                .withDataModel(GenericData.get()).build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                records.add(r);
            }
        }
        return records;
    }

    /** Every file and directory below root, as paths relative to it. */
    static List<String> tree(java.nio.file.Path root) throws IOException {
        try (var walk = java.nio.file.Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
