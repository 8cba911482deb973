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
        boolean premium,
        List<DataTypeStatus> dataTypes) {

    /**
     * What an operator should act on, each reason one line naming the tenant: a data gap, a last run that did not
     * complete, or a clock that was ahead, for a data type being collected (not one selected 'no' or skipped while
     * unavailable); a secret expiring soon or not on the app.
     */
    public List<String> attention(Duration warnWithin, java.time.Instant now) {
        List<String> reasons = new java.util.ArrayList<>();
        credentialInUse().ifPresent(c -> {
            if (!c.foundOnApp()) {
                reasons.add(name + ": the configured credential " + c.configuredId() + " is not on the app");
            } else if (c.expiresAt() != null && !c.expiresAt().isAfter(now.plus(warnWithin))) {
                reasons.add(name + ": the client secret " + (c.expiresAt().isAfter(now) ? "expires" : "expired") + " on "
                        + c.expiresAt());
            }
        });
        dataTypes.forEach(d -> d.attention().forEach(r -> reasons.add(name + " " + r)));
        return reasons;
    }

    public boolean needsAttention(Duration warnWithin, java.time.Instant now) {
        return !attention(warnWithin, now).isEmpty();
    }

    /**
     * The stored credential check, if it is about the credential configured now: after a rotation (a new
     * secret-id) the old row describes a secret no longer used, until the next check replaces it.
     */
    public Optional<ConnectivityStore.CredentialCheck> credentialInUse() {
        return credentials.filter(c -> secretId == null || secretId.isBlank() || secretId.equalsIgnoreCase(c.configuredId()));
    }
}
