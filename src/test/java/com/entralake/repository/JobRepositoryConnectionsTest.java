package com.entralake.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import com.zaxxer.hikari.HikariDataSource;

@Tag("fault-injection")
class JobRepositoryConnectionsTest {

    /**
     * A chunk transaction that is waiting on Graph (no statement yet) holds no connection: with a pool of one, a
     * second tenant's statement still gets it, and the waiting transaction then runs and commits its own.
     */
    @Test
    void aTransactionWaitingBeforeItsFirstStatementLeavesThePoolToOthers() throws Exception {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:h2:mem:lazy-connections;DB_CLOSE_DELAY=-1");
            pool.setMaximumPoolSize(1);
            pool.setConnectionTimeout(1_000);
            DataSource dataSource = (DataSource) new JobRepositoryConnections(new MockEnvironment())
                    .postProcessAfterInitialization(pool, "dataSource");
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE steps (id INT)");

            CountDownLatch begun = new CountDownLatch(1);
            CountDownLatch othersDone = new CountDownLatch(1);
            CompletableFuture<Integer> waitingChunk = CompletableFuture.supplyAsync(() -> {
                TransactionStatus chunk = transactions.getTransaction(new DefaultTransactionDefinition());
                begun.countDown();
                try {
                    othersDone.await(10, TimeUnit.SECONDS); // "waiting for the throttle budget"
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                jdbc.update("INSERT INTO steps VALUES (1)");
                transactions.commit(chunk);
                return 1;
            });
            assertThat(begun.await(10, TimeUnit.SECONDS)).isTrue();

            Integer seen = jdbc.queryForObject("SELECT count(*) FROM steps", Integer.class); // another tenant's statement
            othersDone.countDown();

            assertThat(seen).isZero();
            assertThat(waitingChunk.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM steps", Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void thePoolHoldsOneConnectionPerTenantCollectedAtOnceAndSomeToShare() {
        try (HikariDataSource pool = new HikariDataSource()) {
            new JobRepositoryConnections(new MockEnvironment().withProperty("entralake.collection.tenant-parallelism", "50"))
                    .postProcessBeforeInitialization(pool, "dataSource");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(50 + JobRepositoryConnections.SHARED);
        }
    }
}
