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
 */
public record TenantSession(
        EntraLakeProperties.Tenant config,
        URI graphBaseUrl,
        AccessTokenProvider tokens,
        GraphClient graph,
        GraphCallStats stats,
        TenantLock lock) {

    public String tenantId() {
        return config.getTenantId().toLowerCase(java.util.Locale.ROOT);
    }

    public String name() {
        return config.getName();
    }
}
