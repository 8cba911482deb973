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

    /** Something an operator should act on: a data gap, a failed last run, a secret expiring soon. */
    public boolean needsAttention(Duration warnWithin, java.time.Instant now) {
        boolean expiring = credentials.map(c -> c.expiresAt() != null && !c.expiresAt().isAfter(now.plus(warnWithin)))
                .orElse(false);
        return expiring || dataTypes.stream().anyMatch(d -> d.gap().isPresent() || !d.lastRunSucceeded());
    }
}
