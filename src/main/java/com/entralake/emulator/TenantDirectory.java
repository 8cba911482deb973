package com.entralake.emulator;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The emulator's tenants by id, case-insensitive as Entra reads tenant ids. */
final class TenantDirectory {

    private final Map<String, EmulatedTenant> byId = new ConcurrentHashMap<>();

    void add(EmulatedTenant tenant) {
        byId.put(tenant.id().toLowerCase(Locale.ROOT), tenant);
    }

    Optional<EmulatedTenant> find(String tenantId) {
        return Optional.ofNullable(tenantId == null ? null : byId.get(tenantId.toLowerCase(Locale.ROOT)));
    }
}
