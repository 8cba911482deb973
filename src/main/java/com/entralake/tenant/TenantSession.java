package com.entralake.tenant;

import java.net.URI;

import com.entralake.auth.AccessTokenProvider;
import com.entralake.config.EntraLakeProperties;
import com.entralake.graph.GraphCallStats;
import com.entralake.graph.GraphClient;
import com.entralake.lock.TenantLock;

/**
 * What a run needs to talk to one tenant: its configuration, its token source and its Graph client
 * (with the tenant's own rate limit and counters), and the tenant lock the run holds — every commit point
 * checks {@code lock().ensureHeld()} first. Never holds the secret value itself.
 *
 * @param signInRetries how many times the token endpoint had to be asked again before the first token came
 */
public record TenantSession(
        EntraLakeProperties.Tenant config,
        URI graphBaseUrl,
        AccessTokenProvider tokens,
        GraphClient graph,
        GraphCallStats stats,
        long signInRetries,
        TenantLock lock) {

    /** For the run summary: empty after a first-time sign-in, else how many token endpoint retries it took. */
    public String signInNote() {
        return signInRetries == 0 ? "" : "signed in after " + signInRetries + " token endpoint "
                + (signInRetries == 1 ? "retry" : "retries");
    }

    public String tenantId() {
        return config.getTenantId().toLowerCase(java.util.Locale.ROOT);
    }

    public String name() {
        return config.getName();
    }
}
