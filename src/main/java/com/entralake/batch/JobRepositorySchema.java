package com.entralake.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import com.entralake.config.ConfigurationException;
import com.entralake.repository.RepositoryAccessException;

/**
 * Creates Spring Batch's tables when they are missing, on H2 files and PostgreSQL alike. Spring Boot
 * only initialises in-memory databases by default, so a file-based H2 or a PostgreSQL job repository
 * would otherwise fail on its very first run. Idempotent: existing tables are left alone.
 */
public final class JobRepositorySchema {

    private static final Logger log = LoggerFactory.getLogger(JobRepositorySchema.class);

    private JobRepositorySchema() {
    }

    public static synchronized void ensure(DataSource dataSource) {
        if (exists(dataSource)) {
            return;
        }
        String platform = platformOf(dataSource);
        log.info("Creating the Spring Batch job repository tables ({})", platform);
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
                new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
        try {
            populator.execute(dataSource);
        } catch (RuntimeException e) {
            // another process may have created them at the same moment; only fail if they are still missing
            if (!exists(dataSource)) {
                throw e;
            }
        }
    }

    private static boolean exists(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                // the tables are there but the role may not read them: creating them would only fail confusingly
                throw new RepositoryAccessException("cannot read the job repository: " + e.getMessage(), e);
            }
            return false;
        }
    }

    private static String platformOf(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase();
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new ConfigurationException("spring.datasource.url: unsupported job repository database: " + product
                    + " (supported: H2, PostgreSQL)");
        } catch (SQLException e) {
            throw new RepositoryAccessException("cannot reach the job repository database: " + e.getMessage(), e);
        }
    }
}
