package com.entralake.tenant;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of the tenants being collected in this process, by tenant id. Steps find their tenant
 * here from the job parameters: job parameters carry ids only, never credentials.
 */
public final class TenantSessions {

    private final Map<String, TenantSession> sessions = new ConcurrentHashMap<>();

    public void register(TenantSession session) {
        sessions.put(session.tenantId(), session);
    }

    public void remove(String tenantId) {
        sessions.remove(tenantId);
    }

    public TenantSession get(String tenantId) {
        TenantSession session = sessions.get(tenantId);
        if (session == null) {
            throw new IllegalStateException("no session for tenant " + tenantId
                    + ": collection jobs are started by the collect command, not on their own");
        }
        return session;
    }
}
