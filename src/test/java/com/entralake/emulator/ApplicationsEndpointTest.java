package com.entralake.emulator;

import static com.entralake.emulator.GraphErrorsTest.error;
import static com.entralake.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /v1.0/applications(appId='…') and /applications/{id}, against Microsoft's "Get application" page. */
class ApplicationsEndpointTest {
    static final String MIXED = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";
    static final String BARE = "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee";
    static final String CERT_APP = "ffffffff-ffff-4fff-8fff-ffffffffffff";
    static final Instant CERT_END = Instant.parse("2026-03-01T12:00:00Z");
    static GraphEmulator emu;
    static HttpClient http;
    static String appReader;
    static X509Certificate cert;

    @BeforeAll
    static void start() throws Exception {
        emu = startWithTestTenant();
        http = client(emu);
        appReader = emu.issueAccessToken(TENANT, CLIENT, Set.of("Application.Read.All"), Instant.now(), Duration.ofHours(1));
        EmulatedTenant t = emu.tenant(TENANT);
        // AuditLog.Read.All requested and consented; Directory.Read.All added as delegated; Application.Read.All requested
        // but never consented; User.Read.All not added at all
        t.addApp(AppRegistration.builder(MIXED).displayName("Mixed").roles(Set.of("AuditLog.Read.All"))
                .requested(RequestedPermission.role("AuditLog.Read.All"), RequestedPermission.scope("Directory.Read.All"),
                        RequestedPermission.role("Application.Read.All"))
                .secret(new ClientSecret("0f6a1c3e-5b7d-4e21-9a8c-3d2e1f0a9b8c", "Xy9~secret-value", Instant.parse("2026-06-30T08:15:00Z"),
                        "nightly collector", Instant.parse("2025-06-30T08:15:00Z")))
                .secret(new ClientSecret("1a2b3c4d-0000-4000-8000-000000000001", "old~value", Instant.parse("2024-01-01T00:00:00Z")))
                .build());
        t.addApp(AppRegistration.builder(BARE).displayName("Bare").roles(Set.of("AuditLog.Read.All")).requested().build());
        cert = certificate();
        t.addApp(AppRegistration.builder(CERT_APP).displayName("With certificate").certificate(cert)
                .keyCredential(KeyCredential.of(cert).withEndDateTime(CERT_END)).build());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static X509Certificate certificate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        var keys = g.generateKeyPair();
        X500Name n = new X500Name("CN=entra-lake-collector");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(n, BigInteger.TWO,
                java.util.Date.from(Instant.parse("2025-03-01T12:00:00Z")), java.util.Date.from(Instant.parse("2027-03-01T12:00:00Z")),
                n, keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    static JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = get(http, emu, appReader, path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(GraphEmulator.GRAPH_CONTENT_TYPE);
        return json(r);
    }

    static Set<String> keys(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    static List<String> access(JsonNode app) {
        List<String> l = new ArrayList<>();
        for (JsonNode rra : app.get("requiredResourceAccess")) {
            assertThat(rra.get("resourceAppId").asText()).isEqualTo("00000003-0000-0000-c000-000000000000");
            rra.get("resourceAccess").forEach(a -> l.add(a.get("id").asText() + "=" + a.get("type").asText()));
        }
        return l;
    }

    @Test
    void getByAppIdServesTheApplicationEntityWithItsOwnObjectId() throws Exception {
        JsonNode app = ok("/v1.0/applications(appId='" + CLIENT + "')");
        assertThat(app.get("@odata.context").asText()).isEqualTo("https://graph.microsoft.com/v1.0/$metadata#applications/$entity");
        assertThat(app.get("appId").asText()).isEqualTo(CLIENT);
        assertThat(app.get("id").asText()).matches("[0-9a-f-]{36}").isNotEqualTo(CLIENT);
        assertThat(app.get("displayName").asText()).isEqualTo("Entra Lake test");
        // keys of Microsoft's example 1 that Entra Lake may read; nothing outside the v1.0 schema
        assertThat(keys(app)).contains("id", "appId", "displayName", "requiredResourceAccess", "passwordCredentials", "keyCredentials",
                "signInAudience", "publisherDomain", "api", "web", "deletedDateTime");
        JsonNode schema = JSON.readTree(EXAMPLES.resolve("v1.0-schema-selected.json").toFile()).get("entities").get("application");
        Set<String> allowed = new TreeSet<>(keys(schema));
        allowed.add("@odata.context");
        assertThat(allowed).containsAll(keys(app));
        // the same object by its object id
        JsonNode byId = ok("/v1.0/applications/" + app.get("id").asText());
        assertThat(byId.get("appId").asText()).isEqualTo(CLIENT);
    }

    @Test
    void passwordCredentialsCarryDatesAndHintButNeverTheSecret() throws Exception {
        HttpResponse<String> r = get(http, emu, appReader, "/v1.0/applications(appId='" + MIXED + "')?$select=passwordCredentials");
        assertThat(r.body()).doesNotContain("Xy9~secret-value").doesNotContain("old~value");
        JsonNode creds = json(r).get("passwordCredentials");
        assertThat(creds).hasSize(2);
        JsonNode c = creds.get(0);
        assertThat(keys(c)).containsExactly("customKeyIdentifier", "displayName", "endDateTime", "hint", "keyId", "secretText", "startDateTime");
        assertThat(c.get("keyId").asText()).isEqualTo("0f6a1c3e-5b7d-4e21-9a8c-3d2e1f0a9b8c");
        assertThat(c.get("displayName").asText()).isEqualTo("nightly collector");
        assertThat(c.get("startDateTime").asText()).isEqualTo("2025-06-30T08:15:00Z");
        assertThat(c.get("endDateTime").asText()).isEqualTo("2026-06-30T08:15:00Z");
        assertThat(c.get("hint").asText()).isEqualTo("Xy9");
        assertThat(c.get("secretText").isNull()).isTrue();
        assertThat(c.get("customKeyIdentifier").isNull()).isTrue();
        JsonNode old = creds.get(1);
        assertThat(old.get("endDateTime").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(old.get("displayName").isNull()).isTrue();
        assertThat(Instant.parse(old.get("startDateTime").asText())).isBefore(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void selectNarrowsTheEntityAndTheContext() throws Exception {
        JsonNode app = ok("/v1.0/applications(appId='" + MIXED + "')?$select=" + q("id,appId,displayName,requiredResourceAccess"));
        assertThat(app.get("@odata.context").asText())
                .isEqualTo("https://graph.microsoft.com/v1.0/$metadata#applications(id,appId,displayName,requiredResourceAccess)/$entity");
        assertThat(keys(app)).containsExactly("@odata.context", "appId", "displayName", "id", "requiredResourceAccess");
        error(get(http, emu, appReader, "/v1.0/applications(appId='" + MIXED + "')?$select=shoeSize"), 400, "Request_BadRequest");
    }

    @Test
    void requiredResourceAccessTellsRoleFromScopeFromAbsent() throws Exception {
        assertThat(access(ok("/v1.0/applications(appId='" + MIXED + "')?$select=requiredResourceAccess"))).containsExactly(
                "b0afded3-3588-46d8-8b3d-9842eff778da=Role", // AuditLog.Read.All, application
                "06da0dbc-49e2-44d2-8312-53f166ab848a=Scope", // Directory.Read.All, delegated
                "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30=Role"); // Application.Read.All, application (not consented)
        assertThat(emu.tenant(TENANT).app(MIXED).orElseThrow().roles()).containsExactly("AuditLog.Read.All");
        JsonNode bare = ok("/v1.0/applications(appId='" + BARE + "')?$select=requiredResourceAccess");
        assertThat(bare.get("requiredResourceAccess").isArray()).isTrue();
        assertThat(bare.get("requiredResourceAccess")).isEmpty();
    }

    @Test
    void aConsentedAppRequestsEveryGrantedRoleAsApplicationPermission() throws Exception {
        assertThat(access(ok("/v1.0/applications(appId='" + CLIENT + "')?$select=requiredResourceAccess"))).containsExactlyInAnyOrder(
                "b0afded3-3588-46d8-8b3d-9842eff778da=Role", "7ab1d382-f21e-4acd-a863-ba3e13f7da61=Role",
                "df021288-bdef-4463-88db-98f22de89214=Role", "5b567255-7703-4780-807c-7be8301ae99b=Role");
    }

    @Test
    void keyCredentialsCarryThumbprintDatesAndTheKeyOnlyWhenSelected() throws Exception {
        String thumbprint = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
        JsonNode k = ok("/v1.0/applications(appId='" + CERT_APP + "')?$select=" + q("appId,keyCredentials")).get("keyCredentials").get(0);
        assertThat(keys(k)).containsExactly("customKeyIdentifier", "displayName", "endDateTime", "key", "keyId", "startDateTime", "type", "usage");
        assertThat(k.get("customKeyIdentifier").asText()).isEqualTo(thumbprint).hasSize(40);
        assertThat(k.get("type").asText()).isEqualTo("AsymmetricX509Cert");
        assertThat(k.get("usage").asText()).isEqualTo("Verify");
        assertThat(k.get("displayName").asText()).isEqualTo("CN=entra-lake-collector");
        assertThat(k.get("startDateTime").asText()).isEqualTo("2025-03-01T12:00:00Z");
        assertThat(k.get("endDateTime").asText()).isEqualTo("2026-03-01T12:00:00Z"); // what the test set, not the certificate's
        assertThat(k.get("key").asText()).isEqualTo(Base64.getEncoder().encodeToString(cert.getEncoded()));
        assertThat(k.get("keyId").asText()).matches("[0-9a-f-]{36}");
        JsonNode unselected = ok("/v1.0/applications(appId='" + CERT_APP + "')").get("keyCredentials").get(0);
        assertThat(unselected.get("key").isNull()).isTrue();
        assertThat(unselected.get("endDateTime").asText()).isEqualTo("2026-03-01T12:00:00Z");
    }

    @Test
    void readingApplicationsNeedsApplicationReadAllOrAHigherPermission() throws Exception {
        String auditOnly = emu.issueAccessToken(TENANT, CLIENT, Set.of("AuditLog.Read.All", "User.Read.All"), Instant.now(), Duration.ofHours(1));
        JsonNode e = error(get(http, emu, auditOnly, "/v1.0/applications(appId='" + CLIENT + "')"), 403, "Authorization_RequestDenied");
        assertThat(e.get("message").asText()).isEqualTo("Insufficient privileges to complete the operation.");
        String directory = emu.issueAccessToken(TENANT, CLIENT, Set.of("Directory.Read.All"), Instant.now(), Duration.ofHours(1));
        assertThat(get(http, emu, directory, "/v1.0/applications(appId='" + CLIENT + "')").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownApplicationIs404ResourceNotFound() throws Exception {
        String unknown = "12345678-1234-4234-8234-123456789abc";
        JsonNode e = error(get(http, emu, appReader, "/v1.0/applications(appId='" + unknown + "')"), 404, "Request_ResourceNotFound");
        assertThat(e.get("message").asText())
                .isEqualTo("Resource '" + unknown + "' does not exist or one of its queried reference-property objects are not present.");
        // the appId is not an object id: Graph answers /applications/{appId} with 404 too
        error(get(http, emu, appReader, "/v1.0/applications/" + CLIENT), 404, "Request_ResourceNotFound");
    }

    @Test
    void percentEncodedAlternateKeyIsTheSameRequest() throws Exception {
        JsonNode app = ok("/v1.0/applications%28appId=%27" + CLIENT + "%27%29?$select=appId");
        assertThat(app.get("appId").asText()).isEqualTo(CLIENT);
    }

    @Test
    void theDemoAppCanReadItsOwnSecretExpiry() throws Exception {
        try (GraphEmulator demo = GraphEmulator.start(EmulatorOptions.demo(SAMPLE_DATA))) {
            String clientId = "3c9e1b7d-2a4f-4e8b-b6d1-7f0a5c2e9d40";
            Set<String> roles = demo.demoTenant().app(clientId).orElseThrow().roles();
            assertThat(roles).contains("Application.Read.All");
            String token = demo.issueAccessToken(demo.demoTenant().id(), clientId, roles, Instant.now(), Duration.ofHours(1));
            HttpResponse<String> r = get(client(demo), demo, token,
                    "/v1.0/applications(appId='" + clientId + "')?$select=" + q("passwordCredentials,keyCredentials"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode secret = json(r).get("passwordCredentials").get(0);
            assertThat(secret.get("keyId").asText()).isEqualTo("d4e5f6a7-1b2c-4d3e-8f9a-0b1c2d3e4f50");
            assertThat(secret.get("endDateTime").asText()).isEqualTo("2099-12-31T00:00:00Z");
            assertThat(secret.get("hint").asText()).isEqualTo("dem");
            assertThat(json(r).get("keyCredentials")).isEmpty();
        }
    }
}
