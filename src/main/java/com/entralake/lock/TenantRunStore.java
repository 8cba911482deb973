package com.entralake.lock;

import com.entralake.repository.ConnectionLoss;
import com.entralake.repository.RepositoryAccessException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * {@code ENTRALAKE_TENANT_RUN}, beside Spring Batch's tables: per tenant, the run that holds its lock and
 * that run's heartbeat. A run that takes a lock reads it to know whether the previous holder may still be
 * alive (a lock can be lost by a live process) before it treats that run's executions as orphaned.
 *
 * <p>Times come from the database's clock ({@code CURRENT_TIMESTAMP}), never from the job's: the job clock
 * is frozen by {@code --now}, and hosts' clocks disagree, while every run of a tenant reads the one database.
 * Heartbeat ages are always computed between two readings of that clock.
 */
public final class TenantRunStore {

    private static final String TABLE = "ENTRALAKE_TENANT_RUN";
    private static final String DDL = "CREATE TABLE " + TABLE + " (TENANT_ID VARCHAR(64) NOT NULL PRIMARY KEY,"
            + " RUN_ID VARCHAR(64) NOT NULL, HOST VARCHAR(255) NOT NULL, PID_NAMESPACE VARCHAR(100), PID BIGINT NOT NULL,"
            + " PROCESS_STARTED VARCHAR(40), CLAIMED_AT TIMESTAMP WITH TIME ZONE NOT NULL,"
            + " HEARTBEAT_AT TIMESTAMP WITH TIME ZONE NOT NULL)";

    private final DataSource dataSource;
    private volatile boolean schemaChecked;

    public TenantRunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the table when missing (first use); safe when another process does the same at the same moment. */
    public synchronized void ensureSchema() {
        if (schemaChecked) {
            return;
        }
        if (!exists()) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute(DDL);
            } catch (SQLException e) {
                if (!exists()) {
                    throw new RepositoryAccessException("cannot create " + TABLE + " in the job repository: " + e.getMessage(), e);
                }
            }
        }
        schemaChecked = true;
    }

    public Optional<TenantRun> read(String tenantId) {
        ensureSchema();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT RUN_ID, HOST, PID_NAMESPACE, PID, PROCESS_STARTED,"
                        + " HEARTBEAT_AT, CURRENT_TIMESTAMP FROM " + TABLE + " WHERE TENANT_ID = ?")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String started = rs.getString(5);
                ProcessIdentity owner = new ProcessIdentity(rs.getString(2), rs.getString(3), rs.getLong(4),
                        started == null ? null : Instant.parse(started));
                return Optional.of(new TenantRun(tenantId, rs.getString(1), owner,
                        rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getObject(7, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Records this run as the tenant's holder, with a first heartbeat; replaces the previous holder's row. */
    public void claim(String tenantId, String runId, ProcessIdentity self) {
        ensureSchema();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + TABLE + " WHERE TENANT_ID = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO " + TABLE + " (TENANT_ID, RUN_ID, HOST,"
                            + " PID_NAMESPACE, PID, PROCESS_STARTED, CLAIMED_AT, HEARTBEAT_AT)"
                            + " VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                del.setString(1, tenantId);
                del.executeUpdate();
                ins.setString(1, tenantId);
                ins.setString(2, runId);
                ins.setString(3, clip(self.host(), 255));
                ins.setString(4, self.pidNamespace());
                ins.setLong(5, self.pid());
                ins.setString(6, self.started() == null ? null : self.started().toString());
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("save", e);
        }
    }

    /** Moves this run's heartbeat to now; false when the row is no longer this run's (another run took over). */
    public boolean beat(String tenantId, String runId) {
        return update("UPDATE " + TABLE + " SET HEARTBEAT_AT = CURRENT_TIMESTAMP WHERE TENANT_ID = ? AND RUN_ID = ?",
                tenantId, runId) == 1;
    }

    /** This run is done with the tenant: a run that takes the lock next need not wait for it. */
    public void release(String tenantId, String runId) {
        update("DELETE FROM " + TABLE + " WHERE TENANT_ID = ? AND RUN_ID = ?", tenantId, runId);
    }

    private int update(String sql, String tenantId, String runId) {
        ensureSchema();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setString(2, runId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("save", e);
        }
    }

    private boolean exists() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static RepositoryAccessException failure(String verb, SQLException e) {
        return new RepositoryAccessException("cannot " + verb + " the tenant's run record (" + TABLE
                + ") in the job repository: " + ConnectionLoss.oneLine(e), e);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
