package com.entralake.catalog;

import java.util.List;

/** The licences Entra data types need, each with the answers Graph gives without it. */
public final class Licences {

    /**
     * Sign-ins, provisioning and most premium reports. Documented: 403
     * {@code Authentication_RequestFromNonPremiumTenantOrB2CTenant} (graph-reference.md), which Graph also
     * gives a B2C tenant and an app missing Directory.Read.All — the probe tells those apart.
     */
    public static final Licence ENTRA_ID_P1_P2 = new Licence("Microsoft Entra ID P1 or P2", List.of(
            new LicenceRefusal(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", null,
                    "Microsoft Entra ID P1/P2 licence (or is a B2C tenant)",
                    "Graph also answers this when Directory.Read.All is missing")));

    /**
     * Conditional access (policies, named locations) and risk detections need P1; Graph's answer without it is not
     * documented
     * (graph-data-types.md, "Licence / error shapes": U). A 403 while the token carries the permission is taken
     * for it — the probe tells a missing permission apart by the token's roles before saying "not licensed".
     */
    public static final Licence ENTRA_ID_P1_CONDITIONAL_ACCESS = new Licence("Microsoft Entra ID P1 or P2", List.of(
            new LicenceRefusal(403, null, null, "Microsoft Entra ID P1/P2 licence (Graph's answer without it is"
                    + " not documented; a 403 with the permission granted is read as this)", null)));

    /** Identity protection's risky users: P2. The answer without it is not documented either (U); read as above. */
    public static final Licence ENTRA_ID_P2 = new Licence("Microsoft Entra ID P2", List.of(
            new LicenceRefusal(403, null, null, "Microsoft Entra ID P2 licence (Graph's answer without it is not"
                    + " documented; a 403 with the permission granted is read as this)", null)));

    /**
     * Risky service principals and their risk detections: Workload Identities Premium (the pages say so). The
     * answer without it is not documented (U); a 403 with the permission granted is read as this.
     */
    public static final Licence WORKLOAD_IDENTITIES_PREMIUM = new Licence("Microsoft Entra Workload ID Premium",
            List.of(new LicenceRefusal(403, null, null, "Microsoft Entra Workload ID Premium licence (Graph's answer"
                    + " without it is not documented; a 403 with the permission granted is read as this)", null)));

    /**
     * Intune: "The Microsoft Graph API for Intune requires an active Intune license for the tenant" (all four
     * pages). Graph's answer without it is not documented; what is reported in practice is a 400 whose message
     * says "Request not applicable to target tenant", or a 403 — both read as "not licensed".
     */
    public static final Licence INTUNE = new Licence("Microsoft Intune", List.of(
            new LicenceRefusal(400, null, "Request not applicable to target tenant", "active Intune licence", null),
            new LicenceRefusal(403, null, null, "active Intune licence (a 403 with the permission granted is read"
                    + " as this)", null)));

    private Licences() {
    }
}
