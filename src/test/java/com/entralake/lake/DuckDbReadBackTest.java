package com.entralake.lake;

import static com.entralake.lake.TestRecords.SCHEMA;
import static com.entralake.lake.TestRecords.TENANT;
import static com.entralake.lake.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.window.TimeWindow;

/** What a downstream reader sees: Hive partition columns, typed columns, and nothing that is not committed. */
class DuckDbReadBackTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void duckDbSeesPartitionsAndTypesButNoTemporaries() throws Exception {
        EventWindowWriter open;
        try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
            LakeLayout layout = new LakeLayout(lake.root());
            Instant start = Instant.parse("2026-11-27T22:00:00Z");
            for (int w = 0; w < 3; w++) { // 22:00, 23:00, and 00:00 of the next day
                TimeWindow window = TimeWindow.containing(start.plus(Duration.ofHours(w)), Duration.ofHours(1));
                try (EventWindowWriter writer = new EventWindowWriter(lake,
                        layout.windowFile("signins", TENANT, window), SCHEMA, ParquetSettings.defaults())) {
                    for (int i = 0; i < 10; i++) {
                        writer.write("id-" + w + "-" + i, record("id-" + w + "-" + i, window.start().plusSeconds(i), i, "v1"));
                    }
                    writer.write("id-" + w + "-0", record("id-" + w + "-0", window.start(), 0, "v2"));
                    writer.commit();
                }
            }
            // an open window and a crashed one's leftover must stay invisible
            open = new EventWindowWriter(lake, layout.windowFile("signins", TENANT,
                    TimeWindow.containing(start.plus(Duration.ofHours(3)), Duration.ofHours(1))), SCHEMA, ParquetSettings.defaults());
            open.write("ghost", record("ghost", start, 0, "v1"));

            assertThat(TestRecords.tree(dir)).as("the open window's temporary is on disk while DuckDB reads")
                    .anyMatch(p -> p.contains("/.signins-20261128T010000Z-PT1H.parquet.inprogress-"));
            String glob = dir.toAbsolutePath() + "/**/*.parquet";
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT id), count(DISTINCT event_date), "
                        + "min(tenant_id), max(tenant_id) FROM read_parquet('" + glob + "', hive_partitioning=true)")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(30);
                    assertThat(rs.getLong(2)).isEqualTo(30);
                    assertThat(rs.getLong(3)).isEqualTo(2);
                    assertThat(rs.getString(4)).isEqualTo(TENANT).isEqualTo(rs.getString(5));
                }
                try (ResultSet rs = st.executeQuery("SELECT raw_json FROM read_parquet('" + glob
                        + "', hive_partitioning=true) WHERE id = 'id-1-0'")) {
                    rs.next();
                    assertThat(rs.getString(1)).contains("v2");
                    assertThat(rs.next()).isFalse();
                }
                try (ResultSet rs = st.executeQuery("SELECT string_agg(DISTINCT compression, ',') FROM parquet_metadata('" + glob + "')")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("ZSTD");
                }
                Map<String, String> types = columnTypes(st, "SELECT * FROM read_parquet('" + glob + "', hive_partitioning=true)");
                assertThat(types).containsEntry("createdDateTime", "TIMESTAMP WITH TIME ZONE")
                        .containsEntry("tags", "VARCHAR[]")
                        .containsEntry("status", "STRUCT(errorCode INTEGER)")
                        .containsEntry("id", "VARCHAR")
                        .containsEntry("event_date", "DATE")
                        .containsKey("tenant_id");
                try (ResultSet rs = st.executeQuery("SELECT status.errorCode, typeof(status.errorCode), "
                        + "createdDateTime AT TIME ZONE 'UTC' FROM read_parquet('" + glob
                        + "', hive_partitioning=true) WHERE id = 'id-2-3'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(3);
                    assertThat(rs.getString(2)).isEqualTo("INTEGER");
                    assertThat(rs.getString(3)).startsWith("2026-11-28 00:00:03");
                }
                try (ResultSet rs = st.executeQuery("SELECT name, type, logical_type::VARCHAR FROM parquet_schema('" + glob
                        + "') WHERE name IN ('createdDateTime', 'tags', 'list', 'element') LIMIT 4")) {
                    Map<String, String> physical = new HashMap<>();
                    while (rs.next()) {
                        physical.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3));
                    }
                    assertThat(physical.get("createdDateTime")).startsWith("INT64").contains("isAdjustedToUTC=1").contains("MICROS");
                    assertThat(physical).as("standard 3-level LIST: tags/list/element").containsKeys("tags", "list", "element");
                }
            } finally {
                open.abort();
            }
        }
    }

    private static Map<String, String> columnTypes(Statement st, String query) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (ResultSet rs = st.executeQuery("DESCRIBE " + query)) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return types;
    }
}
