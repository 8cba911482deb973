package com.entralake.connectivity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.entralake.repository.RepositoryAccessException;
import com.entralake.window.DataGap;

/**
 * Keeps the last connectivity result, each data type's last probe and the credential expiry in the job
 * repository database, beside Spring Batch's tables: {@code status} reads them without credentials, and
 * managed mode decides from them without asking Graph every run. Times are stored as ISO-8601 text so
 * H2 and PostgreSQL agree and a person can read them with SQL.
 */
public final class ConnectivityStore {

    private static final List<String> TABLES = List.of(
            "CREATE TABLE ENTRALAKE_TENANT_CHECK (TENANT_ID VARCHAR(64) NOT NULL PRIMARY KEY,"
                    + " TENANT_NAME VARCHAR(200), CLIENT_ID VARCHAR(64), SECRET_ID VARCHAR(64),"
                    + " CHECKED_AT VARCHAR(40) NOT NULL, OUTCOME VARCHAR(30) NOT NULL, VERDICT VARCHAR(2000),"
                    + " TENANT_TYPE VARCHAR(20))",
            "CREATE TABLE ENTRALAKE_DATA_TYPE_PROBE (TENANT_ID VARCHAR(64) NOT NULL, DATASET VARCHAR(100) NOT NULL,"
                    + " AVAILABILITY VARCHAR(30) NOT NULL, DETAIL VARCHAR(2000), PROBED_AT VARCHAR(40) NOT NULL,"
                    + " PRIMARY KEY (TENANT_ID, DATASET))",
            "CREATE TABLE ENTRALAKE_CREDENTIAL_CHECK (TENANT_ID VARCHAR(64) NOT NULL PRIMARY KEY,"
                    + " CHECKED_AT VARCHAR(40) NOT NULL, CONFIGURED_ID VARCHAR(64), FOUND_ON_APP VARCHAR(5) NOT NULL,"
                    + " EXPIRES_AT VARCHAR(40), WARNINGS VARCHAR(4000))",
            "CREATE TABLE ENTRALAKE_DATA_GAP (TENANT_ID VARCHAR(64) NOT NULL, DATASET VARCHAR(100) NOT NULL,"
                    + " GAP_FROM VARCHAR(40) NOT NULL, GAP_TO VARCHAR(40) NOT NULL, DETECTED_AT VARCHAR(40) NOT NULL,"
                    + " PRIMARY KEY (TENANT_ID, DATASET, GAP_FROM))");

    /** The stored result of the last connectivity test of a tenant. */
    public record TenantCheck(String tenantId, String tenantName, String clientId, String secretId, Instant checkedAt,
                              ConnectivityReport.Outcome outcome, String verdict, TenantType tenantType) {
    }

    /**
     * The stored credential review: the Secret ID or thumbprint the configuration named at the time, whether
     * the app had it, its expiry (null when unknown) and the warnings.
     */
    public record CredentialCheck(String tenantId, Instant checkedAt, String configuredId, boolean foundOnApp,
                                  Instant expiresAt, String warnings) {
    }

    private final DataSource dataSource;

