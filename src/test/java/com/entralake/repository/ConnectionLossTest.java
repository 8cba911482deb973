package com.entralake.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.TransactionSystemException;

class ConnectionLossTest {

    /** Spring Batch, HikariCP and the driver wrap the reason; the line is the driver's plus the network's. */
    @Test
    void aLostConnectionIsSaidInOneLineFromTheLayerThatKnows() {
        SQLException driver = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketException("Broken pipe"));
        assertThat(ConnectionLoss.cause(new DataAccessResourceFailureException("PreparedStatementCallback; SQL [UPDATE\n"
                + "BATCH_STEP_EXECUTION ...]", driver)))
                .hasValue("An I/O error occurred while sending to the backend. — Broken pipe");
        SQLException shutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertThat(ConnectionLoss.cause(new IllegalStateException("x", shutdown)))
                .hasValue("FATAL: terminating connection due to administrator command");
        SQLException refused = new SQLException("Connection to localhost:5432 refused. Check that the hostname and port"
                + " are correct.", "08001", new java.net.ConnectException("Connection refused"));
        assertThat(ConnectionLoss.cause(new SQLTransientConnectionException("HikariPool-1 - Connection is not available,"
                + " request timed out after 30000ms", "08001", refused)))
                .hasValue("Connection to localhost:5432 refused. Check that the hostname and port are correct."
                        + " — Connection refused");
    }

    /**
     * A transaction whose connection broke: the rollback fails on the connection HikariCP closed, and Spring
     * throws that, with the driver's reason aside as the application exception.
     */
    @Test
    void theReasonARollbackHidesIsFound() {
        TransactionSystemException rollback = new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("PreparedStatementCallback",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertThat(ConnectionLoss.cause(new IllegalStateException("step failed", rollback)))
                .hasValue("FATAL: terminating connection due to administrator command");
        Exception closing = new IllegalStateException("tasklet failed");
        closing.addSuppressed(new SQLException("This connection has been closed.", "08003"));
        assertThat(ConnectionLoss.cause(closing)).hasValue("This connection has been closed.");
    }

    /** HikariCP closes a connection under the application only when it broke: that is a loss, even alone. */
    @Test
    void aConnectionThePoolClosedIsALostConnectionEvenWithoutTheReason() {
        assertThat(ConnectionLoss.cause(new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("Connection is closed")))).hasValue("Connection is closed");
        assertThat(ConnectionLoss.cause(new SQLException("Connection is closed", "42000"))).isEmpty();
    }

    @Test
    void otherDatabaseErrorsAreNotALostRepository() {
        assertThat(ConnectionLoss.cause(new DuplicateKeyException("dup", new SQLException("duplicate key", "23505"))))
                .isEmpty();
        assertThat(ConnectionLoss.cause(new IllegalStateException("no database involved"))).isEmpty();
    }
}
