package com.entralake.connectivity;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.Licences;

/**
 * How long Graph keeps a data type's records for a tenant. Each type declares its retention with and without
 * Microsoft Entra ID P1/P2; whether the tenant has P1/P2 is inferred from the probes of the types that need it,
 * and assumed when unknown, which never over-reports a gap.
 */
public final class Retention {

    private Retention() {
    }

    /**
     * Whether the tenant is taken to have Entra ID P1/P2. The licence is one fact for the whole tenant, so the
     * newest answer from a type that needs P1/P2 decides: a tenant that bought P1/P2 is "not licensed" in every
     * probe from before the purchase, and a type switched off ({@code no}) keeps its old probe for ever. Only a
     * "not licensed" newer than every "available" means Free; no decisive answer means P1/P2 assumed.
     */
    public static boolean premium(Map<String, ProbeResult> probes) {
        return DataTypeCatalog.all().stream()
                .filter(type -> type.licence().equals(Licences.ENTRA_ID_P1_P2))
                .map(type -> probes.get(type.dataset()))
                .filter(probe -> probe != null && probe.probedAt() != null)
                .filter(probe -> probe.availability() == Availability.AVAILABLE
                        || probe.availability() == Availability.NOT_LICENSED)
                // the newest first; on a tie "available" first, so a tie never over-reports a gap
                .sorted(Comparator.comparing(ProbeResult::probedAt).reversed()
                        .thenComparing(probe -> probe.availability() == Availability.AVAILABLE ? 0 : 1))
                .findFirst()
                .map(probe -> probe.availability() == Availability.AVAILABLE)
                .orElse(true);
    }

    public static Duration of(DataType type, Map<String, ProbeResult> probes) {
        return type.retention().of(premium(probes));
    }

    /** The retention under any licence: what is older is lost whatever the tenant has. */
    public static Duration longest(DataType type) {
        return type.retention().withPremium();
    }
}
