package com.entralake.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

import com.entralake.repository.ConnectionLoss;
import com.entralake.repository.RepositoryAccessException;

/**
 * Makes the {@link JobIndex} complete before anything reads it: created with the other tables by every
 * command, and — in a job repository an earlier version filled — filled once from Spring Batch's history, so
 * an upgrade neither backfills again nor reports a gap. {@code ENTRALAKE_UPGRADE} records that the fill is
 * done; until it does, every process that starts fills the index itself (rows another process added first
 * are skipped), so none reads an index filled halfway by another.
 */
public final class JobIndexUpgrade {

    private static final Logger log = LoggerFactory.getLogger(JobIndexUpgrade.class);

    static final String TABLE = "ENTRALAKE_UPGRADE";
    private static final String DDL = "CREATE TABLE " + TABLE + " (NAME VARCHAR(100) NOT NULL PRIMARY KEY,"
            + " DONE_AT TIMESTAMP WITH TIME ZONE NOT NULL)";
    static final String JOB_INDEX_FILLED = "job-index filled from the job history";
    private static final int PAGE = 500;

    private JobIndexUpgrade() {
    }

    /** Creates the index when missing and fills it from the history once; cheap once done (two queries). */
    public static synchronized void ensure(DataSource dataSource, JobRepository repository) {
        createMarkerTable(dataSource);
        if (done(dataSource)) {
            return;
        }
        JobIndex index = new JobIndex(dataSource);
        index.create();
        int added = 0;
        for (String job : List.of(JobParameterNames.EVENTS_JOB, JobParameterNames.SNAPSHOT_JOB)) {
            added += fill(dataSource, index, repository, job);
        }
        if (added > 0) {
            log.info("Indexed {} job instance(s) of the job history in {} (once, for this version)", added,
                    JobIndex.TABLE);
        }
        markDone(dataSource);
    }

    /**
     * Every instance of {@code job}, newest first, a page at a time by id: Spring Batch's own paging
     * ({@code getJobInstances(name, start, count)}) reads and skips every row before {@code start}, which over a
     * long history makes the fill quadratic.
     */
    private static int fill(DataSource dataSource, JobIndex index, JobRepository repository, String job) {
        int added = 0;
        long before = Long.MAX_VALUE;
        for (List<Long> page = instanceIds(dataSource, job, before); !page.isEmpty();
                page = instanceIds(dataSource, job, before)) {
            before = page.get(page.size() - 1);
            for (long id : page) {
                JobInstance instance = repository.getJobInstance(id);
                JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
                if (last == null || !IndexedJob.indexable(last.getJobParameters())) {
                    continue; // never ran (the history skipped these before), or not a collection job's
                }
                IndexedJob row = IndexedJob.of(job, last.getJobParameters()).seen(instance.getInstanceId(),
                        last.getStatus());
                if (last.getExecutionContext().containsKey(RunHistory.PLANNED_AHEAD)) {
                    row = row.setAside(Instant.parse(last.getExecutionContext().getString(RunHistory.PLANNED_AHEAD)));
                }
                if (index.insert(row)) {
                    added++;
                }
            }
        }
        return added;
    }

    /** Spring Batch's documented BATCH_JOB_INSTANCE table (the project keeps its default prefix). */
    private static List<Long> instanceIds(DataSource dataSource, String job, long before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT JOB_INSTANCE_ID"
                + " FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ? AND JOB_INSTANCE_ID < ? ORDER BY JOB_INSTANCE_ID DESC"
                + " FETCH FIRST " + PAGE + " ROWS ONLY")) {
            ps.setString(1, job);
            ps.setLong(2, before);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new RepositoryAccessException("cannot read the job history (BATCH_JOB_INSTANCE) in the job repository: "
                    + ConnectionLoss.oneLine(e), e);
        }
    }

    private static void createMarkerTable(DataSource dataSource) {
        if (markerTableExists(dataSource)) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(DDL);
        } catch (SQLException e) {
            if (!markerTableExists(dataSource)) {
                throw new RepositoryAccessException("cannot create " + TABLE + " in the job repository: "
                        + ConnectionLoss.oneLine(e), e);
            }
        }
    }

    private static boolean markerTableExists(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw failure("read", e);
            }
            return false;
        }
    }

    private static boolean done(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT NAME FROM " + TABLE + " WHERE NAME = ?")) {
            ps.setString(1, JOB_INDEX_FILLED);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static void markDone(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (NAME, DONE_AT) VALUES (?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, JOB_INDEX_FILLED);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // another process finished the same fill first
                throw failure("write", e);
            }
        }
    }

    private static RepositoryAccessException failure(String verb, SQLException e) {
        return new RepositoryAccessException("cannot " + verb + " " + TABLE + " in the job repository: "
                + ConnectionLoss.oneLine(e), e);
    }
}
