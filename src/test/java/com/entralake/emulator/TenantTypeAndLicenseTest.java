package com.entralake.emulator;

import com.entralake.catalog.DataTypeCatalog;
import static com.entralake.emulator.GraphErrorsTest.error;
import static com.entralake.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** organization.tenantType, and which tenants may read sign-in logs (B2C and Free may not, with the same 403). */
class TenantTypeAndLicenseTest {
    static final String B2C = "22222222-3333-4444-8555-666666666666";
    static GraphEmulator emu;
    static HttpClient http;

    @BeforeAll
    static void start() {
        emu = startWithTestTenant();
        http = client(emu);
        emu.addTenant(TenantSpec.builder(B2C).displayName("Contoso Customers").license(License.PREMIUM).tenantType(TenantType.AAD_B2C)
                .app(new AppRegistration(CLIENT, "Entra Lake test", ALL_ROLES,
                        List.of(new ClientSecret("k1", SECRET, Instant.parse("2099-01-01T00:00:00Z"))), null))
                .build());
        emu.tenant(TENANT).events(DataTypeCatalog.SIGN_INS.dataset()).add(signIn("s1", Instant.now().minusSeconds(60).toString()));
        emu.tenant(B2C).events(DataTypeCatalog.SIGN_INS.dataset()).add(signIn("s2", Instant.now().minusSeconds(60).toString()));
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static String token(String tenant) {
        return emu.issueAccessToken(tenant, CLIENT, ALL_ROLES, Instant.now(), Duration.ofHours(1));
    }

    static JsonNode organization(String tenant) throws Exception {
        HttpResponse<String> r = get(http, emu, token(tenant), "/v1.0/organization");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("value").get(0);
    }

    @Test
    void organizationSaysWhetherTheTenantIsB2c() throws Exception {
        assertThat(organization(TENANT).get("tenantType").asText()).isEqualTo("AAD");
        JsonNode b2c = organization(B2C);
        assertThat(b2c.get("tenantType").asText()).isEqualTo("AAD B2C");
        assertThat(b2c.get("id").asText()).isEqualTo(B2C);
    }

    @Test
    void b2cTenantAnswersSignInsWithTheNonPremiumOrB2c403EvenWhenLicensed() throws Exception {
        JsonNode e = error(get(http, emu, token(B2C), "/v1.0/auditLogs/signIns"), 403,
                "Authentication_RequestFromNonPremiumTenantOrB2CTenant");
        assertThat(e.get("message").asText()).isEqualTo("Neither tenant is B2C or tenant doesn't have premium license");
        assertThat(get(http, emu, token(B2C), "/v1.0/auditLogs/directoryAudits").statusCode()).isEqualTo(200);
        assertThat(get(http, emu, token(TENANT), "/v1.0/auditLogs/signIns").statusCode()).isEqualTo(200);
    }

    @Test
    void licenceTiers() throws Exception {
        assertThat(License.PREMIUM.hasP2()).isTrue();
        assertThat(License.P1.hasP1()).isTrue();
        assertThat(License.P1.hasP2()).isFalse();
        assertThat(License.FREE.hasP1()).isFalse();
        assertThat(License.P1.retentionDays()).isEqualTo(30);
        assertThat(License.FREE.retentionDays()).isEqualTo(7);
        try {
            emu.faults().setLicense(TENANT, License.P1);
            assertThat(get(http, emu, token(TENANT), "/v1.0/auditLogs/signIns").statusCode()).isEqualTo(200);
            emu.faults().setLicense(TENANT, License.FREE);
            error(get(http, emu, token(TENANT), "/v1.0/auditLogs/signIns"), 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant");
        } finally {
            emu.faults().setLicense(TENANT, License.PREMIUM);
        }
    }

    @Test
    void tenantTypeNamesAreGraphs() {
        assertThat(TenantType.fromWire("AAD B2C")).isEqualTo(TenantType.AAD_B2C);
        assertThat(TenantType.AAD.wire()).isEqualTo("AAD");
    }
}
