package com.entralake.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.entralake.lock.LockSettings;

/**
 * Everything a deployment configures, bound from {@code entralake.*} (a job configuration file under
 * {@code jobs/}, environment variables or system properties). Validated by {@link ConfigurationValidator}
 * before anything runs, so a bad value is a configuration error (exit 2), never a stack trace mid-run.
 */
@ConfigurationProperties("entralake")
public class EntraLakeProperties {

    /** Lake root: a local folder or a Hadoop URI (hdfs://, s3a://, abfs://). */
    private String lakeRoot = "lake";
    /** Folder for per-tenant lock files (used with a file-based H2 job repository). */
    private Path lockDir = Path.of("data", "locks");
    /** Start the built-in Graph emulator with the demo tenant from sample-data/ and collect from it. */
    private boolean demo = false;
    private Path sampleData = Path.of("sample-data");
    /** Hadoop settings for the lake's file system (e.g. fs.s3a.endpoint); credentials belong in the environment. */
    private java.util.Map<String, String> hadoop = new java.util.LinkedHashMap<>();
    private final Collection collection = new Collection();
    private final Http http = new Http();
    private final Connectivity connectivity = new Connectivity();
    private final SecretExpiry secretExpiry = new SecretExpiry();
    /** How the tenant lock is watched while a run holds it (entralake.lock.*). */
    private final LockSettings lock = new LockSettings();
    private List<Tenant> tenants = new ArrayList<>();

    public static class Collection {
        /** Commit unit for event data: UTC-aligned windows of this length (must divide one day). */
        private Duration window = Duration.ofHours(1);
        /** How far back the first run for a tenant reaches (Graph keeps 30 days on P1/P2). */
        private Duration backfill = Duration.ofDays(30);
        /** Events younger than this are left for the next run: Graph shows them late. */
        private Duration lag = Duration.ofMinutes(5);
        /** Every run re-reads the windows of this horizon, so late and re-published records land exactly once. */
        private Duration lookback = Duration.ofHours(2);
        /** Rows per Parquet file of a directory snapshot. */
        private int snapshotRowsPerFile = 250_000;
        /** Log a progress line at most this often. */
        private Duration progressInterval = Duration.ofSeconds(30);
        /** Tenants collected at the same time. */
        private int tenantParallelism = 2;
        /** Rewrite an event day's window files as one file (or a few of this size) once the day is final. */
        private boolean compactFinalDays = true;
        /** A compacted day is split into files of about this size. */
        private org.springframework.util.unit.DataSize compactTargetFileSize = org.springframework.util.unit.DataSize.ofMegabytes(128);

        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
        public Duration getBackfill() { return backfill; }
        public void setBackfill(Duration backfill) { this.backfill = backfill; }
        public Duration getLag() { return lag; }
        public void setLag(Duration lag) { this.lag = lag; }
        public Duration getLookback() { return lookback; }
        public void setLookback(Duration lookback) { this.lookback = lookback; }
        public int getSnapshotRowsPerFile() { return snapshotRowsPerFile; }
        public void setSnapshotRowsPerFile(int snapshotRowsPerFile) { this.snapshotRowsPerFile = snapshotRowsPerFile; }
        public Duration getProgressInterval() { return progressInterval; }
        public void setProgressInterval(Duration progressInterval) { this.progressInterval = progressInterval; }
        public int getTenantParallelism() { return tenantParallelism; }
        public void setTenantParallelism(int tenantParallelism) { this.tenantParallelism = tenantParallelism; }
        public boolean isCompactFinalDays() { return compactFinalDays; }
        public void setCompactFinalDays(boolean compactFinalDays) { this.compactFinalDays = compactFinalDays; }
        public org.springframework.util.unit.DataSize getCompactTargetFileSize() { return compactTargetFileSize; }
        public void setCompactTargetFileSize(org.springframework.util.unit.DataSize size) { this.compactTargetFileSize = size; }
    }

