package com.entralake.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.entralake.lock.FileTenantLock;
import com.entralake.lock.PostgresAdvisoryLock;
import com.entralake.lock.TenantLock;

/**
 * Picks the lock that matches the job repository: a PostgreSQL advisory lock when the repository is
 * PostgreSQL (runs may be on different hosts), otherwise a file lock beside the H2 database.
 */
public final class TenantLocks {

    private final DataSource dataSource;
    private final Path lockDir;
    private final boolean postgres;

    public TenantLocks(DataSource dataSource, Path lockDir) {
        this.dataSource = dataSource;
        this.lockDir = lockDir;
        this.postgres = isPostgres(dataSource);
    }

    public TenantLock acquire(String tenantId, String tenantName) {
        return postgres ? PostgresAdvisoryLock.acquire(dataSource, tenantId, tenantName)
                : FileTenantLock.acquire(lockDir, tenantId, tenantName);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the job repository database: " + e.getMessage(), e);
        }
    }
}
