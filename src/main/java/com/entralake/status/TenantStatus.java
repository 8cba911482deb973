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
     * Something an operator should act on: a data gap, a last run that failed (not a managed data type set
     * aside while unavailable), a secret expiring soon.
     */
    public boolean needsAttention(Duration warnWithin, java.time.Instant now) {
        boolean expiring = credentialInUse()
                .map(c -> c.expiresAt() != null && !c.expiresAt().isAfter(now.plus(warnWithin))).orElse(false);
        return expiring || dataTypes.stream().anyMatch(d -> !d.gaps().isEmpty()
                || (!d.lastRunOk() && !d.skippedWhileUnavailable()));
    }

    /**
     * The stored credential check, if it is about the credential configured now: after a rotation (a new
     * secret-id) the old row describes a secret no longer used, until the next check replaces it.
     */
    public Optional<ConnectivityStore.CredentialCheck> credentialInUse() {
        return credentials.filter(c -> secretId == null || secretId.isBlank() || secretId.equalsIgnoreCase(c.keyId()));
    }
}
