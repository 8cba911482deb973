package com.entralake.emulator;

/**
 * {@code organization.tenantType}: "the tenant type option that was selected when the tenant was created" (Microsoft's
 * organization resource page): {@code AAD} (workforce) or {@code AAD B2C} (customer identity). Entra Lake does not
 * support B2C; such a tenant answers sign-in reads with the same 403 as an unlicensed one.
 */
public enum TenantType {
    AAD("AAD"), AAD_B2C("AAD B2C");

    private final String wire;

    TenantType(String wire) {
        this.wire = wire;
    }

    /** The value Graph writes. */
    public String wire() {
        return wire;
    }

    public static TenantType fromWire(String s) {
        for (TenantType t : values()) {
            if (t.wire.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("tenantType must be \"AAD\" or \"AAD B2C\", not " + s);
    }
}
