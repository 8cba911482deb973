package com.entralake.repository;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The job repository's clock, when it is on another machine (PostgreSQL): one clock every run of a tenant
 * reads, whichever host it runs on, to check this host's against. An H2 file repository is on this machine,
 * so its clock would prove nothing: empty.
 */
public final class RepositoryTime {

    private RepositoryTime() {
    }

    public static Optional<Instant> now(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                return Optional.empty();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CURRENT_TIMESTAMP")) {
                rs.next();
                Timestamp ts = rs.getTimestamp(1);
                return Optional.ofNullable(ts).map(Timestamp::toInstant);
            }
        } catch (SQLException e) {
            // the repository itself is checked elsewhere, with a message of its own
            return Optional.empty();
        }
    }
}
