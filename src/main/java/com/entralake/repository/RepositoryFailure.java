package com.entralake.repository;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a failure of the job repository database in one sentence: the JDBC URL without its password,
 * what went wrong, and what to do. Recognises an unreachable server (refused, unknown host, timeout), a
 * refused login, a missing database, a missing privilege (PostgreSQL's 42501) and a damaged or locked H2
 * file. Anything else (including failures that are not about the database at all) is left alone: empty.
 *
 * <p>The sentence ends with a full stop and says nothing about consequences; the caller adds what its
 * command did not do ("Nothing was collected.").
 */
public final class RepositoryFailure {

    private static final Pattern PERMISSION = Pattern.compile("permission denied for (schema|table|sequence|relation|database) \"?([\\w.$]+)\"?");
    private static final Pattern DATABASE = Pattern.compile("database \"([^\"]+)\" does not exist");

    private RepositoryFailure() {
    }

    /** As {@link #explain(Throwable, String, String)}, with the role taken from the URL if it names one. */
    public static Optional<String> explain(Throwable failure, String jdbcUrl) {
        return explain(failure, jdbcUrl, null);
    }

    /**
     * @param failure  anything thrown while using the repository (Spring's wrappers are looked through)
     * @param jdbcUrl  spring.datasource.url; shown without its password
     * @param username spring.datasource.username, named in privilege and login messages; may be null
     * @return the explanation, or empty when {@code failure} is not one of the database failures above
     */
    public static Optional<String> explain(Throwable failure, String jdbcUrl, String username) {
        SQLException sql = firstSqlException(failure);
        if (sql == null) {
            return Optional.empty();
        }
        String at = "The job repository at " + JdbcUrls.redact(jdbcUrl);
        String role = username != null && !username.isBlank() ? username : JdbcUrls.user(jdbcUrl).orElse(null);
        String roleText = role == null ? "the configured role" : "role '" + role + "'";
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (JdbcUrls.isH2(jdbcUrl)) {
            Optional<String> h2 = h2(at, sql, jdbcUrl);
            if (h2.isPresent()) {
                return h2;
            }
        }
        if (state.equals("42501")) {
            return Optional.of(privilege(at, sql, role, roleText));
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return Optional.of(at + " refused the login of " + roleText + ": wrong password or no such role"
                    + " (check spring.datasource.username and spring.datasource.password, e.g. ENTRALAKE_DB_PASSWORD).");
        }
        if (state.equals("3D000")) {
            Matcher database = DATABASE.matcher(String.valueOf(sql.getMessage()));
            boolean named = database.find();
            String name = named ? "'" + database.group(1) + "'" : "named in spring.datasource.url";
            return Optional.of(at + " cannot be used: the database " + name + " does not exist there (create it,"
                    + " e.g. CREATE DATABASE " + (named ? database.group(1) : "entralake") + " OWNER "
                    + (role == null ? "<role>" : role)
                    + ", or correct spring.datasource.url).");
        }
        if (state.equals("57P03") || state.equals("53300")) {
            return Optional.of(at + " is not accepting connections now (" + DriverMessages.firstLine(sql.getMessage())
                    + "): try again later.");
        }
        if (state.startsWith("08") || hasCause(failure, ConnectException.class) || hasCause(failure, UnknownHostException.class)
                || hasCause(failure, SocketTimeoutException.class)) {
            return Optional.of(at + " cannot be reached: " + unreachable(failure, sql) + ".");
        }
        return Optional.empty();
    }

    private static Optional<String> h2(String at, SQLException sql, String jdbcUrl) {
        String file = JdbcUrls.h2File(jdbcUrl).orElse("the H2 database file");
        // a file H2 cannot make sense of surfaces as "corrupted" or as an I/O error of its store
        boolean damaged = sql.getErrorCode() == 90030 || sql.getErrorCode() == 90048
                || (sql.getErrorCode() == 90028 && hasCauseNamed(sql, "org.h2.mvstore.MVStoreException"));
        switch (damaged ? 90030 : sql.getErrorCode()) {
            case 90030 -> {
                return Optional.of(at + " is damaged: H2 cannot read " + file + " (" + DriverMessages.firstLine(h2Message(sql))
                        + "). Restore that file from a backup, or move it aside: the next run then starts an"
                        + " empty job repository and backfills collection.backfill again, replacing the lake's"
                        + " files for those windows (no duplicates); the job state kept in the old file is lost.");
            }
            case 90020 -> {
                return Optional.of(at + " is locked by another process (" + file + "): keep ;AUTO_SERVER=TRUE in"
                        + " spring.datasource.url so runs can share it, or stop the other process.");
            }
            case 90028, 90031, 90062 -> {
                return Optional.of(at + " cannot be opened: " + DriverMessages.firstLine(h2Message(sql)) + " (is " + file
                        + " on a writable, mounted file system with space left?).");
            }
            case 28000 -> {
                return Optional.of(at + " refused the login: wrong user name or password (check"
                        + " spring.datasource.username and spring.datasource.password).");
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static String privilege(String at, SQLException sql, String role, String roleText) {
        String grantee = role == null ? "<role>" : role;
        Matcher m = PERMISSION.matcher(String.valueOf(sql.getMessage()));
        if (!m.find()) {
            return at + ": " + roleText + " lacks a privilege (" + DriverMessages.firstLine(sql.getMessage()) + "); see README.md,"
                    + " \"PostgreSQL job repository\", for the privileges the job needs.";
        }
        String kind = m.group(1);
        String object = m.group(2);
        String grant = switch (kind) {
            case "schema" -> "GRANT CREATE ON SCHEMA " + object + " TO " + grantee
                    + " (PostgreSQL 15 and later no longer let every role create tables in public), or create"
                    + " the tables beforehand with the owner's role (README.md, \"PostgreSQL job repository\")";
            case "sequence" -> "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA <schema> TO " + grantee;
            case "database" -> "GRANT CONNECT ON DATABASE " + object + " TO " + grantee;
            default -> "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA <schema> TO " + grantee
                    + " and GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA <schema> TO " + grantee;
        };
        return at + ": " + roleText + " has no privilege on " + kind + " " + object + "; as the owner, run: "
                + grant.replace("<schema>", "public") + ".";
    }

    private static String unreachable(Throwable failure, SQLException sql) {
        UnknownHostException unknown = cause(failure, UnknownHostException.class);
        if (unknown != null) {
            return "the host " + unknown.getMessage() + " is not known (is the host name in spring.datasource.url right?)";
        }
        if (hasCause(failure, ConnectException.class)) {
            return "connection refused (is PostgreSQL running there, and is spring.datasource.url right?)";
        }
        if (hasCause(failure, SocketTimeoutException.class)) {
            return "no answer in time (a firewall in between, or the wrong host or port in spring.datasource.url?)";
        }
        if (hasCause(failure, NoRouteToHostException.class)) {
            return "no route to the host (network down, or the wrong host in spring.datasource.url?)";
        }
        return DriverMessages.firstLine(sql.getMessage()) + " (is the database running, and is spring.datasource.url right?)";
    }

    /** H2 appends its error code ("[90030-240]") and a "Possible solution" to its messages. */
    private static String h2Message(SQLException sql) {
        String message = DriverMessages.firstLine(sql.getMessage()).replaceAll("\\s*\\[\\d+-\\d+]$", "");
        int hint = message.indexOf(". Possible solution");
        return hint < 0 ? message : message.substring(0, hint);
    }

    private static boolean hasCauseNamed(Throwable failure, String className) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static SQLException firstSqlException(Throwable failure) {
        return cause(failure, SQLException.class);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        return cause(failure, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t instanceof SQLException sql && sql.getNextException() != null && type.isInstance(sql.getNextException())) {
                return type.cast(sql.getNextException());
            }
        }
        return null;
    }

}