    public ConnectivityStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the tables when missing; safe when another process does the same at the same moment. */
    public synchronized void ensureSchema() {
        for (String ddl : TABLES) {
            String table = ddl.split(" ")[2];
            if (!exists(table)) {
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                    st.execute(ddl);
                } catch (SQLException e) {
                    if (!exists(table)) {
                        throw new RepositoryAccessException("cannot create " + table + " in the job repository: " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    public void save(ConnectivityReport report) {
        upsert("ENTRALAKE_TENANT_CHECK", new String[] {report.tenantId()},
                "INSERT INTO ENTRALAKE_TENANT_CHECK (TENANT_ID, TENANT_NAME, CLIENT_ID, SECRET_ID, CHECKED_AT, OUTCOME,"
                        + " VERDICT, TENANT_TYPE) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                report.tenantId(), report.tenantName(), report.clientId(), report.secretId(),
                report.checkedAt().toString(), report.outcome().name(), clip(report.verdict(), 2000),
                report.tenantType().name());
        for (ProbeResult probe : report.probes()) {
            saveProbe(report.tenantId(), probe);
        }
        report.credentials().ifPresent(review -> saveCredentials(report.tenantId(), report.checkedAt(), review));
    }

    public void saveProbe(String tenantId, ProbeResult probe) {
        upsert("ENTRALAKE_DATA_TYPE_PROBE", new String[] {tenantId, probe.dataset()},
                "INSERT INTO ENTRALAKE_DATA_TYPE_PROBE (TENANT_ID, DATASET, AVAILABILITY, DETAIL, PROBED_AT)"
                        + " VALUES (?, ?, ?, ?, ?)",
                tenantId, probe.dataset(), probe.availability().name(), clip(probe.detail(), 2000),
                probe.probedAt().toString());
    }

    public void saveCredentials(String tenantId, Instant checkedAt, CredentialReview review) {
        upsert("ENTRALAKE_CREDENTIAL_CHECK", new String[] {tenantId},
                "INSERT INTO ENTRALAKE_CREDENTIAL_CHECK (TENANT_ID, CHECKED_AT, CONFIGURED_ID, FOUND_ON_APP, EXPIRES_AT,"
                        + " WARNINGS) VALUES (?, ?, ?, ?, ?, ?)",
                tenantId, checkedAt.toString(), review.configuredId(), String.valueOf(review.inUse().isPresent()),
                review.inUse().map(AppCredential::endDateTime).map(Instant::toString).orElse(null),
                clip(String.join("\n", review.warnings()), 4000));
    }

    /** A gap found by a run; the same gap found again keeps one row, with its latest end. */
    public void saveGap(String tenantId, String dataset, DataGap gap, Instant detectedAt) {
        upsert("ENTRALAKE_DATA_GAP", new String[] {tenantId, dataset, gap.from().toString()},
                "INSERT INTO ENTRALAKE_DATA_GAP (TENANT_ID, DATASET, GAP_FROM, GAP_TO, DETECTED_AT) VALUES (?, ?, ?, ?, ?)",
                tenantId, dataset, gap.from().toString(), gap.to().toString(), detectedAt.toString());
    }

    /** The gaps runs found for a dataset, oldest first, with when each was found. */
    public List<RecordedGap> gaps(String tenantId, String dataset) {
        List<RecordedGap> result = new java.util.ArrayList<>();
        query("SELECT GAP_FROM, GAP_TO, DETECTED_AT FROM ENTRALAKE_DATA_GAP WHERE TENANT_ID = ? AND DATASET = ?"
                + " ORDER BY GAP_FROM", new String[] {tenantId, dataset}, rs -> result.add(new RecordedGap(
                        Instant.parse(rs.getString(1)), Instant.parse(rs.getString(2)), Instant.parse(rs.getString(3)))));
        return result;
    }

    /** A gap a run found: records in [from, to) were never collected and Graph no longer had them. */
    public record RecordedGap(Instant from, Instant to, Instant detectedAt) {
    }

    public Map<String, ProbeResult> probes(String tenantId) {
        Map<String, ProbeResult> result = new LinkedHashMap<>();
        query("SELECT DATASET, AVAILABILITY, DETAIL, PROBED_AT FROM ENTRALAKE_DATA_TYPE_PROBE WHERE TENANT_ID = ?"
                + " ORDER BY DATASET", tenantId, rs -> result.put(rs.getString(1), new ProbeResult(rs.getString(1),
                        Availability.valueOf(rs.getString(2)), rs.getString(3), Instant.parse(rs.getString(4)))));
        return result;
    }

    public Optional<TenantCheck> lastCheck(String tenantId) {
        TenantCheck[] found = new TenantCheck[1];
        query("SELECT TENANT_ID, TENANT_NAME, CLIENT_ID, SECRET_ID, CHECKED_AT, OUTCOME, VERDICT, TENANT_TYPE"
                + " FROM ENTRALAKE_TENANT_CHECK WHERE TENANT_ID = ?", tenantId, rs -> found[0] = new TenantCheck(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Instant.parse(rs.getString(5)),
                        ConnectivityReport.Outcome.valueOf(rs.getString(6)), rs.getString(7),
                        TenantType.valueOf(rs.getString(8))));
        return Optional.ofNullable(found[0]);
    }

    public Optional<CredentialCheck> credentials(String tenantId) {
        CredentialCheck[] found = new CredentialCheck[1];
        query("SELECT TENANT_ID, CHECKED_AT, CONFIGURED_ID, FOUND_ON_APP, EXPIRES_AT, WARNINGS"
                + " FROM ENTRALAKE_CREDENTIAL_CHECK WHERE TENANT_ID = ?", tenantId, rs -> found[0] = new CredentialCheck(
                        rs.getString(1), Instant.parse(rs.getString(2)), rs.getString(3), Boolean.parseBoolean(rs.getString(4)),
                        rs.getString(5) == null ? null : Instant.parse(rs.getString(5)), rs.getString(6)));
        return Optional.ofNullable(found[0]);
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private void query(String sql, String tenantId, RowHandler handler) {
        query(sql, new String[] {tenantId}, handler);
    }

    private void query(String sql, String[] parameters, RowHandler handler) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new RepositoryAccessException("cannot read the connectivity results from the job repository: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Replace-by-key in one transaction: delete then insert is the upsert H2 and PostgreSQL share. Two
     * processes replacing the same row at once (test-connectivity during collect) can both find nothing to
     * delete; the second insert then violates the key (SQLState 23505 on both databases) and is retried,
     * now deleting the first one's row: the last writer wins, as with a real upsert.
     */
    private void upsert(String table, String[] key, String insert, String... values) {
        for (int attempt = 1; ; attempt++) {
            try {
                upsertOnce(table, key, insert, values);
                return;
            } catch (RepositoryAccessException e) {
                if (attempt == 3 || !(e.getCause() instanceof SQLException sql) || !"23505".equals(sql.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /** {@code key}: the values of the table's primary key columns, in the order TENANT_ID, DATASET, GAP_FROM. */
    private void upsertOnce(String table, String[] key, String insert, String... values) {
        String delete = "DELETE FROM " + table + " WHERE " + String.join(" AND ",
                List.of("TENANT_ID = ?", "DATASET = ?", "GAP_FROM = ?").subList(0, key.length));
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(delete); PreparedStatement ins = c.prepareStatement(insert)) {
                for (int i = 0; i < key.length; i++) {
                    del.setString(i + 1, key[i]);
                }
                del.executeUpdate();
                for (int i = 0; i < values.length; i++) {
                    ins.setString(i + 1, values[i]); // all text: setString(null) is a typed NULL on both databases
                }
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new RepositoryAccessException("cannot save to " + table + " in the job repository: " + e.getMessage(), e);
        }
    }

    private boolean exists(String table) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                // there, but not readable by this role: say so instead of trying to create it
                throw new RepositoryAccessException("cannot read " + table + " in the job repository: " + e.getMessage(), e);
            }
            return false;
        }
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
