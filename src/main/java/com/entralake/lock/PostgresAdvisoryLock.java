package com.entralake.lock;

import com.entralake.repository.ConnectionLoss;
import com.entralake.repository.RepositoryAccessException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock per tenant, held on a dedicated connection for the whole run:
 * it works across hosts (Kubernetes pods) and the server drops it when the connection dies.
 *
 * <p>The lock lives exactly as long as that one session. A database restart or failover, an idle-session
 * timeout, a firewall reset or {@code pg_terminate_backend} ends the session and frees the lock while this
 * process carries on, so {@link #ensureHeld()} asks the server, on the lock's own connection, whether this
 * backend still holds the key: a failed or unanswered query counts as lost.
 */
public final class PostgresAdvisoryLock extends CheckedTenantLock {

    /** A check that gets no answer within this is a lost lock: it cannot be proven held, and others may take it. */
    static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** pg_locks shows a bigint key split in two: classid = high 32 bits, objid = low 32 bits, objsubid = 1. */
    private static final String HELD = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
            + " AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1 AND granted";
    /** Network time-outs need an executor to close a hung connection on; the caller's thread will do. */
    private static final Executor DIRECT = Runnable::run;

    private final Connection connection;
    private final long key;
    private final String tenant;
    private final String repository;

    private PostgresAdvisoryLock(Connection connection, long key, String tenant, String repository) {
        this.connection = connection;
        this.key = key;
        this.tenant = tenant;
        this.repository = repository;
    }

    public static PostgresAdvisoryLock acquire(DataSource dataSource, String tenantId, String tenantName) {
        return acquire(dataSource, tenantId, tenantName, "the PostgreSQL job repository", DEFAULT_CHECK_TIMEOUT);
    }

    /**
     * @param repository  how messages name the database (its JDBC URL without password)
     * @param checkTimeout how long a check of the lock may wait for the server before the lock counts as lost
     */
    public static PostgresAdvisoryLock acquire(DataSource dataSource, String tenantId, String tenantName,
            String repository, Duration checkTimeout) {
        long key = keyOf(tenantId);
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            connection.setNetworkTimeout(DIRECT, (int) checkTimeout.toMillis());
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
            return new PostgresAdvisoryLock(connection, key, tenantName + " (" + tenantId + ")", repository);
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // reporting the first failure
                }
            }
            throw new RepositoryAccessException("cannot take the tenant lock in PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** A stable 64-bit key from the tenant GUID, namespaced so it does not collide with other applications' keys. */
    static long keyOf(String tenantId) {
        UUID uuid = UUID.nameUUIDFromBytes(("entra-lake:" + tenantId.toLowerCase()).getBytes(StandardCharsets.UTF_8));
        return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    }

    /** One query on the lock's own connection (checks are serialized by the base class: the threads share it). */
    @Override
    protected String check() {
        try (PreparedStatement st = connection.prepareStatement(HELD)) {
            st.setLong(1, key >>> 32);
            st.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return null;
                }
            }
            return "the tenant lock of " + tenant + " was lost: PostgreSQL no longer shows advisory lock " + key
                    + " as held by this run's session in " + repository + " (a connection pooler in transaction mode,"
                    + " such as PgBouncer, moves sessions between clients: connect Entra Lake to PostgreSQL directly"
                    + " or in session mode)";
        } catch (SQLException e) {
            return "the tenant lock of " + tenant + " was lost: the job repository connection holding it was lost ("
                    + repository + ": " + ConnectionLoss.oneLine(e) + ")";
        }
    }


    /** The backend process holding the lock, for tests and diagnostics. */
    public synchronized int backendPid() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_backend_pid()");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public synchronized void close() {
        if (foundLost()) {
            // the session that held it is gone or no longer holds it: nothing to unlock, just give the connection back
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is broken; the pool discards it
            }
            return;
        }
        try (connection; PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            st.setLong(1, key);
            st.execute();
        } catch (SQLException e) {
            // everything this run did is committed; the server drops the lock with the session anyway
            org.slf4j.LoggerFactory.getLogger(PostgresAdvisoryLock.class).warn("could not release the tenant lock: {}",
                    ConnectionLoss.oneLine(e));
        }
    }
}
