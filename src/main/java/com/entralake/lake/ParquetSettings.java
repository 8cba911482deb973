package com.entralake.lake;

import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * How Parquet files are written. Chosen for what every reader handles: format v1 data pages with
 * dictionary encoding (older Trino/Athena/Hive readers still trip on v2 pages), the standard 3-level
 * LIST layout, and Avro {@code timestamp-micros} as {@code INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true)}.
 *
 * @param compression  ZSTD (default) or SNAPPY
 * @param rowGroupSize bytes buffered per row group: together with the page size, what bounds writer memory
 * @param pageSize     bytes per data page
 */
public record ParquetSettings(CompressionCodecName compression, long rowGroupSize, int pageSize) {

    public static final long DEFAULT_ROW_GROUP_SIZE = 64L * 1024 * 1024;
    public static final int DEFAULT_PAGE_SIZE = 1024 * 1024;

    public ParquetSettings {
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

    public ParquetSettings withCompression(CompressionCodecName codec) {
        return new ParquetSettings(codec, rowGroupSize, pageSize);
    }

    /** A writer for a temporary file (overwritten if a previous attempt left it). */
    public ParquetWriter<GenericRecord> openWriter(Path path, Schema schema, Configuration conf) throws IOException {
        return AvroParquetWriter.<GenericRecord>builder(outputFile(path, conf))
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withConf(conf)
                // false = the standard 3-level LIST (list/element); the old 2-level form is read differently by each engine
                .config(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, "false")
                .withCompressionCodec(compression)
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
