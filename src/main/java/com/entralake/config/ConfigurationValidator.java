package com.entralake.config;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.entralake.catalog.DataTypeCatalog;
import com.entralake.lock.LockSettings;

/**
 * Checks a configuration before anything runs and collects every problem at once, so an operator
 * fixes them in one go instead of one per run. Every duration and number is checked here, so nothing
 * later (the retry policy, the token client, the request pacer) can refuse a value mid-run.
 */
public final class ConfigurationValidator {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private ConfigurationValidator() {
    }

    public static void validate(EntraLakeProperties properties) {
        validate(properties, ConfigurationOrigins.NONE);
    }

    /** Throws one {@link ConfigurationException} listing every problem, each with where its key was set. */
    public static void validate(EntraLakeProperties properties, ConfigurationOrigins origins) {
        ConfigurationProblems problems = new ConfigurationProblems(origins);
        check(properties, problems);
        problems.throwIfAny();
    }

    /** Adds every problem of {@code properties} to {@code problems}. */
    public static void check(EntraLakeProperties properties, ConfigurationProblems problems) {
        checkCollection(properties.getCollection(), problems);
        checkHttp(properties.getHttp(), problems);
        requireNotNegative(problems, "entralake.connectivity.recheck-after", properties.getConnectivity().getRecheckAfter());
        requireNotNegative(problems, "entralake.secret-expiry.warn-within", properties.getSecretExpiry().getWarnWithin());
        LockSettings.Problem lock = properties.getLock().problem();
        if (lock != null) {
            problems.add(lock.key(), lock.message());
        }
        String webhook = properties.getSecretExpiry().getWebhookUrl();
        if (webhook != null && !webhook.isBlank() && !isHttpUrl(webhook)) {
            // the value is not repeated: webhook URLs carry their token in the path or query
            problems.add("entralake.secret-expiry.webhook-url", "must be an http:// or https:// URL with a host"
                    + " (value not shown: it may hold a token)");
        }
        if (properties.getLakeRoot() == null || properties.getLakeRoot().isBlank()) {
            problems.add("entralake.lake-root", "is not set");
        }
        if (properties.getTenants().isEmpty() && !properties.isDemo()) {
            problems.addGeneral("no tenant is configured (entralake.tenants); see jobs/example-production.yml");
        }
        Map<String, String> tenantIds = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < properties.getTenants().size(); i++) {
            validateTenant(properties.getTenants().get(i), "entralake.tenants[" + i + "]", problems, tenantIds, names);
        }
    }

    private static void checkCollection(EntraLakeProperties.Collection c, ConfigurationProblems problems) {
        Duration window = c.getWindow();
        if (window == null || window.isNegative() || window.isZero() || window.compareTo(ONE_DAY) > 0
                || ONE_DAY.toNanos() % window.toNanos() != 0 || window.toNanos() % 1_000 != 0) {
            problems.add("entralake.collection.window", "must divide one day exactly (e.g. PT15M, PT1H), got " + window);
        }
        requirePositive(problems, "entralake.collection.backfill", c.getBackfill());
        requireNotNegative(problems, "entralake.collection.lag", c.getLag());
        requireNotNegative(problems, "entralake.collection.lookback", c.getLookback());
        requirePositive(problems, "entralake.collection.progress-interval", c.getProgressInterval());
        requireAtLeastOne(problems, "entralake.collection.snapshot-rows-per-file", c.getSnapshotRowsPerFile());
        requireAtLeastOne(problems, "entralake.collection.tenant-parallelism", c.getTenantParallelism());
        if (c.getCompactTargetFileSize() == null || c.getCompactTargetFileSize().toMegabytes() < 1) {
            problems.add("entralake.collection.compact-target-file-size", "must be at least 1MB (e.g. 128MB), got "
                    + c.getCompactTargetFileSize());
        }
    }

    private static void checkHttp(EntraLakeProperties.Http http, ConfigurationProblems problems) {
        requirePositive(problems, "entralake.http.connect-timeout", http.getConnectTimeout());
        requirePositive(problems, "entralake.http.read-timeout", http.getReadTimeout());
        requireAtLeastOne(problems, "entralake.http.max-attempts", http.getMaxAttempts());
        boolean baseValid = requireNotNegative(problems, "entralake.http.retry-base", http.getRetryBase());
        if (http.getRetryCap() == null || http.getRetryCap().isNegative()) {
            problems.add("entralake.http.retry-cap", "must be zero or positive, got " + http.getRetryCap());
        } else if (baseValid && http.getRetryCap().compareTo(http.getRetryBase()) < 0) {
            problems.add("entralake.http.retry-cap", "(" + http.getRetryCap() + ") must be at least"
                    + " entralake.http.retry-base (" + http.getRetryBase() + "): it caps the growing backoff");
        }
        requireAtLeastOne(problems, "entralake.http.audit-log-requests-per10s", http.getAuditLogRequestsPer10s());
        if (http.getTrustStore() != null && !Files.isReadable(http.getTrustStore())) {
            problems.add("entralake.http.trust-store", http.getTrustStore() + " is not a readable file");
        }
    }

    private static void validateTenant(EntraLakeProperties.Tenant t, String where, ConfigurationProblems problems,
            Map<String, String> tenantIds, Map<String, String> names) {
        String of = t.getName() == null ? null : "tenant '" + t.getName() + "'";
        if (t.getName() == null || t.getName().isBlank()) {
            problems.add(where + ".name", "is not set");
        } else {
            // --tenant matches names case-insensitively, so two names differing in case are the same name
            String first = names.putIfAbsent(t.getName().toLowerCase(Locale.ROOT), where);
            if (first != null) {
                problems.add(where + ".name", of, "'" + t.getName() + "' is already the name of " + first
                        + ": each tenant needs its own name (--tenant and the run summary go by it)");
            }
        }
        if (t.getTenantId() == null || !GUID.matcher(t.getTenantId()).matches()) {
            problems.add(where + ".tenant-id", of, "must be the Directory (tenant) ID, a GUID; got "
                    + t.getTenantId());
        } else {
            String first = tenantIds.putIfAbsent(t.getTenantId().toLowerCase(Locale.ROOT), where);
            if (first != null) {
                problems.add(where + ".tenant-id", of, t.getTenantId() + " is configured twice (also "
                        + first + "): two runs would write the same tenant's data");
            }
        }
        if (t.getClientId() == null || !GUID.matcher(t.getClientId()).matches()) {
            problems.add(where + ".client-id", of, "must be the Application (client) ID, a GUID; got "
                    + t.getClientId());
        }
        if (t.getSecretId() != null && !t.getSecretId().isBlank() && !GUID.matcher(t.getSecretId()).matches()) {
            problems.add(where + ".secret-id", of, "must be the Secret ID (a GUID), not the secret value");
        }
        CredentialConfigurationCheck.check(t, where, of, problems);
        requireHttpsUrl(problems, where + ".authority-host", of, t.getAuthorityHost());
        requireHttpsUrl(problems, where + ".graph-base-url", of, t.getGraphBaseUrl());
        for (Map.Entry<String, String> e : t.getDataTypes().entrySet()) {
            String key = where + ".data-types." + e.getKey();
            if (DataTypeCatalog.byDataset(e.getKey()).isEmpty()) {
                problems.add(key, of, ": unknown data type '" + e.getKey() + "'; known: "
                        + DataTypeCatalog.all().stream().map(d -> d.dataset()).toList());
            }
            DataTypeSelection.problem(e.getValue()).ifPresent(problem -> problems.add(key, of, ": " + problem));
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireHttpsUrl(ConfigurationProblems problems, String key, String of, String value) {
        try {
            URI uri = URI.create(value);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(key, of, "must be an https:// URL, got " + value);
            }
        } catch (RuntimeException e) {
            problems.add(key, of, "is not a URL: " + value);
        }
    }

    private static boolean requireNotNegative(ConfigurationProblems problems, String key, Duration value) {
        if (value == null || value.isNegative()) {
            problems.add(key, "must be zero or positive, got " + value);
            return false;
        }
        return true;
    }

    private static void requirePositive(ConfigurationProblems problems, String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(key, "must be positive (e.g. PT30S), got " + value);
        }
    }

    private static void requireAtLeastOne(ConfigurationProblems problems, String key, long value) {
        if (value < 1) {
            problems.add(key, "must be at least 1, got " + value);
        }
    }
}
