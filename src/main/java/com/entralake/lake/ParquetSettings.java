package com.entralake.lake;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

import com.entralake.schema.GraphSchemaCatalog;

/**
 * How Parquet files are written. Chosen for what every reader handles: format v1 data pages with
 * dictionary encoding (older Trino/Athena/Hive readers still trip on v2 pages), the standard 3-level
 * LIST layout, and Avro {@code timestamp-micros} as {@code INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true)}.
 *
 * <p>Columns whose value is different in every record ({@link #ALWAYS_PLAIN} and a data type's unique columns) are
 * written plain, without a dictionary: Parquet hashes every value into the dictionary until a page fills, which for
 * {@code raw_json} (kilobytes per record, never repeated) was a quarter of the collector's CPU, and a dictionary of
 * values that never repeat only adds their indexes to their size.
 *
 * @param compression  ZSTD (default) or SNAPPY
 * @param rowGroupSize bytes buffered per row group: together with the page size, what bounds writer memory
 * @param pageSize     bytes per data page
 * @param plainColumns top-level columns written without a dictionary, besides {@link #ALWAYS_PLAIN}
 */
public record ParquetSettings(CompressionCodecName compression, long rowGroupSize, int pageSize, Set<String> plainColumns) {

    public static final long DEFAULT_ROW_GROUP_SIZE = 64L * 1024 * 1024;
    public static final int DEFAULT_PAGE_SIZE = 1024 * 1024;
    /** Unique in every record of every dataset: Graph's object id and the record's own JSON. */
    public static final Set<String> ALWAYS_PLAIN = Set.of("id", GraphSchemaCatalog.RAW_JSON);
    private static final String RAW_JSON = GraphSchemaCatalog.RAW_JSON;
    /** Parquet's Hadoop setting for the ZSTD level; {@code entralake.hadoop} may set it. */
    public static final String ZSTD_LEVEL = "parquet.compression.codec.zstd.level";
    /**
     * ZSTD level 6 rather than Parquet's 3: the lake's files are written once and read for years, and on sign-ins it
     * writes 7 % fewer bytes for about 10 ms more CPU per 1,000 records (measured on 1 M sign-ins, docs/benchmark.md).
     */
    public static final int DEFAULT_ZSTD_LEVEL = 6;

    public ParquetSettings(CompressionCodecName compression, long rowGroupSize, int pageSize) {
        this(compression, rowGroupSize, pageSize, Set.of());
    }

    public ParquetSettings {
        plainColumns = Set.copyOf(plainColumns);
        if (compression != CompressionCodecName.ZSTD && compression != CompressionCodecName.SNAPPY) {
            throw new IllegalArgumentException("compression must be ZSTD or SNAPPY: " + compression);
        }
        if (rowGroupSize < 1024 * 1024 || pageSize < 1024 || pageSize > rowGroupSize) {
            throw new IllegalArgumentException("need row group >= 1 MiB and 1 KiB <= page <= row group: "
                    + rowGroupSize + ", " + pageSize);
        }
    }

    public static ParquetSettings defaults() {
        return new ParquetSettings(CompressionCodecName.ZSTD, DEFAULT_ROW_GROUP_SIZE, DEFAULT_PAGE_SIZE);
    }

    /**
     * Data pages of window files: a window is small, and one is open per tenant lane at once, each with a compressor
     * buffer of one page; a compacted day is written with the full page size.
     */
    public static final int WINDOW_PAGE_SIZE = 256 * 1024;

    public ParquetSettings withRowGroupSize(long bytes) {
        return new ParquetSettings(compression, bytes, pageSize, plainColumns);
    }

    public ParquetSettings withPageSize(int bytes) {
        return new ParquetSettings(compression, rowGroupSize, bytes, plainColumns);
    }

    public ParquetSettings withCompression(CompressionCodecName codec) {
        return new ParquetSettings(codec, rowGroupSize, pageSize, plainColumns);
    }

