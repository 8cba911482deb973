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

    private ConnectionLoss() {
    }

    /** One line on the lost connection behind {@code failure}; empty when the failure is something else. */
    public static Optional<String> cause(Throwable failure) {
        SQLException deepest = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isConnectionLoss(sql)) {
                deepest = sql;
            }
        }
        return Optional.ofNullable(deepest).map(ConnectionLoss::oneLine);
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
