package com.entralake.connectivity;

/** {@code organization.tenantType}: Entra ID (AAD) or Azure AD B2C, which Entra Lake does not support. */
public enum TenantType {
    AAD, B2C, UNKNOWN;

    public static TenantType of(String graphValue) {
        if (graphValue == null || graphValue.isBlank()) {
            return UNKNOWN;
        }
        String v = graphValue.trim().toUpperCase(java.util.Locale.ROOT);
        return v.contains("B2C") ? B2C : v.equals("AAD") ? AAD : UNKNOWN;
    }
}
