package com.entralake.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;

import com.entralake.repository.ConnectionLoss;
import com.entralake.repository.RepositoryAccessException;

/**
 * {@code ENTRALAKE_JOB_INDEX}, beside Spring Batch's tables: one row per collection job instance, by tenant
 * and dataset, with its range, when it was planned and whether it is settled. Spring Batch can list job
 * instances only by job name, and loads their parameters execution by execution; through this index a run
 * reads the few rows it needs — the furthest trusted range, the instances that may still need work, those
 * planned ahead — whatever the length of the history.
 *
 * <p>Spring Batch stays the truth of an instance's status: a row says only whether it was seen settled
 * (COMPLETED or ABANDONED). Rows not settled are looked up in Spring Batch each time; there are few, the
 * last run's and those that failed. A row is written before its job starts, so no process killed at any
 * moment leaves an instance the index does not know.
 *
 * <p>Times are ISO-8601 text of a fixed width (UTC, nine fraction digits): they compare as text, on H2 and
 * PostgreSQL alike, exactly, and read as times.
 */
public final class JobIndex {

    static final String TABLE = "ENTRALAKE_JOB_INDEX";
    /** The table and what its reads look up by: a tenant's dataset, then range end, planned time, settledness, order. */
    static final List<String> DDL = List.of("CREATE TABLE " + TABLE + " (JOB_NAME VARCHAR(100) NOT NULL,"
            + " JOB_KEY VARCHAR(32) NOT NULL, JOB_INSTANCE_ID BIGINT, TENANT_ID VARCHAR(64) NOT NULL,"
            + " DATASET VARCHAR(100) NOT NULL, RANGE_START VARCHAR(40), RANGE_END VARCHAR(40), SNAPSHOT_DATE VARCHAR(10),"
            + " WINDOW_LENGTH VARCHAR(40), PLANNED_AT VARCHAR(40) NOT NULL, RUN_ID VARCHAR(100), SETTLED VARCHAR(10),"
            + " SET_ASIDE_AT VARCHAR(40), PRIMARY KEY (JOB_NAME, JOB_KEY))",
            "CREATE INDEX IF NOT EXISTS " + TABLE + "_END ON " + TABLE + " (TENANT_ID, DATASET, RANGE_END)",
            "CREATE INDEX IF NOT EXISTS " + TABLE + "_PLANNED ON " + TABLE + " (TENANT_ID, DATASET, PLANNED_AT)",
            "CREATE INDEX IF NOT EXISTS " + TABLE + "_OPEN ON " + TABLE + " (TENANT_ID, DATASET, SETTLED)",
            "CREATE INDEX IF NOT EXISTS " + TABLE + "_INSTANCE ON " + TABLE + " (TENANT_ID, DATASET, JOB_INSTANCE_ID)");

    private static final String COLUMNS = "JOB_NAME, JOB_KEY, JOB_INSTANCE_ID, TENANT_ID, DATASET, RANGE_START,"
            + " RANGE_END, SNAPSHOT_DATE, WINDOW_LENGTH, PLANNED_AT, RUN_ID, SETTLED, SET_ASIDE_AT";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM " + TABLE
            + " WHERE JOB_NAME = ? AND TENANT_ID = ? AND DATASET = ?";
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final DataSource dataSource;

