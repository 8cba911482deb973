package com.entralake.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Real drivers failing for real where the machine allows it (H2 files, a closed port, an unknown host). */
class RepositoryFailureTest {

    @TempDir
    Path dir;

    private static SQLException connect(String url, String user, String password) {
        try {
            DriverManager.getConnection(url, user, password).close();
            throw new AssertionError("connected to " + url);
        } catch (SQLException e) {
            return e;
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectionSaysSoWithoutThePassword() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/entralake?password=hunter2";
        SQLException failure = connect(url, "entralake", "hunter2");
        // as Spring hands it over: wrapped
        String message = RepositoryFailure.explain(new CannotGetJdbcConnectionException("x", failure), url).orElseThrow();
        assertThat(message).startsWith("The job repository at jdbc:postgresql://127.0.0.1:")
                .contains("cannot be reached: connection refused (is PostgreSQL running there, and is"
                        + " spring.datasource.url right?)")
                .doesNotContain("hunter2").doesNotContain("Exception").endsWith(".");
    }

    @Test
    void anUnknownHostIsNamed() {
        String url = "jdbc:postgresql://entralake-db.invalid:5432/entralake";
        String message = RepositoryFailure.explain(connect(url, "el", "x"), url).orElseThrow();
        assertThat(message).isEqualTo("The job repository at " + url + " cannot be reached: the host"
                + " entralake-db.invalid is not known (is the host name in spring.datasource.url right?).");
    }

    @Test
    void aDamagedH2FileSaysWhatToDoAndWhatTheNextRunDoes() throws IOException {
        Files.writeString(dir.resolve("entralake.mv.db"), "not an H2 file ".repeat(400), StandardCharsets.UTF_8);
        String url = "jdbc:h2:file:" + dir.resolve("entralake") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        String message = RepositoryFailure.explain(connect(url, "sa", ""), url).orElseThrow();
        assertThat(message).startsWith("The job repository at " + url + " is damaged: H2 cannot read "
                + dir.resolve("entralake.mv.db"))
                .contains("Restore that file from a backup, or move it aside")
                .contains("the next run then starts an empty job repository and backfills collection.backfill again")
                .doesNotContain("[90030").doesNotContain("Possible solution");
    }

    @Test
    void aWrongH2PasswordIsARefusedLogin() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("login");
        DriverManager.getConnection(url, "sa", "right").close(); // creates it with that password
        assertThat(RepositoryFailure.explain(connect(url, "sa", "wrong"), url).orElseThrow())
                .contains("refused the login: wrong user name or password");
    }

    @Test
    void postgresStatesAreExplained() {
        String url = "jdbc:postgresql://db.example:5432/entralake";
        assertThat(RepositoryFailure.explain(new SQLException("FATAL: password authentication failed for user \"el\"",
                "28P01"), url, "el").orElseThrow())
                .isEqualTo("The job repository at " + url + " refused the login of role 'el': wrong password or no such"
                        + " role (check spring.datasource.username and spring.datasource.password, e.g. ENTRALAKE_DB_PASSWORD).");
        assertThat(RepositoryFailure.explain(new SQLException("FATAL: database \"entralake\" does not exist", "3D000"),
                url, "el").orElseThrow()).contains("the database 'entralake' does not exist there")
                .contains("CREATE DATABASE entralake OWNER el"); // the database the URL names
        assertThat(RepositoryFailure.explain(new SQLException("ERROR: permission denied for schema public", "42501"),
                url, "el").orElseThrow()).contains("role 'el' has no privilege on schema public")
                .contains("GRANT CREATE ON SCHEMA public TO el").contains("create the tables beforehand");
        assertThat(RepositoryFailure.explain(new SQLException("ERROR: permission denied for table batch_job_instance",
                "42501"), url, "el").orElseThrow())
                .contains("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO el")
                .contains("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO el");
    }

    @Test
    void otherFailuresAreNotExplainedAway() {
        assertThat(RepositoryFailure.explain(new IllegalStateException("a bug"), "jdbc:h2:mem:x")).isEmpty();
        assertThat(RepositoryFailure.explain(new java.net.ConnectException("Graph down"), "jdbc:h2:mem:x"))
                .as("a network failure that is not the database's").isEmpty();
        assertThat(RepositoryFailure.explain(new SQLException("syntax error", "42601"), "jdbc:postgresql://db/x")).isEmpty();
    }
}
