package com.entralake.emulator;

import com.entralake.catalog.Licence;
import com.entralake.catalog.Licences;

/**
 * What Graph answers a tenant that lacks the licence an endpoint needs. The emulator's own record of Graph's
 * behaviour (graph-reference.md, graph-data-types.md "Licence / error shapes"), kept apart from the catalogue's
 * reading of it so that a conformance test can hold one against the other.
 */
final class LicenceAnswers {

    record Refusal(int status, String code, String message) {
    }

    private LicenceAnswers() {
    }

    /** The refusal for this tenant, or null when it holds the licence. */
    static Refusal refusal(EmulatedTenant t, Licence licence) {
        if (!licence.isNeeded()) {
            return null;
        }
        if (licence.equals(Licences.ENTRA_ID_P1_P2)) {
            // sign-in logs need P1/P2 and a workforce (not B2C) tenant; Graph answers both cases with the same 403
            return t.license().hasP1() && t.tenantType() == TenantType.AAD ? null
                    : new Refusal(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
                            "Neither tenant is B2C or tenant doesn't have premium license");
        }
        if (licence.equals(Licences.ENTRA_ID_P1_CONDITIONAL_ACCESS)) {
            // undocumented (graph-data-types.md "Licence / error shapes"); a plain 403, which clients must tell apart
            // from a missing permission by the token's roles
            return t.license().hasP1() ? null : new Refusal(403, "Forbidden",
                    "The tenant does not have a Microsoft Entra ID P1 or P2 license.");
        }
        if (licence.equals(Licences.ENTRA_ID_P2)) {
            return t.license().hasP2() ? null : new Refusal(403, "Forbidden",
                    "The tenant does not have a Microsoft Entra ID P2 license.");
        }
        if (licence.equals(Licences.WORKLOAD_IDENTITIES_PREMIUM)) {
            // undocumented as well: a plain 403
            return t.products().contains(Product.WORKLOAD_IDENTITIES_PREMIUM) ? null : new Refusal(403, "Forbidden",
                    "The tenant does not have a Microsoft Entra Workload ID Premium license.");
        }
        if (licence.equals(Licences.INTUNE)) {
            // undocumented; what tenants without Intune report in practice: a 400 whose message (Intune's own JSON,
            // as a string) says the request does not apply to the tenant
            return t.products().contains(Product.INTUNE) ? null : new Refusal(400, "BadRequest",
                    "{\r\n  \"_version\": 3,\r\n  \"Message\": \"Request not applicable to target tenant. - Operation ID"
                            + " (for customer support): 00000000-0000-0000-0000-000000000000\"\r\n}");
        }
        throw new IllegalStateException("the emulator does not know how Graph answers a tenant without " + licence.name()
                + "; add it here from Microsoft's documentation");
    }
}
