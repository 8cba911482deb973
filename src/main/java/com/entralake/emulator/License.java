package com.entralake.emulator;

/** Tenant licence: PREMIUM = Entra ID P1/P2 (30-day log retention), FREE (7 days, 403 on sign-ins). */
public enum License {
    PREMIUM(30), FREE(7);

    private final int retentionDays;

    License(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    public int retentionDays() {
        return retentionDays;
    }
}