    public static class Http {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(100);
        /** PKCS#12 trust store to trust instead of the JVM's (the emulator's certificate); empty = JVM default. */
        private Path trustStore;
        /** Environment variable holding the trust store password. */
        private String trustStorePasswordEnv;
        /**
         * The trust store password itself, if no environment variable is named. A trust store holds public
         * certificates only, so this is an integrity check, not a secret.
         */
        private String trustStorePassword = "";
        private int maxAttempts = 8;
        private Duration retryBase = Duration.ofSeconds(1);
        private Duration retryCap = Duration.ofSeconds(60);
        /** Requests per 10 s per tenant on audit-log endpoints (Microsoft's published limit is 5). */
        private int auditLogRequestsPer10s = 5;

        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getReadTimeout() { return readTimeout; }
        public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
        public Path getTrustStore() { return trustStore; }
        public void setTrustStore(Path trustStore) { this.trustStore = trustStore; }
        public String getTrustStorePasswordEnv() { return trustStorePasswordEnv; }
        public void setTrustStorePasswordEnv(String trustStorePasswordEnv) { this.trustStorePasswordEnv = trustStorePasswordEnv; }
        public String getTrustStorePassword() { return trustStorePassword; }
        public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getRetryBase() { return retryBase; }
        public void setRetryBase(Duration retryBase) { this.retryBase = retryBase; }
        public Duration getRetryCap() { return retryCap; }
        public void setRetryCap(Duration retryCap) { this.retryCap = retryCap; }
        public int getAuditLogRequestsPer10s() { return auditLogRequestsPer10s; }
        public void setAuditLogRequestsPer10s(int auditLogRequestsPer10s) { this.auditLogRequestsPer10s = auditLogRequestsPer10s; }
    }

    /** Managed mode: how long a "not available" probe result is trusted before collect probes again. */
    public static class Connectivity {
        /**
         * Licences change and Graph's licence 403 is sometimes intermittent, so an unavailable managed data
         * type is probed again once its result is older than this (12 h: every nightly run re-checks).
         */
        private Duration recheckAfter = Duration.ofHours(12);

        public Duration getRecheckAfter() { return recheckAfter; }
        public void setRecheckAfter(Duration recheckAfter) { this.recheckAfter = recheckAfter; }
    }

    /** The client secret expiry check (reads the app registration: Application.Read.All or Directory.Read.All). */
    public static class SecretExpiry {
        /** Warn when the secret in use (or a certificate on the app) expires within this period. */
        private Duration warnWithin = Duration.ofDays(90);
        /** Optional URL that receives a JSON POST for each warning (tenant, secret id, days left; never a secret). */
        private String webhookUrl;

        public Duration getWarnWithin() { return warnWithin; }
        public void setWarnWithin(Duration warnWithin) { this.warnWithin = warnWithin; }
        public String getWebhookUrl() { return webhookUrl; }
        public void setWebhookUrl(String webhookUrl) { this.webhookUrl = webhookUrl; }
    }

