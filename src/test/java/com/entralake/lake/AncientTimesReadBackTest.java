package com.entralake.lake;

import static com.entralake.lake.TestRecords.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.schema.GraphSchemaCatalog;
import com.entralake.schema.LakeTimeRange;
import com.entralake.schema.RecordNormalizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A user with Graph's "never" values, written by the snapshot writer with the real user schema: a reader sees NULL in
 * the typed columns (so Spark 3 can read the file without a rebase setting) and the original text in raw_json.
 */
class AncientTimesReadBackTest {

    private static final String NEVER = "0001-01-01T00:00:00Z";

    @TempDir
    java.nio.file.Path dir;

    @Test
    void neverIsNullInTypedColumnsAndVerbatimInRawJson() throws Exception {
        JsonNode user = new ObjectMapper().readTree("""
                {"id": "5f0a3b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "displayName": "Never Signed In",
                 "createdDateTime": "2024-05-01T08:00:00Z",
                 "birthday": "0001-01-01T00:00:00Z",
                 "lastPasswordChangeDateTime": "0001-01-01T00:00:00Z",
                 "onPremisesLastSyncDateTime": "0001-01-01T00:00:00Z",
                 "signInActivity": {"lastSignInDateTime": "0001-01-01T00:00:00Z",
                                    "lastNonInteractiveSignInDateTime": "2026-11-20T10:00:00Z"}}
                """);
        RecordNormalizer normalizer = new RecordNormalizer(GraphSchemaCatalog.load().recordSchema("user"));
        Path partition;
        try (LakeFileSystem lake = LakeFileSystem.open(dir.toString());
             SnapshotWriter writer = new SnapshotWriter(lake, partition = new LakeLayout(lake.root())
                     .snapshotPartition("users", TENANT, LocalDate.parse("2026-11-27")), normalizer.schema(),
                     ParquetSettings.defaults(), 1000)) {
            writer.write(user.get("id").asText(), normalizer.normalize(user, Instant.parse("2026-11-27T02:00:00Z")));
            writer.commit();
        }

        String glob = dir.toAbsolutePath() + "/**/*.parquet";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT birthday IS NULL, lastPasswordChangeDateTime IS NULL,"
                     + " onPremisesLastSyncDateTime IS NULL, signInActivity.lastSignInDateTime IS NULL,"
                     + " strftime(signInActivity.lastNonInteractiveSignInDateTime AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S'),"
                     + " json_extract_string(raw_json, '$.birthday'),"
                     + " json_extract_string(raw_json, '$.signInActivity.lastSignInDateTime'),"
                     + " strftime(createdDateTime AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S')"
                     + " FROM read_parquet('" + glob + "', hive_partitioning = true)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("birthday IS NULL").isTrue();
            assertThat(rs.getBoolean(2)).as("lastPasswordChangeDateTime IS NULL").isTrue();
            assertThat(rs.getBoolean(3)).as("onPremisesLastSyncDateTime IS NULL").isTrue();
            assertThat(rs.getBoolean(4)).as("signInActivity.lastSignInDateTime IS NULL").isTrue();
            assertThat(rs.getString(5)).isEqualTo("2026-11-20T10:00:00");
            assertThat(rs.getString(6)).isEqualTo(NEVER);
            assertThat(rs.getString(7)).isEqualTo(NEVER);
            assertThat(rs.getString(8)).isEqualTo("2024-05-01T08:00:00");
            assertThat(rs.next()).isFalse();
        }
        // what Spark checks: no value of any timestamp column in the file is older than the boundary (footer statistics)
        try (LakeFileSystem lake = LakeFileSystem.open(dir.toString());
             ParquetFileReader footer = ParquetFileReader.open(
                     ParquetSettings.inputFile(new Path(partition, "part-00000.parquet"), lake.conf()))) {
            long earliest = LakeTimeRange.EARLIEST_TIMESTAMP.getEpochSecond() * 1_000_000L;
            List<String> withValues = new ArrayList<>();
            for (ColumnChunkMetaData column : footer.getRowGroups().get(0).getColumns()) {
                if (column.getPrimitiveType().getLogicalTypeAnnotation()
                        instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation && column.getStatistics().hasNonNullValue()) {
                    withValues.add(column.getPath().toDotString());
                    assertThat((Long) column.getStatistics().genericGetMin()).as(column.getPath().toDotString())
                            .isGreaterThanOrEqualTo(earliest);
                }
            }
            assertThat(withValues).containsExactlyInAnyOrder("createdDateTime",
                    "signInActivity.lastNonInteractiveSignInDateTime", "collected_at");
        }
        assertThat(partition.getName()).isEqualTo("snapshot_date=2026-11-27");
    }
}
