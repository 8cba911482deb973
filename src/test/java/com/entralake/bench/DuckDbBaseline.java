package com.entralake.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The benchmark's yardstick (bench/run.sh): DuckDB turns the very JSON pages the emulator served to the collector
 * into what the collector writes — every property a typed column, the record's JSON beside it, Hive partitions
 * by UTC day, zstd Parquet — in one statement. Run in its own JVM so that its CPU time is measured alone.
 *
 * <pre>java -cp … com.entralake.bench.DuckDbBaseline PAGES_DIR OUT_DIR TIME_PROPERTY</pre>
 */
public final class DuckDbBaseline {

    private DuckDbBaseline() {
    }

    public static void main(String[] args) throws Exception {
        Path pages = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        String time = args.length > 2 ? args[2] : "createdDateTime";
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + " exists: give a new folder");
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("SET preserve_insertion_order = false");
            // value is an array of records: unnest it into one struct per record, whose fields DuckDB types itself
            st.execute("COPY (SELECT r.*, to_json(r) AS raw_json, CAST(r." + time + " AS DATE) AS event_date FROM ("
                    + "SELECT unnest(value) AS r FROM read_json('" + pages + "/*.json', format = 'auto',"
                    + " maximum_object_size = 268435456))) TO '" + out + "'"
                    + " (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (event_date))");
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT event_date) FROM read_parquet('" + out
                    + "/**/*.parquet', hive_partitioning = true)")) {
                rs.next();
                System.out.println("duckdb records: " + rs.getLong(1) + " days: " + rs.getLong(2));
            }
        }
    }
}
