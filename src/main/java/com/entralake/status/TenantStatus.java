package com.entralake.status;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.entralake.connectivity.ConnectivityStore;

/** Everything {@code status} says about one tenant. */
public record TenantStatus(
        String name,
        String tenantId,
        String clientId,
        String secretId,
        Optional<ConnectivityStore.TenantCheck> lastCheck,
        Optional<ConnectivityStore.CredentialCheck> credentials,
        Duration retention,
        List<DataTypeStatus> dataTypes) {

    /**
     * Something an operator should act on: a data gap or a failed last run of a data type that is being
     * collected (not one selected 'no' or skipped while unavailable), a secret expiring soon or not on the app.
     */
    public boolean needsAttention(Duration warnWithin, java.time.Instant now) {
        boolean credentialProblem = credentialInUse()
                .map(c -> !c.foundOnApp() || c.expiresAt() != null && !c.expiresAt().isAfter(now.plus(warnWithin)))
                .orElse(false);
        return credentialProblem || dataTypes.stream().filter(DataTypeStatus::collected)
                .anyMatch(d -> !d.gaps().isEmpty() || !d.lastRunOk());
    }

    /**
     * The stored credential check, if it is about the credential configured now: after a rotation (a new
     * secret-id) the old row describes a secret no longer used, until the next check replaces it.
     */
    public Optional<ConnectivityStore.CredentialCheck> credentialInUse() {
        return credentials.filter(c -> secretId == null || secretId.isBlank() || secretId.equalsIgnoreCase(c.configuredId()));
    }
}
