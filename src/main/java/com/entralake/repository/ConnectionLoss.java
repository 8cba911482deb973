package com.entralake.repository;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Recognises the loss of the job repository's connection in a failure (PostgreSQL restarted, failed over,
 * unreachable) and says it in one line (the URL is for {@link JdbcUrls#redact} to show).
 * Spring Batch, HikariCP and the driver wrap the reason in several layers; the operator needs the layer that
 * says what happened ("FATAL: terminating connection due to administrator command", "Connection refused").
 */
public final class ConnectionLoss {

    private static final String HIKARI_CLOSED = "Connection is closed";

    private ConnectionLoss() {
    }

    /** One line on the lost connection behind {@code failure}; empty when the failure is something else. */
    public static Optional<String> cause(Throwable failure) {
        SQLException deepest = null;
        SQLException closedByPool = null;
        for (Throwable t : FailureCauses.of(failure)) {
            if (t instanceof SQLException sql && isConnectionLoss(sql)) {
                deepest = sql;
            } else if (t instanceof SQLException sql && isClosedByPool(sql) && closedByPool == null) {
                closedByPool = sql;
            }
        }
        return Optional.ofNullable(deepest != null ? deepest : closedByPool).map(ConnectionLoss::oneLine);
    }

    /**
     * HikariCP's answer to any use of a connection it has closed, without an SQLState. The pool closes a
     * connection under the application only when the connection broke (SQLState 08, 57P0x), so this is a
     * lost connection too — said with the driver's reason when that is found as well, as it usually is.
     */
    static boolean isClosedByPool(SQLException e) {
        return e.getSQLState() == null && HIKARI_CLOSED.equals(e.getMessage());
    }

    /** SQLState class 08 (connection exception), 57P01-03 (shut down, crashed, not yet accepting connections). */
    static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException
                || (state != null && (state.startsWith("08") || state.startsWith("57P0")));
    }

    /** The driver's message, plus the network's when that says more ("Broken pipe", "Connection refused"). */
    public static String oneLine(SQLException e) {
        String message = DriverMessages.firstLine(e.getMessage());
        Throwable cause = e.getCause();
        if (cause instanceof java.io.IOException && cause.getMessage() != null) {
            message += " — " + DriverMessages.firstLine(cause.getMessage());
        }
        return message;
    }

}
