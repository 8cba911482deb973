package com.entralake.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

class RepositoryTimeTest {

    @Test
    void aPostgreSqlRepositoryTellsItsClock() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            Instant before = Instant.now().minusSeconds(1);
            Instant read = RepositoryTime.now(pg.getPostgresDatabase()).orElseThrow();
            assertThat(read).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
        }
    }

    @Test
    void anH2FileOnThisMachineProvesNothing() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:repository-time");
        assertThat(RepositoryTime.now(h2)).isEmpty();
    }
}