    /** One Entra integration: an app registration in one tenant. */
    public static class Tenant {
        private String name;
        private String tenantId;
        private String clientId;
        /** The "Secret ID" shown beside the secret in Entra (not the secret): reported, never used to sign in. */
        private String secretId;
        /** Environment variable holding the client secret value. */
        private String clientSecretEnv;
        /** File holding the client secret value (e.g. a mounted Kubernetes secret). */
        private Path clientSecretFile;
        /*
         * Certificate credential instead of a client secret: either a PKCS#12 file or a PEM pair. The
         * certificate's public part is uploaded to the app registration; these name only files and
         * password sources, never key material or a password itself.
         */
        /** PKCS#12 (.pfx/.p12) file holding the private key and the certificate (chain). */
        private Path clientCertificateFile;
        /** Environment variable holding the PKCS#12 file's password. */
        private String clientCertificatePasswordEnv;
        /** File holding the PKCS#12 file's password (neither set = the file has no password). */
        private Path clientCertificatePasswordFile;
        /** PEM file holding the certificate, optionally followed by its issuers. */
        private Path clientCertificatePemFile;
        /** PEM file holding the unencrypted PKCS#8 private key ("BEGIN PRIVATE KEY") of that certificate. */
        private Path clientPrivateKeyPemFile;
        private String authorityHost = "https://login.microsoftonline.com";
        private String graphBaseUrl = "https://graph.microsoft.com";
        /** Token scope; empty = "{graph host}/.default". */
        private String scope;
        /** Per data type: yes, no or managed (default yes for the data types of this release). */
        private java.util.Map<String, String> dataTypes = new java.util.LinkedHashMap<>();

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getTenantId() { return tenantId; }
        public void setTenantId(String tenantId) { this.tenantId = tenantId; }
        public String getClientId() { return clientId; }
        public void setClientId(String clientId) { this.clientId = clientId; }
        public String getSecretId() { return secretId; }
        public void setSecretId(String secretId) { this.secretId = secretId; }
        public String getClientSecretEnv() { return clientSecretEnv; }
        public void setClientSecretEnv(String clientSecretEnv) { this.clientSecretEnv = clientSecretEnv; }
        public Path getClientSecretFile() { return clientSecretFile; }
        public void setClientSecretFile(Path clientSecretFile) { this.clientSecretFile = clientSecretFile; }
        public Path getClientCertificateFile() { return clientCertificateFile; }
        public void setClientCertificateFile(Path clientCertificateFile) { this.clientCertificateFile = clientCertificateFile; }
        public String getClientCertificatePasswordEnv() { return clientCertificatePasswordEnv; }
        public void setClientCertificatePasswordEnv(String clientCertificatePasswordEnv) { this.clientCertificatePasswordEnv = clientCertificatePasswordEnv; }
        public Path getClientCertificatePasswordFile() { return clientCertificatePasswordFile; }
        public void setClientCertificatePasswordFile(Path clientCertificatePasswordFile) { this.clientCertificatePasswordFile = clientCertificatePasswordFile; }
        public Path getClientCertificatePemFile() { return clientCertificatePemFile; }
        public void setClientCertificatePemFile(Path clientCertificatePemFile) { this.clientCertificatePemFile = clientCertificatePemFile; }
        public Path getClientPrivateKeyPemFile() { return clientPrivateKeyPemFile; }
        public void setClientPrivateKeyPemFile(Path clientPrivateKeyPemFile) { this.clientPrivateKeyPemFile = clientPrivateKeyPemFile; }
        public String getAuthorityHost() { return authorityHost; }
        public void setAuthorityHost(String authorityHost) { this.authorityHost = authorityHost; }
        public String getGraphBaseUrl() { return graphBaseUrl; }
        public void setGraphBaseUrl(String graphBaseUrl) { this.graphBaseUrl = graphBaseUrl; }
        public String getScope() { return scope; }
        public void setScope(String scope) { this.scope = scope; }
        public java.util.Map<String, String> getDataTypes() { return dataTypes; }
        public void setDataTypes(java.util.Map<String, String> dataTypes) { this.dataTypes = dataTypes; }
    }

    public String getLakeRoot() { return lakeRoot; }
    public void setLakeRoot(String lakeRoot) { this.lakeRoot = lakeRoot; }
    public Path getLockDir() { return lockDir; }
    public void setLockDir(Path lockDir) { this.lockDir = lockDir; }
    public boolean isDemo() { return demo; }
    public void setDemo(boolean demo) { this.demo = demo; }
    public Path getSampleData() { return sampleData; }
    public void setSampleData(Path sampleData) { this.sampleData = sampleData; }
    public java.util.Map<String, String> getHadoop() { return hadoop; }
    public void setHadoop(java.util.Map<String, String> hadoop) { this.hadoop = hadoop; }
    public Collection getCollection() { return collection; }
    public Http getHttp() { return http; }
    public Connectivity getConnectivity() { return connectivity; }
    public SecretExpiry getSecretExpiry() { return secretExpiry; }
    public LockSettings getLock() { return lock; }
    public List<Tenant> getTenants() { return tenants; }

    /** The most tenants collected at once: the configured parallelism, or fewer when fewer tenants are configured. */
    public int tenantsAtOnce() {
        return Math.max(1, Math.min(collection.getTenantParallelism(), tenants.size()));
    }
    public void setTenants(List<Tenant> tenants) { this.tenants = tenants; }
}
