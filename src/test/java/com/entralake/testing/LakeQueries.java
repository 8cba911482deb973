package com.entralake.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the lake back the way an analyst would, with DuckDB — a reader that shares no code with the
 * writer — so the tests check what downstream tools really see.
 */
public final class LakeQueries implements AutoCloseable {

    private final Connection connection;
    private final Path lake;

    public LakeQueries(Path lake) throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
        this.lake = lake;
    }

    public String glob(String dataset) {
        return lake.toAbsolutePath() + "/" + dataset + "/**/*.parquet";
    }

    public boolean hasFiles(String dataset) {
        Path dir = lake.resolve(dataset);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every id in the dataset, one entry per row (a list, so a duplicate shows). */
    public List<String> idRows(String dataset) throws SQLException {
        if (!hasFiles(dataset)) {
            return List.of();
        }
        return strings("SELECT id FROM read_parquet('" + glob(dataset) + "', hive_partitioning = true)");
    }

    public List<String> idRows(String dataset, String where) throws SQLException {
        if (!hasFiles(dataset)) {
            return List.of();
        }
        return strings("SELECT id FROM read_parquet('" + glob(dataset) + "', hive_partitioning = true) WHERE " + where);
    }

    public Set<String> ids(String dataset) throws SQLException {
        return new HashSet<>(idRows(dataset));
    }

    /** Column name to DuckDB type, as DuckDB infers it from the Parquet files plus the partition folders. */
    public Map<String, String> columnTypes(String dataset) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + glob(dataset)
                        + "', hive_partitioning = true)")) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return types;
    }

    public List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
