package com.entralake.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.entralake.catalog.DataTypeCatalog;
import com.entralake.graph.GraphException;

/** The classification of Graph's refusals; the probe's requests themselves are covered end to end. */
class DataTypeProbeTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final Set<String> ALL = Set.of("AuditLog.Read.All", "Directory.Read.All", "User.Read.All", "Group.Read.All");
    private static final GraphException LICENCE_403 = new GraphException(GraphException.Kind.LICENCE, 403,
            "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license");

    private static DataTypeProbe probe(Set<String> roles, TenantType type) {
        return new DataTypeProbe(null, URI.create("https://graph.example"), roles, () -> type);
    }

    @Test
    void theLicence403OfAnAadTenantWithEveryPermissionIsNotLicensed() {
        ProbeResult r = probe(ALL, TenantType.AAD).classify(DataTypeCatalog.SIGN_INS, LICENCE_403, NOW);
        assertThat(r.availability()).isEqualTo(Availability.NOT_LICENSED);
        assertThat(r.detail()).contains("Microsoft Entra ID P1 or P2");
        assertThat(r.availability().skipsManaged()).isTrue();
    }

    @Test
    void theSameRefusalOfAB2cTenantIsNotApplicable() {
        ProbeResult r = probe(ALL, TenantType.B2C).classify(DataTypeCatalog.SIGN_INS, LICENCE_403, NOW);
        assertThat(r.availability()).isEqualTo(Availability.NOT_APPLICABLE);
        assertThat(r.detail()).contains("B2C");
    }

    @Test
    void theSameRefusalWithoutDirectoryReadAllIsAMissingPermission() {
        ProbeResult r = probe(Set.of("AuditLog.Read.All"), TenantType.AAD).classify(DataTypeCatalog.SIGN_INS, LICENCE_403, NOW);
        assertThat(r.availability()).isEqualTo(Availability.MISSING_PERMISSION);
        assertThat(r.detail()).startsWith("needs Directory.Read.All");
    }

    @Test
    void authorizationRequestDeniedNamesTheMissingPermissions() {
        GraphException denied = new GraphException(GraphException.Kind.PERMISSION, 403, "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation.");
        ProbeResult r = probe(Set.of("AuditLog.Read.All"), TenantType.AAD).classify(DataTypeCatalog.USERS, denied, NOW);
        assertThat(r.availability()).isEqualTo(Availability.MISSING_PERMISSION);
        assertThat(r.detail()).isEqualTo("needs User.Read.All");
    }

    @Test
    void anOutageSaysNothingAboutAvailabilityAndKeepsAManagedTypeCollected() {
        GraphException outage = new GraphException(GraphException.Kind.TRANSIENT_EXHAUSTED, 503, null, "503 x 3");
        ProbeResult r = probe(ALL, TenantType.AAD).classify(DataTypeCatalog.GROUPS, outage, NOW);
        assertThat(r.availability()).isEqualTo(Availability.UNKNOWN);
        assertThat(r.availability().skipsManaged()).isFalse();
    }

    @Test
    void probesAskForOneRecord() {
        assertThat(DataTypeProbe.probeUrl(URI.create("https://graph.example/"), DataTypeCatalog.SIGN_INS))
                .hasToString("https://graph.example/v1.0/auditLogs/signIns?$top=1");
        assertThat(DataTypeProbe.probeUrl(URI.create("https://graph.example"), DataTypeCatalog.USERS))
                .hasToString("https://graph.example/v1.0/users?$top=1&$select=id");
    }
}
