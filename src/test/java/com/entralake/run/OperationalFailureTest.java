package com.entralake.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.AbstractDataSource;

import com.entralake.batch.JobRepositorySchema;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.lock.LockSettings;
import com.entralake.lock.PostgresAdvisoryLock;
import com.entralake.lock.TenantLockLostException;
import com.entralake.lock.TenantRunStore;

/**
 * What the collector counts as the world failing (exit 1, the next run resumes) and what as a bug (exit 5):
 * each store's failure, thrown for real by the store against a job repository that cannot be reached, is
 * operational; an {@link IllegalStateException} or any other exception of the code is not, unless an
 * operational failure caused it.
 */
class OperationalFailureTest {

    /** A job repository whose every connection is refused, as the driver says it. */
    private static final DataSource UNREACHABLE = new AbstractDataSource() {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLNonTransientConnectionException("Connection refused: localhost:5432", "08001");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    };
    private static final String TENANT = "00000000-0000-0000-0000-000000000001";

    @Test
    void theStoresOfTheJobRepositoryFailOperationally() {
        assertOperational(catchThrowable(() -> new TenantRunStore(UNREACHABLE).read(TENANT)));
        assertOperational(catchThrowable(() -> new TenantRunStore(UNREACHABLE).claim(TENANT, "run", null)));
        assertOperational(catchThrowable(() -> new ConnectivityStore(UNREACHABLE).probes(TENANT)));
        assertOperational(catchThrowable(() -> PostgresAdvisoryLock.acquire(UNREACHABLE, TENANT, "t")));
        assertOperational(catchThrowable(() -> new TenantLocks(UNREACHABLE, Path.of("locks"), new LockSettings(), "x")));
        assertOperational(catchThrowable(() -> JobRepositorySchema.ensure(UNREACHABLE)));
    }

    @Test
    void aLostTenantLockIsOperationalWhereverItIsWrapped() {
        TenantLockLostException lost = new TenantLockLostException("another run took the tenant");
        assertThat(TenantCollector.isOperational(lost)).isTrue();
        assertThat(TenantCollector.isOperational(new RuntimeException("step failed", lost))).isTrue();
    }

    @Test
    void theFailuresOfTheCodeAreBugs() {
        assertThat(TenantCollector.isOperational(new IllegalStateException("writer already committed"))).isFalse();
        assertThat(TenantCollector.isOperational(new NullPointerException())).isFalse();
        assertThat(TenantCollector.isOperational(new IllegalArgumentException("empty window"))).isFalse();
        assertThat(TenantCollector.isOperational(new RuntimeException(new IllegalStateException("bug")))).isFalse();
        assertThat(TenantCollector.isOperational(new UnsupportedOperationException())).isFalse();
    }

    @Test
    void aBugCausedByAnOperationalFailureIsThatFailure() {
        assertThat(TenantCollector.isOperational(new IllegalStateException("x", new SQLException("gone", "08006"))))
                .isTrue();
        assertThat(TenantCollector.isOperational(new DataAccessResourceFailureException("pool closed"))).isTrue();
        assertThat(TenantCollector.isOperational(new IllegalStateException("x", new java.io.IOException("disk"))))
                .isTrue();
    }

    private static void assertOperational(Throwable thrown) {
        assertThat(thrown).isNotNull().isNotInstanceOf(IllegalStateException.class);
        assertThat(TenantCollector.isOperational(thrown)).as(String.valueOf(thrown)).isTrue();
        // operational on its own type, not only because a driver's SQLException is somewhere in its causes
        assertThat(TenantCollector.isOperational(withoutCauses(thrown))).as(String.valueOf(thrown)).isTrue();
    }

    /** The same exception type and message, without the SQLException behind it. */
    private static Throwable withoutCauses(Throwable thrown) {
        try {
            return thrown.getClass().getConstructor(String.class, Throwable.class).newInstance(thrown.getMessage(), null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(thrown.getClass() + " has no (message, cause) constructor", e);
        }
    }
}
