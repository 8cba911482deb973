package com.entralake.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Normalized sign-ins written by parquet-avro are typed columns for a reader that knows nothing about Entra Lake. */
class ParquetRoundTripTest {

    @TempDir
    static Path dir;
    static Path file;
    static List<JsonNode> signIns = new ArrayList<>();

    @BeforeAll
    static void write() throws Exception {
        Schema schema = GraphSchemaCatalog.load().recordSchema("signIn");
        RecordNormalizer normalizer = new RecordNormalizer(schema);
        for (String f : GraphExamples.files("*signin-list.example*.json")) {
            signIns.addAll(GraphExamples.records(f));
        }
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", org.apache.hadoop.fs.RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        // the standard 3-level LIST layout, which Spark, Trino and DuckDB all expect
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        file = dir.resolve("signins.parquet");
        Instant collected = Instant.parse("2026-11-27T03:00:00Z");
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter
                .<GenericRecord>builder(HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))
                .withSchema(schema)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
            for (JsonNode json : signIns) {
                writer.write(normalizer.normalize(json, collected));
            }
        }
    }

    @Test
    void onlyTheParquetFileIsWritten() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("signins.parquet");
        }
    }

    @Test
    void duckDbSeesTypedColumns() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement q = db.prepareStatement("""
                     SELECT typeof(createdDateTime), typeof(status.errorCode), typeof(isInteractive),
                            typeof(location.geoCoordinates.latitude), typeof(collected_at), typeof(raw_json),
                            typeof(appliedConditionalAccessPolicies)
                     FROM read_parquet(?) LIMIT 1""")) {
            q.setString(1, file.toString());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("TIMESTAMP WITH TIME ZONE"); // isAdjustedToUTC=true
                assertThat(rs.getString(2)).isEqualTo("INTEGER");
                assertThat(rs.getString(3)).isEqualTo("BOOLEAN");
                assertThat(rs.getString(4)).isEqualTo("DOUBLE");
                assertThat(rs.getString(5)).isEqualTo("TIMESTAMP WITH TIME ZONE");
                assertThat(rs.getString(6)).isEqualTo("VARCHAR");
                assertThat(rs.getString(7)).startsWith("STRUCT(").endsWith("[]");
            }
        }
    }

    @Test
    void duckDbFiltersOnNestedFieldsAndReadsExactMicros() throws Exception {
        long expected50126 = signIns.stream().filter(j -> j.path("status").path("errorCode").asInt() == 50126).count();
        assertThat(expected50126).isPositive();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement q = db.prepareStatement(
                     "SELECT count(*) FROM read_parquet(?) WHERE status.errorCode = 50126");
             PreparedStatement t = db.prepareStatement("""
                     SELECT epoch_us(createdDateTime), location.geoCoordinates.latitude,
                            appliedConditionalAccessPolicies[2].displayName, raw_json
                     FROM read_parquet(?) WHERE id = '66ea54eb-6301-4ee5-be62-ff5a759b0100'""")) {
            q.setString(1, file.toString());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(expected50126);
            }
            t.setString(1, file.toString());
            try (ResultSet rs = t.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1584126941619583L); // 2020-03-13T19:15:41.6195833Z
                assertThat(rs.getDouble(2)).isEqualTo(47.68050003051758);
                assertThat(rs.getString(3)).isEqualTo("Medium signin risk block");
                assertThat(GraphExamples.MAPPER.readTree(rs.getString(4)))
                        .isEqualTo(GraphExamples.records("v1.0-signin-list.example1.json").get(0));
            }
        }
    }
}
