package com.entralake.lock;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock per tenant, held on a dedicated connection for the whole run:
 * it works across hosts (Kubernetes pods) and the server drops it when the connection dies.
 */
public final class PostgresAdvisoryLock implements TenantLock {

    private final Connection connection;
    private final long key;

    private PostgresAdvisoryLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    public static PostgresAdvisoryLock acquire(DataSource dataSource, String tenantId, String tenantName) {
        long key = keyOf(tenantId);
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                st.setLong(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        connection.close();
                        throw new TenantLockedException("Another Entra Lake run is collecting tenant " + tenantName
                                + " (" + tenantId + ") right now (PostgreSQL advisory lock " + key
                                + " is held). This run leaves it alone.");
                    }
                }
            }
            return new PostgresAdvisoryLock(connection, key);
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // reporting the first failure
                }
            }
            throw new IllegalStateException("cannot take the tenant lock in PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** A stable 64-bit key from the tenant GUID, namespaced so it does not collide with other applications' keys. */
    static long keyOf(String tenantId) {
        UUID uuid = UUID.nameUUIDFromBytes(("entra-lake:" + tenantId.toLowerCase()).getBytes(StandardCharsets.UTF_8));
        return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    }

    @Override
    public void close() {
        try (connection; PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            st.setLong(1, key);
            st.execute();
        } catch (SQLException e) {
            // everything this run did is committed; the server drops the lock with the session anyway
            org.slf4j.LoggerFactory.getLogger(PostgresAdvisoryLock.class).warn("could not release the tenant lock: {}",
                    e.getMessage());
        }
    }
}