    public JobIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the table and its indexes where missing; safe when another process does the same at the same moment. */
    void create() {
        if (!exists()) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute(DDL.get(0));
            } catch (SQLException e) {
                if (!exists()) {
                    throw new RepositoryAccessException("cannot create " + TABLE + " in the job repository: "
                            + ConnectionLoss.oneLine(e), e);
                }
            }
        }
        for (String index : DDL.subList(1, DDL.size())) {
            try {
                update(index);
            } catch (RepositoryAccessException e) {
                // PostgreSQL: two sessions creating the same index at once, IF NOT EXISTS notwithstanding, leave one
                // with a duplicate key (23505) or an existing relation (42P07): the index is there all the same
                if (!(e.getCause() instanceof SQLException sql) || !List.of("23505", "42P07").contains(sql.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    boolean exists() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                // there, but not readable by this role: say so instead of trying to create it
                throw failure("read", e);
            }
            return false;
        }
    }

    /** @return false when the index holds this job instance already (another process indexed it first) */
    boolean insert(IndexedJob row) {
        try {
            update("INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row.jobName(), row.jobKey(), row.instanceId(), row.tenantId(), row.dataset(), text(row.rangeStart()),
                    text(row.rangeEnd()), row.snapshotDate(), row.window(), text(row.plannedAt()), row.runId(),
                    row.settled() == null ? null : row.settled().name(), text(row.setAsideAt()));
            return true;
        } catch (RepositoryAccessException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return false; // the primary key: the same job and key, on H2 and PostgreSQL alike
            }
            throw e;
        }
    }

    /** What was seen of the row's instance: its id, and whether it is settled. */
    void seen(IndexedJob row) {
        update("UPDATE " + TABLE + " SET JOB_INSTANCE_ID = ?, SETTLED = ? WHERE JOB_NAME = ? AND JOB_KEY = ?",
                row.instanceId(), row.settled() == null ? null : row.settled().name(), row.jobName(), row.jobKey());
    }

    void setAside(IndexedJob row, Instant at) {
        update("UPDATE " + TABLE + " SET SET_ASIDE_AT = ? WHERE JOB_NAME = ? AND JOB_KEY = ?", text(at), row.jobName(),
                row.jobKey());
    }

    /** A row whose job never started (its process died first, or the start failed): nothing to remember. */
    void delete(IndexedJob row) {
        update("DELETE FROM " + TABLE + " WHERE JOB_NAME = ? AND JOB_KEY = ?", row.jobName(), row.jobKey());
    }

    Optional<IndexedJob> find(String jobName, String jobKey) {
        return query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE JOB_NAME = ? AND JOB_KEY = ?", jobName, jobKey)
                .stream().findFirst();
    }

    /** The rows not settled: their instances may still run, have failed, or never have started. */
    List<IndexedJob> open(String jobName, String tenantId, String dataset) {
        return query(SELECT + " AND SETTLED IS NULL", jobName, tenantId, dataset);
    }

    /** The completed range a run at {@code now} trusts that reaches furthest (then was read latest), if any. */
    Optional<IndexedJob> furthestTrustedCompleted(String jobName, String tenantId, String dataset, Instant now) {
        return query(SELECT + " AND SETTLED = 'COMPLETED' AND SET_ASIDE_AT IS NULL AND PLANNED_AT <= ?"
                + " ORDER BY RANGE_END DESC, PLANNED_AT DESC FETCH FIRST 1 ROWS ONLY", jobName, tenantId, dataset,
                text(now)).stream().findFirst();
    }

    /** Rows planned after {@code now} and not set aside yet, whatever their status. */
    List<IndexedJob> plannedAfter(String jobName, String tenantId, String dataset, Instant now) {
        return query(SELECT + " AND SET_ASIDE_AT IS NULL AND PLANNED_AT > ?", jobName, tenantId, dataset, text(now));
    }

    /** Completed ranges a run at {@code now} does not trust (planned ahead of it, or set aside) that overlap {@code [from, to)}. */
    List<IndexedJob> untrustedCompleted(String jobName, String tenantId, String dataset, Instant now, Instant from,
            Instant to) {
        return query(SELECT + " AND SETTLED = 'COMPLETED' AND (SET_ASIDE_AT IS NOT NULL OR PLANNED_AT > ?)"
                + " AND RANGE_END > ? AND RANGE_START < ?", jobName, tenantId, dataset, text(now), text(from), text(to));
    }

    /** The newest instance Spring Batch was seen to create for this tenant's dataset, optionally one with a window. */
    Optional<IndexedJob> newest(String jobName, String tenantId, String dataset, boolean withWindow) {
        return query(SELECT + " AND JOB_INSTANCE_ID IS NOT NULL" + (withWindow ? " AND WINDOW_LENGTH IS NOT NULL" : "")
                + " ORDER BY JOB_INSTANCE_ID DESC FETCH FIRST 1 ROWS ONLY", jobName, tenantId, dataset)
                .stream().findFirst();
    }

    private List<IndexedJob> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            List<IndexedJob> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(3);
                    Long instanceId = rs.wasNull() ? null : id;
                    String settled = rs.getString(12);
                    rows.add(new IndexedJob(rs.getString(1), rs.getString(2), instanceId, rs.getString(4),
                            rs.getString(5), instant(rs.getString(6)), instant(rs.getString(7)), rs.getString(8),
                            rs.getString(9), instant(rs.getString(10)), rs.getString(11),
                            settled == null ? null : BatchStatus.valueOf(settled), instant(rs.getString(13))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private static void bind(PreparedStatement ps, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Long id) {
                ps.setLong(i + 1, id);
            } else if (parameters[i] == null) {
                ps.setNull(i + 1, Types.NULL); // of no type: PostgreSQL takes it for a BIGINT column as for a VARCHAR one
            } else {
                ps.setString(i + 1, (String) parameters[i]);
            }
        }
    }

    static String text(Instant instant) {
        return instant == null ? null : TEXT.format(instant);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static RepositoryAccessException failure(String verb, SQLException e) {
        return new RepositoryAccessException("cannot " + verb + " the job index (" + TABLE + ") in the job repository: "
                + ConnectionLoss.oneLine(e), e);
    }
}
