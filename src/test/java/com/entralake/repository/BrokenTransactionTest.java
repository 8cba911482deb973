package com.entralake.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The layers a lost job repository connection really arrives through — a real PostgreSQL server ending the
 * session mid-transaction, HikariCP, Spring's transaction template — rather than the shape a test imagines:
 * whichever layer fails last, the driver's reason is what the operator reads.
 */
class BrokenTransactionTest {

    @Test
    void aSessionEndedMidTransactionIsALostConnectionWithTheServersReason() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start();
                HikariDataSource pool = pool(pg.getJdbcUrl("postgres", "postgres"))) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
            Throwable failure = catchThrowable(() -> transaction.executeWithoutResult(status -> {
                int backend = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
                terminate(pg, backend);
                jdbc.queryForObject("SELECT 1", Integer.class);
            }));

            assertThat(failure).as("the failure Spring Batch would record").isNotNull();
            assertThat(ConnectionLoss.cause(failure)).as("found in %s", FailureCauses.of(failure))
                    .hasValueSatisfying(line -> assertThat(line).contains("terminating connection due to administrator command"));
            assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).as("the pool replaced the connection").isEqualTo(1);
        }
    }

    private static void terminate(EmbeddedPostgres pg, int backend) {
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement();
                ResultSet terminated = statement.executeQuery("SELECT pg_terminate_backend(" + backend + ")")) {
            assertThat(terminated.next() && terminated.getBoolean(1)).as("the session was ended").isTrue();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }
}
