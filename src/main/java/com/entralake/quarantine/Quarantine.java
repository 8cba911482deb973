package com.entralake.quarantine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;

import com.entralake.lake.LakeFileSystem;
import com.entralake.lake.LakeLayout;
import com.entralake.lake.ParquetSettings;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code quarantine} dataset: records Graph sent that cannot be placed (no id, no or an unreadable time,
 * not an object), kept raw with the reason, so the window they came with still commits and nothing Graph
 * sent is thrown away.
 *
 * <p>Each distinct record is one file named by a digest of its raw JSON: reading the same window again (a
 * restart, the lookback) replaces that file instead of adding a second copy, without any state to keep.
 * Quarantined records are rare by nature; a Graph that sends many of them has changed its format, and the
 * collection stops instead (see the step's limit), so the number of files stays small.
 */
public final class Quarantine {

    public static final String DATASET = LakeLayout.QUARANTINE;

    static final Schema SCHEMA = SchemaBuilder.record("quarantined_record").namespace("com.entralake.quarantine").fields()
            .name("record_id").doc("the record's id, when it has one").type().optional().stringType()
            .name("reason").doc("why the record could not be placed").type().stringType().noDefault()
            .name("raw_json").doc("the record exactly as Graph sent it").type().stringType().noDefault()
            .name("found_by").doc("the query that returned it").type().stringType().noDefault()
            .name("collected_at").type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)))
            .noDefault()
            .endRecord();

    private final LakeFileSystem lake;
    private final LakeLayout layout;
    private final ParquetSettings parquet;

    public Quarantine(LakeFileSystem lake, LakeLayout layout, ParquetSettings parquet) {
        this.lake = lake;
        this.layout = layout;
        this.parquet = parquet;
    }

    /** Where a record went, and whether an earlier read had already set the same record aside. */
    public record Kept(Path file, boolean seenBefore) {
    }

    /** Sets one record aside, visible at once (written hidden, then renamed over any earlier copy). */
    public Kept put(String sourceDataset, String tenantId, JsonNode record, String reason, String foundBy,
            Instant collectedAt) throws IOException {
        String raw = String.valueOf(record);
        Path file = layout.quarantineFile(sourceDataset, tenantId, digest(raw));
        boolean seenBefore = lake.fs().exists(file);
        Path temp = LakeLayout.inProgressFile(file);
        GenericRecord row = new GenericData.Record(SCHEMA);
        row.put("record_id", RecordProblems.idOf(record));
        row.put("reason", reason);
        row.put("raw_json", raw);
        row.put("found_by", foundBy);
        row.put("collected_at", Math.addExact(Math.multiplyExact(collectedAt.getEpochSecond(), 1_000_000L),
                collectedAt.getNano() / 1_000));
        try (var writer = parquet.openWriter(temp, SCHEMA, lake.conf())) {
            writer.write(row);
        } catch (IOException | RuntimeException e) {
            lake.deleteQuietly(temp, false);
            throw e;
        }
        try {
            lake.replace(temp, file);
        } catch (IOException | RuntimeException e) {
            lake.deleteQuietly(temp, false);
            throw e;
        }
        return new Kept(file, seenBefore);
    }

    /** 64 bits of SHA-256: enough to tell apart the few records a tenant ever quarantines. */
    static String digest(String raw) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
