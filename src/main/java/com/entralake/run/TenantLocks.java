package com.entralake.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.entralake.config.ConfigurationException;
import com.entralake.lock.FileTenantLock;
import com.entralake.lock.LockSettings;
import com.entralake.lock.PostgresAdvisoryLock;
import com.entralake.lock.PreviousRun;
import com.entralake.lock.ProcessIdentity;
import com.entralake.lock.TenantLock;
import com.entralake.lock.TenantRunStore;
import com.entralake.lock.WatchedTenantLock;
import com.entralake.repository.RepositoryAccessException;

/**
 * Picks the lock that matches the job repository — a PostgreSQL advisory lock when the repository is
 * PostgreSQL (runs may be on different hosts), otherwise a file lock beside the H2 database — and hands it
 * out watched. Between taking the lock and handing it out, it makes sure the run that held the tenant
 * before is gone: only then are that run's STARTED executions orphans.
 */
public final class TenantLocks {

    private final DataSource dataSource;
    private final Path lockDir;
    private final boolean postgres;
    private final LockSettings settings;
    private final String repository;
    private final TenantRunStore runs;

    /** @param repository the job repository's JDBC URL without password, as messages show it */
    public TenantLocks(DataSource dataSource, Path lockDir, LockSettings settings, String repository) {
        LockSettings.Problem problem = settings.problem();
        if (problem != null) { // validated with the rest of the configuration before; kept for other callers
            throw new ConfigurationException(problem.key() + " " + problem.message());
        }
        this.dataSource = dataSource;
        this.lockDir = lockDir;
        this.settings = settings;
        this.repository = repository;
        this.postgres = isPostgres(dataSource);
        this.runs = new TenantRunStore(dataSource);
    }

    public TenantLock acquire(String tenantId, String tenantName, String runId) {
        // a check that gets no answer within a third of stale-after counts as lost: this run then stops well
        // before its heartbeat goes stale and another run may start on the tenant
        TenantLock lock = postgres
                ? PostgresAdvisoryLock.acquire(dataSource, tenantId, tenantName, repository, settings.getStaleAfter().dividedBy(3))
                : FileTenantLock.acquire(lockDir, tenantId, tenantName);
        try {
            String tenant = tenantName + " (" + tenantId + ")";
            // looked up per lock, not when the context starts: commands that take no lock never resolve the host name
            ProcessIdentity self = ProcessIdentity.current();
            new PreviousRun(self, settings.getCheckInterval(), settings.getStaleAfter(), PreviousRun.Pause.REAL)
                    .awaitGone(tenant, runId, () -> runs.read(tenantId));
            runs.claim(tenantId, runId, self);
            return WatchedTenantLock.watch(lock, runs, tenantId, runId, tenant, settings.getCheckInterval());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The job repository as operators see it in messages: its JDBC URL without password. */
    public String repository() {
        return repository;
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new RepositoryAccessException("cannot reach the job repository database: " + e.getMessage(), e);
        }
    }
}