    /** These settings with {@code columns} (a data type's unique columns) also written without a dictionary. */
    public ParquetSettings withPlainColumns(Collection<String> columns) {
        return new ParquetSettings(compression, rowGroupSize, pageSize, Set.copyOf(columns));
    }

    /** Sets the lake's Parquet defaults in {@code conf} ({@link #DEFAULT_ZSTD_LEVEL}) where it sets nothing else. */
    public static void applyDefaults(Configuration conf) {
        conf.setIfUnset(ZSTD_LEVEL, Integer.toString(DEFAULT_ZSTD_LEVEL));
    }

    /** A writer for a temporary file (overwritten if a previous attempt left it). */
    public ParquetWriter<GenericRecord> openWriter(Path path, Schema schema, Configuration conf) throws IOException {
        AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(outputFile(path, conf));
        for (Schema.Field field : schema.getFields()) {
            if (ALWAYS_PLAIN.contains(field.name()) || plainColumns.contains(field.name())) {
                builder.withDictionaryEncoding(field.name(), false);
            }
        }
        // min/max of whole records' JSON prune nothing, and comparing kilobyte strings per record is not free
        builder.withStatisticsEnabled(RAW_JSON, false).withSizeStatisticsEnabled(RAW_JSON, false);
        return builder
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withConf(conf)
                // false = the standard 3-level LIST (list/element); the old 2-level form is read differently by each engine
                .config(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, "false")
                .withCompressionCodec(compression)
                // pages compressed in one call of a pooled zstd context, not a new stream per page (see the class)
                .withCodecFactory(new PooledZstdCodecFactory(conf, pageSize))
                .withRowGroupSize(rowGroupSize)
                .withPageSize(pageSize)
                .withDictionaryEncoding(true)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    /**
     * Local files are written with Parquet's own java.nio {@link LocalOutputFile}: Hadoop's raw local file
     * system sets permissions on every new file by forking {@code chmod} when its native library is absent,
     * which cost more than writing a whole hourly window. Other schemes go through Hadoop.
     */
    static OutputFile outputFile(Path path, Configuration conf) throws IOException {
        if (isLocal(path)) {
            java.nio.file.Path local = java.nio.file.Path.of(path.toUri().getPath());
            java.nio.file.Files.createDirectories(local.getParent());
            return new LocalOutputFile(local);
        }
        return HadoopOutputFile.fromPath(path, conf);
    }

    /**
     * A reader of the records of {@code path}, configured by the lake's {@code conf}: Parquet's builders without one
     * create a fresh Hadoop {@link Configuration}, which parses Hadoop's XML defaults again for every file.
     */
    static ParquetReader<GenericRecord> openReader(Path path, Configuration conf) throws IOException {
        return AvroParquetReader.<GenericRecord>builder(inputFile(path, conf), new HadoopParquetConfiguration(conf))
                .withDataModel(GenericData.get())
                .build();
    }

    /** The footer's row count of {@code path}, read with the lake's {@code conf} (see {@link #openReader}). */
    static long recordCount(Path path, Configuration conf) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(inputFile(path, conf), HadoopReadOptions.builder(conf).build())) {
            return reader.getRecordCount();
        }
    }

    /** The reading counterpart of {@link #outputFile}. */
    static InputFile inputFile(Path path, Configuration conf) throws IOException {
        return isLocal(path) ? new LocalInputFile(java.nio.file.Path.of(path.toUri().getPath()))
                : HadoopInputFile.fromPath(path, conf);
    }

    private static boolean isLocal(Path path) {
        String scheme = path.toUri().getScheme();
        return scheme == null || "file".equals(scheme);
    }

    /** Closes a writer whose file is about to be discarded: a failure to close changes nothing then. */
    static void closeQuietly(ParquetWriter<?> writer) {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException | RuntimeException ignored) {
            // the file is deleted next
        }
    }
}
