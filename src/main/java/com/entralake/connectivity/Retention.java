package com.entralake.connectivity;

import java.time.Duration;
import java.util.Map;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.Licences;

/**
 * How long Graph keeps a data type's records for a tenant. Each type declares its retention with and without
 * Microsoft Entra ID P1/P2; whether the tenant has P1/P2 is inferred from the probes — a type that needs
 * P1/P2 found "not licensed" means Free — and assumed when unknown, which never over-reports a gap.
 */
public final class Retention {

    private Retention() {
    }

    /** Whether the tenant is taken to have Entra ID P1/P2: no probe of a type needing it said "not licensed". */
    public static boolean premium(Map<String, ProbeResult> probes) {
        return DataTypeCatalog.all().stream()
                .filter(type -> type.licence().equals(Licences.ENTRA_ID_P1_P2))
                .map(type -> probes.get(type.dataset()))
                .noneMatch(probe -> probe != null && probe.availability() == Availability.NOT_LICENSED);
    }

    public static Duration of(DataType type, Map<String, ProbeResult> probes) {
        return type.retention().of(premium(probes));
    }

    /** The retention under any licence: what is older is lost whatever the tenant has. */
    public static Duration longest(DataType type) {
        return type.retention().withPremium();
    }
}
