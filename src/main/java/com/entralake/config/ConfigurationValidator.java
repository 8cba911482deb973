package com.entralake.config;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.entralake.catalog.DataTypeCatalog;

/**
 * Checks a configuration before anything runs and collects every problem at once, so an operator
 * fixes them in one go instead of one per run.
 */
public final class ConfigurationValidator {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private ConfigurationValidator() {
    }

    public static void validate(EntraLakeProperties properties) {
        List<String> problems = new ArrayList<>();
        EntraLakeProperties.Collection c = properties.getCollection();
        Duration window = c.getWindow();
        if (window == null || window.isNegative() || window.isZero() || window.compareTo(ONE_DAY) > 0
                || ONE_DAY.toNanos() % window.toNanos() != 0 || window.toNanos() % 1_000 != 0) {
            problems.add("entralake.collection.window must divide one day exactly (e.g. PT15M, PT1H), got " + window);
        }
        requireNotNegative(problems, "entralake.collection.lag", c.getLag());
        requireNotNegative(problems, "entralake.collection.lookback", c.getLookback());
        if (c.getBackfill() == null || c.getBackfill().isNegative() || c.getBackfill().isZero()) {
            problems.add("entralake.collection.backfill must be positive, got " + c.getBackfill());
        }
        if (c.getSnapshotRowsPerFile() < 1) {
            problems.add("entralake.collection.snapshot-rows-per-file must be at least 1");
        }
        if (c.getTenantParallelism() < 1) {
            problems.add("entralake.collection.tenant-parallelism must be at least 1");
        }
        EntraLakeProperties.Http http = properties.getHttp();
        if (http.getTrustStore() != null && !Files.isReadable(http.getTrustStore())) {
            problems.add("entralake.http.trust-store " + http.getTrustStore() + " is not a readable file");
        }
        if (http.getMaxAttempts() < 1) {
            problems.add("entralake.http.max-attempts must be at least 1");
        }
        if (http.getAuditLogRequestsPer10s() < 1) {
            problems.add("entralake.http.audit-log-requests-per10s must be at least 1");
        }
        requireNotNegative(problems, "entralake.connectivity.recheck-after", properties.getConnectivity().getRecheckAfter());
        requireNotNegative(problems, "entralake.secret-expiry.warn-within", properties.getSecretExpiry().getWarnWithin());
        String webhook = properties.getSecretExpiry().getWebhookUrl();
        if (webhook != null && !webhook.isBlank() && !isHttpUrl(webhook)) {
            // the value is not repeated: webhook URLs carry their token in the path or query
            problems.add("entralake.secret-expiry.webhook-url must be an http:// or https:// URL with a host"
                    + " (value not shown: it may hold a token)");
        }
        if (properties.getLakeRoot() == null || properties.getLakeRoot().isBlank()) {
            problems.add("entralake.lake-root is not set");
        }
        if (properties.getTenants().isEmpty() && !properties.isDemo()) {
            problems.add("no tenant is configured (entralake.tenants); see jobs/example-production.yml");
        }
        Set<String> tenantIds = new HashSet<>();
        for (int i = 0; i < properties.getTenants().size(); i++) {
            validateTenant(properties.getTenants().get(i), "entralake.tenants[" + i + "]", problems, tenantIds);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Configuration is not valid:\n  - " + String.join("\n  - ", problems));
        }
    }

    private static void validateTenant(EntraLakeProperties.Tenant t, String where, List<String> problems,
            Set<String> tenantIds) {
        String of = t.getName() == null ? "" : " (tenant '" + t.getName() + "')";
        if (t.getName() == null || t.getName().isBlank()) {
            problems.add(where + ".name is not set");
        }
        if (t.getTenantId() == null || !GUID.matcher(t.getTenantId()).matches()) {
            problems.add(where + ".tenant-id" + of + " must be the Directory (tenant) ID, a GUID; got " + t.getTenantId());
        } else if (!tenantIds.add(t.getTenantId().toLowerCase())) {
            problems.add(where + ".tenant-id" + of + " " + t.getTenantId() + " is configured twice");
        }
        if (t.getClientId() == null || !GUID.matcher(t.getClientId()).matches()) {
            problems.add(where + ".client-id" + of + " must be the Application (client) ID, a GUID; got " + t.getClientId());
        }
        if (t.getSecretId() != null && !t.getSecretId().isBlank() && !GUID.matcher(t.getSecretId()).matches()) {
            problems.add(where + ".secret-id" + of + " must be the Secret ID (a GUID), not the secret value");
        }
        CredentialConfigurationCheck.check(t, where, of, problems);
        requireHttpsUrl(problems, where + ".authority-host" + of, t.getAuthorityHost());
        requireHttpsUrl(problems, where + ".graph-base-url" + of, t.getGraphBaseUrl());
        for (Map.Entry<String, String> e : t.getDataTypes().entrySet()) {
            if (DataTypeCatalog.byDataset(e.getKey()).isEmpty()) {
                problems.add(where + ".data-types" + of + ": unknown data type '" + e.getKey() + "'; known: "
                        + DataTypeCatalog.all().stream().map(d -> d.dataset()).toList());
            }
            try {
                DataTypeSelection.parse(e.getValue(), where + ".data-types." + e.getKey() + of);
            } catch (ConfigurationException ex) {
                problems.add(ex.getMessage());
            }
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

    private static void requireHttpsUrl(List<String> problems, String key, String value) {
        try {
            URI uri = URI.create(value);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(key + " must be an https:// URL, got " + value);
            }
        } catch (RuntimeException e) {
            problems.add(key + " is not a URL: " + value);
        }
    }

    private static void requireNotNegative(List<String> problems, String key, Duration value) {
        if (value == null || value.isNegative()) {
            problems.add(key + " must be zero or positive, got " + value);
        }
    }
}
