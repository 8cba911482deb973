package com.entralake;

import java.time.Instant;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.entralake.batch.CollectionContext;
import com.entralake.batch.RunHistory;
import com.entralake.config.ConfigurationException;
import com.entralake.config.EntraLakeProperties;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.connectivity.CredentialWatch;
import com.entralake.connectivity.ManagedAvailability;
import com.entralake.lake.LakeFileSystem;
import com.entralake.notify.ExpiryWebhook;
import com.entralake.lake.ParquetSettings;
import com.entralake.memory.HeapPlan;
import com.entralake.run.CollectRun;
import com.entralake.repository.JdbcUrls;
import com.entralake.repository.JobRepositoryConnections;
import com.entralake.run.TenantCollector;
import com.entralake.run.TenantLocks;
import com.entralake.schema.GraphSchemaCatalog;
import com.entralake.tenant.TenantSessionFactory;
import com.entralake.tenant.TenantSessions;
import com.entralake.time.JobClock;
import com.entralake.tls.TrustStoreSslContext;

/** Plain wiring of the collection pieces; the configuration was validated before this context started. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EntraLakeProperties.class)
public class EntraLakeConfiguration {

    /** Static: a post-processor must exist before the data source it wraps is created. */
    @Bean
    static JobRepositoryConnections jobRepositoryConnections(org.springframework.core.env.Environment environment) {
        return new JobRepositoryConnections(environment);
    }

    @Bean
    JobClock jobClock(@Value("${entralake.now:}") String now) {
        if (now.isBlank()) {
            return JobClock.system();
        }
        Instant instant;
        try {
            instant = Instant.parse(now);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigurationException("entralake.now (--now) must be an ISO-8601 UTC instant such as"
                    + " 2026-11-27T03:00:00Z, got '" + now + "'");
        }
        try {
            return JobClock.notAhead(instant, java.time.Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    @Bean
    CollectionContext collectionContext(EntraLakeProperties properties, JobClock clock) {
        LakeFileSystem lake;
        try {
            org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
            properties.getHadoop().forEach(hadoop::set);
            lake = LakeFileSystem.open(properties.getLakeRoot(), hadoop);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new ConfigurationException("cannot open the lake at " + properties.getLakeRoot() + ": " + e.getMessage());
        }
        return new CollectionContext(lake, ParquetSettings.defaults(), GraphSchemaCatalog.load(), clock,
                properties.getCollection(), heapPlan(properties).wholeDayRowGroupBytes());
    }

    /** How this JVM's heap is shared between Graph pages and the writers of the tenants collected at once. */
    private static HeapPlan heapPlan(EntraLakeProperties properties) {
        return HeapPlan.forHeap(Runtime.getRuntime().maxMemory(), properties.tenantsAtOnce());
    }

    @Bean
    TenantSessions tenantSessions() {
        return new TenantSessions();
    }

    /** Trusts the configured trust store (the emulator's certificate) or the JVM's; never anything looser. */
    @Bean
    SSLContext sslContext(EntraLakeProperties properties) {
        EntraLakeProperties.Http http = properties.getHttp();
        String passwordEnv = http.getTrustStorePasswordEnv();
        char[] password = passwordEnv != null && !passwordEnv.isBlank() && System.getenv(passwordEnv) != null
                ? System.getenv(passwordEnv).toCharArray() : http.getTrustStorePassword().toCharArray();
        return TrustStoreSslContext.create(http.getTrustStore(), password);
    }

    @Bean
    TenantSessionFactory tenantSessionFactory(EntraLakeProperties properties, SSLContext sslContext) {
        return new TenantSessionFactory(properties.getHttp(), sslContext, properties.tenantsAtOnce());
    }

    @Bean
    ConnectivityStore connectivityStore(DataSource dataSource) {
        return new ConnectivityStore(dataSource);
    }

    @Bean
    CredentialWatch credentialWatch(ConnectivityStore store, EntraLakeProperties properties, SSLContext sslContext) {
        String url = properties.getSecretExpiry().getWebhookUrl();
        Optional<ExpiryWebhook> webhook = url == null || url.isBlank() ? Optional.empty()
                : Optional.of(new ExpiryWebhook(url, sslContext, properties.getHttp().getConnectTimeout()));
        return new CredentialWatch(store, properties.getSecretExpiry().getWarnWithin(), webhook);
    }

    @Bean
    TenantCollector tenantCollector(JobOperator jobOperator, @Qualifier("collectEventsJob") Job eventsJob,
            @Qualifier("collectSnapshotJob") Job snapshotJob, JobRepository jobRepository, CollectionContext context,
            TenantSessionFactory sessionFactory, TenantSessions sessions, DataSource dataSource,
            EntraLakeProperties properties, ConnectivityStore store, CredentialWatch credentialWatch,
            @Value("${spring.datasource.url:}") String repositoryUrl) {
        TenantLocks locks = new TenantLocks(dataSource, properties.getLockDir(), properties.getLock(),
                JdbcUrls.redact(repositoryUrl));
        return new TenantCollector(jobOperator, eventsJob, snapshotJob, new RunHistory(jobRepository, dataSource), context,
                sessionFactory, sessions, locks,
                new ManagedAvailability(store, properties.getConnectivity().getRecheckAfter()), credentialWatch);
    }

    @Bean
    CollectRun collectRun(EntraLakeProperties properties, TenantCollector collector, CollectionContext context) {
        String root = context.lake().root().toString();
        String location = root.startsWith("file:") ? root.substring("file:".length()) : root;
        return new CollectRun(properties, collector, location.endsWith("/") ? location.substring(0, location.length() - 1) : location);
    }
}
