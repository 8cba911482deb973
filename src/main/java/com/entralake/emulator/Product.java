package com.entralake.emulator;

/**
 * Licences a tenant holds beside its Microsoft Entra ID tier ({@link License}): separate products whose absence
 * Graph answers on their own endpoints. An emulated tenant holds them all until a test takes one away.
 */
public enum Product {
    /** Microsoft Intune: the deviceManagement and deviceAppManagement endpoints. */
    INTUNE,
    /** Microsoft Entra Workload ID Premium: risky service principals and their risk detections. */
    WORKLOAD_IDENTITIES_PREMIUM
}
