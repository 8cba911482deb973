package com.entralake.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;

class RepositoryLossTest {

    @Test
    void urlsLoseTheirPasswords() {
        assertThat(RepositoryLoss.redact("jdbc:postgresql://db:5432/lake?user=el&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/lake?user=el&password=***&ssl=true");
        assertThat(RepositoryLoss.redact("jdbc:postgresql://el:s3cret@db/lake")).isEqualTo("jdbc:postgresql://el:***@db/lake");
        assertThat(RepositoryLoss.redact("jdbc:h2:file:./data/x;USER=sa;PASSWORD=s3cret;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:./data/x;USER=sa;PASSWORD=***;AUTO_SERVER=TRUE");
        assertThat(RepositoryLoss.redact("jdbc:postgresql://db/lake")).isEqualTo("jdbc:postgresql://db/lake");
        assertThat(RepositoryLoss.redact(null)).isEqualTo("the job repository");
    }

    /** Spring Batch, HikariCP and the driver wrap the reason; the line is the driver's plus the network's. */
    @Test
    void aLostConnectionIsSaidInOneLineFromTheLayerThatKnows() {
        SQLException driver = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketException("Broken pipe"));
        assertThat(RepositoryLoss.cause(new DataAccessResourceFailureException("PreparedStatementCallback; SQL [UPDATE\n"
                + "BATCH_STEP_EXECUTION ...]", driver)))
                .hasValue("An I/O error occurred while sending to the backend. — Broken pipe");
        SQLException shutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertThat(RepositoryLoss.cause(new IllegalStateException("x", shutdown)))
                .hasValue("FATAL: terminating connection due to administrator command");
        SQLException refused = new SQLException("Connection to localhost:5432 refused. Check that the hostname and port"
                + " are correct.", "08001", new java.net.ConnectException("Connection refused"));
        assertThat(RepositoryLoss.cause(new SQLTransientConnectionException("HikariPool-1 - Connection is not available,"
                + " request timed out after 30000ms", "08001", refused)))
                .hasValue("Connection to localhost:5432 refused. Check that the hostname and port are correct."
                        + " — Connection refused");
    }

    @Test
    void otherDatabaseErrorsAreNotALostRepository() {
        assertThat(RepositoryLoss.cause(new DuplicateKeyException("dup", new SQLException("duplicate key", "23505"))))
                .isEmpty();
        assertThat(RepositoryLoss.cause(new IllegalStateException("no database involved"))).isEmpty();
    }
}
