package com.entralake.config;

import java.util.ArrayList;
import java.util.List;

/** The tenants a command works on: all configured, or those named (by name or tenant id). */
public final class TenantSelection {

    private TenantSelection() {
    }

    public static List<EntraLakeProperties.Tenant> select(EntraLakeProperties properties, List<String> names) {
        if (names.isEmpty()) {
            return properties.getTenants();
        }
        List<EntraLakeProperties.Tenant> selected = new ArrayList<>();
        for (String name : names) {
            selected.add(properties.getTenants().stream()
                    .filter(t -> name.equalsIgnoreCase(t.getName()) || name.equalsIgnoreCase(t.getTenantId()))
                    .findFirst()
                    .orElseThrow(() -> new ConfigurationException("no tenant named '" + name + "' is configured; known: "
                            + properties.getTenants().stream().map(EntraLakeProperties.Tenant::getName).toList())));
        }
        return selected;
    }
}
