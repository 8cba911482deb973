package com.entralake.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The advisory lock against a real PostgreSQL: held while its session lives, lost the moment it ends. */
class PostgresAdvisoryLockTest {

    private static final String TENANT = "8f0b5a4e-3c1d-4c5e-9a7b-2d6f1e0c9b8a";
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    /** Passes only if pg_locks is read with the key split as PostgreSQL stores it (classid high, objid low). */
    @Test
    void aHeldLockIsSeenHeldInPgLocks() throws Exception {
        try (PostgresAdvisoryLock lock = acquire(TENANT)) {
            assertThatCode(lock::ensureHeld).doesNotThrowAnyException();
            assertThat(lock.lost()).isEmpty();
            assertThat(count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = "
                    + lock.backendPid())).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).as("released").isZero();
    }

    /** Keys with either half's top bit set or not: the check must read both halves as unsigned 32-bit numbers. */
    @Test
    void keysOfEverySignAreFound() {
        java.util.Set<String> kinds = new java.util.HashSet<>();
        for (int i = 0; i < 16; i++) {
            String tenant = String.format("%08d-0000-0000-0000-000000000000", i);
            long key = PostgresAdvisoryLock.keyOf(tenant);
            kinds.add((key < 0 ? "high-top-bit" : "high-plain") + "/" + ((key & 0x8000_0000L) != 0 ? "low-top-bit" : "low-plain"));
            try (PostgresAdvisoryLock lock = acquire(tenant)) {
                assertThatCode(lock::ensureHeld).as("key %d", key).doesNotThrowAnyException();
            }
        }
        assertThat(kinds).as("all four kinds of key were tried").hasSize(4);
    }

    @Test
    void aTerminatedSessionIsALostLockThatStaysLost() throws Exception {
        try (PostgresAdvisoryLock lock = acquire(TENANT)) {
            execute("SELECT pg_terminate_backend(" + lock.backendPid() + ")");
            assertThatThrownBy(lock::ensureHeld).isInstanceOf(TenantLockLostException.class)
                    .hasMessageContaining("the tenant lock of contoso (" + TENANT + ") was lost")
                    .hasMessageContaining("jdbc:postgresql://test")
                    .hasMessageContaining("terminating connection due to administrator command");
            try (PostgresAdvisoryLock next = acquire(TENANT)) {
                assertThatCode(next::ensureHeld).as("the next run takes the freed lock").doesNotThrowAnyException();
                assertThat(lock.lost()).as("and the first never holds it again").isPresent();
            }
        }
    }

    private static PostgresAdvisoryLock acquire(String tenant) {
        return PostgresAdvisoryLock.acquire(pg.getPostgresDatabase(), tenant, "contoso", "jdbc:postgresql://test",
                Duration.ofSeconds(5));
    }

    private static int count(String sql) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
