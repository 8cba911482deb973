package com.entralake.connectivity;

import java.time.Duration;
import java.util.Map;

import com.entralake.catalog.DataTypeCatalog;

/**
 * How long Graph keeps sign-ins and audit logs for a tenant: 30 days with Entra ID P1/P2, 7 on Free
 * (graph-reference.md, "Latency, retention, duplicates"). The licence is inferred from the sign-ins
 * probe — sign-ins need P1/P2 — and assumed P1/P2 when unknown, which never over-reports a gap.
 */
public final class Retention {

    public static final Duration PREMIUM = Duration.ofDays(30);
    public static final Duration FREE = Duration.ofDays(7);

    private Retention() {
    }

    public static Duration of(Map<String, ProbeResult> probes) {
        ProbeResult signIns = probes.get(DataTypeCatalog.SIGN_INS.dataset());
        return signIns != null && signIns.availability() == Availability.NOT_LICENSED ? FREE : PREMIUM;
    }
}
