package com.entralake.emulator;

/**
 * The tenant's Microsoft Entra ID licence tier, as far as the data Entra Lake reads depends on it.
 *
 * <ul>
 *   <li>{@link #FREE}: audit logs kept 7 days; sign-in logs answer 403
 *       {@code Authentication_RequestFromNonPremiumTenantOrB2CTenant}.</li>
 *   <li>{@link #P1}: 30-day retention and sign-in logs, but none of the P2-only features (identity protection's risky
 *       users and risk detections in full).</li>
 *   <li>{@link #P2}: everything.</li>
 *   <li>{@link #PREMIUM}: "P1 or P2" as most tests mean it; behaves as {@link #P2} so that existing tenants keep every
 *       premium feature.</li>
 * </ul>
 * Intune is a separate product licence, not a tier of this enum.
 */
public enum License {
    PREMIUM(30, true, true), P2(30, true, true), P1(30, true, false), FREE(7, false, false);

    private final int retentionDays;
    private final boolean p1;
    private final boolean p2;

    License(int retentionDays, boolean p1, boolean p2) {
        this.retentionDays = retentionDays;
        this.p1 = p1;
        this.p2 = p2;
    }

    /** How long sign-ins and audits stay readable (Microsoft's data retention table: 7 days Free, 30 days P1/P2). */
    public int retentionDays() {
        return retentionDays;
    }

    /** P1 or better: sign-in logs are readable. */
    public boolean hasP1() {
        return p1;
    }

    /** P2: identity protection features. */
    public boolean hasP2() {
        return p2;
    }
}
