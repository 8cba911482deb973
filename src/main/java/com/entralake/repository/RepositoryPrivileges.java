package com.entralake.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Before a run, checks that the PostgreSQL role may use every job repository table and sequence (Spring
 * Batch's and Entra Lake's), so a missing GRANT is one line before anything ran instead of a failure in the
 * middle of a tenant. H2 has no such privileges: nothing to check.
 */
public final class RepositoryPrivileges {

    private static final List<String> TABLE_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE");
    private static final String OBJECTS = "SELECT c.relname, c.relkind, n.nspname,"
            + " has_table_privilege(c.oid, 'SELECT'), has_table_privilege(c.oid, 'INSERT'),"
            + " has_table_privilege(c.oid, 'UPDATE'), has_table_privilege(c.oid, 'DELETE'),"
            + " CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'USAGE') ELSE true END"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S')"
            + " AND (c.relname LIKE 'batch\\_%' OR c.relname LIKE 'entralake\\_%') ORDER BY c.relname";

    private RepositoryPrivileges() {
    }

    /**
     * @return what is missing and the GRANT statements that fix it, or empty when the role has every
     *         privilege the job needs (or the database is not PostgreSQL)
     */
    public static Optional<String> missing(DataSource dataSource, String jdbcUrl, String username) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                return Optional.empty();
            }
            String role = username == null || username.isBlank() ? c.getMetaData().getUserName() : username;
            List<String> missing = new ArrayList<>();
            String schema = "public";
            try (PreparedStatement st = c.prepareStatement(OBJECTS); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    schema = rs.getString(3);
                    boolean sequence = "S".equals(rs.getString(2));
                    List<String> lacking = new ArrayList<>();
                    if (sequence) {
                        if (!rs.getBoolean(8)) {
                            lacking.add("USAGE");
                        }
                    } else {
                        for (int i = 0; i < TABLE_PRIVILEGES.size(); i++) {
                            if (!rs.getBoolean(4 + i)) {
                                lacking.add(TABLE_PRIVILEGES.get(i));
                            }
                        }
                    }
                    if (!lacking.isEmpty()) {
                        missing.add(String.join("/", lacking) + " on " + (sequence ? "sequence " : "table ")
                                + rs.getString(1));
                    }
                }
            }
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            String shown = missing.size() <= 2 ? String.join(", ", missing)
                    : missing.get(0) + ", " + missing.get(1) + " and " + (missing.size() - 2) + " more";
            return Optional.of("The job repository at " + JdbcUrls.redact(jdbcUrl) + ": role '" + role
                    + "' lacks " + shown + "; as the owner, run: GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES"
                    + " IN SCHEMA " + schema + " TO " + role + "; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "
                    + schema + " TO " + role + ".");
        } catch (SQLException e) {
            return RepositoryFailure.explain(e, jdbcUrl, username);
        }
    }
}
