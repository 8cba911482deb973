package com.entralake.emulator;

import static com.entralake.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenEndpointMsalTest {
    static GraphEmulator emu;
    static final String EXPIRED_CLIENT = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
    static final String CERT_CLIENT = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
    static KeyPair certKeys;
    static X509Certificate cert;

    @BeforeAll
    static void start() throws Exception {
        emu = startWithTestTenant();
        EmulatedTenant t = emu.tenant(TENANT);
        t.addApp(new AppRegistration(EXPIRED_CLIENT, "expired", ALL_ROLES,
                List.of(new ClientSecret("k2", "old-secret", Instant.parse("2020-01-01T00:00:00Z"))), null));
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        certKeys = g.generateKeyPair();
        X500Name n = new X500Name("CN=entra-lake-test");
        cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(n, BigInteger.TEN,
                Date.from(Instant.now().minusSeconds(3600)), Date.from(Instant.now().plusSeconds(86400)), n, certKeys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(certKeys.getPrivate())));
        t.addApp(new AppRegistration(CERT_CLIENT, "cert app", Set.of("AuditLog.Read.All"), List.of(), cert));
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static IAuthenticationResult acquire(String tenant, String clientId, IClientCredential cred) throws Throwable {
        return acquire(tenant, clientId, cred, 10000, false);
    }

    /** Real MSAL4J; {@code msalRetriesOff} as Entra Lake builds it ({@code disableInternalRetries()}). */
    static IAuthenticationResult acquire(String tenant, String clientId, IClientCredential cred, int readTimeoutMillis,
                                         boolean msalRetriesOff) throws Throwable {
        ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(clientId, cred)
                .authority(emu.authorityHost() + "/" + tenant + "/")
                .instanceDiscovery(false)
                .sslSocketFactory(emu.clientSslContext().getSocketFactory())
                .connectTimeoutForDefaultHttpClient(5000)
                .readTimeoutForDefaultHttpClient(readTimeoutMillis);
        if (msalRetriesOff) {
            builder.disableInternalRetries();
        }
        try {
            return builder.build().acquireToken(ClientCredentialParameters.builder(Set.of("https://graph.microsoft.com/.default"))
                    .skipCache(true).build()).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause();
        }
    }

    @AfterEach
    void noTokenFaultsLeft() {
        emu.faults().clearTokenFaults(TENANT);
    }

    static List<Integer> tokenStatuses() {
        return emu.requestLog().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).map(ServedRequest::status).toList();
    }

    // ---- what MSAL4J 1.26.1 does on the wire when the token endpoint is unwell (Faults' token section)

    @Test
    void msalItselfResendsA5xxOnceAfterOneSecondUnlessItsRetriesAreOff() throws Throwable {
        emu.clearRequestLog();
        emu.faults().tokenServerErrorNext(TENANT, 1, 503);
        long started = System.nanoTime();
        assertThat(acquire(TENANT, CLIENT, ClientCredentialFactory.createFromSecret(SECRET), 10000, false).accessToken()).isNotBlank();
        // HttpHelper + DefaultRetryPolicy: one resend of a 5xx without Retry-After, after Thread.sleep(1000)
        assertThat(tokenStatuses()).containsExactly(503, 200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        emu.clearRequestLog();
        emu.faults().tokenServerErrorNext(TENANT, 1, 503);
        assertThatThrownBy(() -> acquire(TENANT, CLIENT, ClientCredentialFactory.createFromSecret(SECRET), 10000, true))
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo("temporarily_unavailable");
                    assertThat(e.getMessage()).startsWith("AADSTS90033:");
                });
        assertThat(tokenStatuses()).as("disableInternalRetries: one request").containsExactly(503);
    }

    @Test
    void a429CarriesRetryAfterInItsHeadersAndMsalDoesNotResendIt() {
        emu.clearRequestLog();
        emu.faults().tokenThrottledNext(TENANT, 1, 3);
        assertThatThrownBy(() -> acquire(TENANT, CLIENT, ClientCredentialFactory.createFromSecret(SECRET), 10000, false))
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().entrySet()).anySatisfy(h -> {
                        assertThat(h.getKey()).isEqualToIgnoringCase("Retry-After");
                        assertThat(h.getValue()).containsExactly("3");
                    });
                });
        assertThat(tokenStatuses()).containsExactly(429);
    }

    @Test
    void aProxysHtmlPageLosesItsStatusInMsal() {
        emu.clearRequestLog();
        emu.faults().tokenGatewayPageNext(TENANT, 1, 502);
        assertThatThrownBy(() -> acquire(TENANT, CLIENT, ClientCredentialFactory.createFromSecret(SECRET), 10000, true))
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    // MsalJsonParsingException: the JSON reader failed before the status was looked at
                    assertThat(e.errorCode()).isEqualTo("invalid_json");
                    assertThat(e.statusCode()).isNull();
                    assertThat(e.headers()).isNull();
                });
        assertThat(tokenStatuses()).containsExactly(502);
    }

    @Test
    void aResetIsSentOnceMoreByTheJdkThenSurfacesAsAnMsalClientException() throws Throwable {
        // HttpURLConnection resends a POST whose connection closed before any answer (sun.net.http.retryPost)
        emu.clearRequestLog();
        emu.faults().tokenResetNext(TENANT, 1);
        assertThat(acquire(TENANT, CLIENT, ClientCredentialFactory.createFromSecret(SECRET), 10000, true).accessToken()).isNotBlank();
        assertThat(tokenStatuses()).containsExactly(-1, 200);

        emu.clearRequestLog();
        emu.faults().tokenResetNext(TENANT, 2);
        assertThatThrownBy(() -> acquire(TENANT, CLIENT, ClientCredentialFactory.createFromSecret(SECRET), 10000, true))
                .isInstanceOf(MsalClientException.class).hasCauseInstanceOf(java.net.SocketException.class);
        assertThat(tokenStatuses()).containsExactly(-1, -1);
    }

    @Test
    void aHangLongerThanTheReadTimeoutIsASocketTimeoutWithoutAResend() throws Throwable {
        emu.clearRequestLog();
        emu.faults().tokenDelayNext(TENANT, 1, Duration.ofMillis(1500));
        assertThatThrownBy(() -> acquire(TENANT, CLIENT, ClientCredentialFactory.createFromSecret(SECRET), 500, true))
                .isInstanceOf(MsalClientException.class).hasCauseInstanceOf(java.net.SocketTimeoutException.class);
        // the late answer is logged once it is written, after the delay
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tokenStatuses().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(tokenStatuses()).as("a timeout is not resent by the JDK").containsExactly(200);
        assertThat(acquire(TENANT, CLIENT, ClientCredentialFactory.createFromSecret(SECRET), 500, true).accessToken()).isNotBlank();
    }

    @Test
    void msalGetsATokenWithASecretAndCallsOnlyTheTokenEndpoint() throws Throwable {
        emu.clearRequestLog();
        IAuthenticationResult r = acquire(TENANT, CLIENT, ClientCredentialFactory.createFromSecret(SECRET));
        assertThat(r.accessToken()).isNotBlank();
        assertThat(r.expiresOnDate()).isAfter(new Date(System.currentTimeMillis() + 3000_000));
        // the access token carries tid, appid and roles
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(r.accessToken().split("\\.")[1]));
        assertThat(claims.get("tid").asText()).isEqualTo(TENANT);
        assertThat(claims.get("appid").asText()).isEqualTo(CLIENT);
        assertThat(claims.get("roles").toString()).contains("AuditLog.Read.All", "Directory.Read.All");
        assertThat(claims.has("exp") && claims.has("nbf") && claims.has("iat") && claims.has("aud") && claims.has("iss")).isTrue();
        // MSAL (instanceDiscovery=false) calls nothing but the token endpoint
        assertThat(emu.requestLog()).extracting(ServedRequest::path).containsOnly("/" + TENANT + "/oauth2/v2.0/token");
        // and the token works on Graph
        HttpResponse<String> g = get(client(emu), emu, r.accessToken(), "/v1.0/users?$top=1");
        assertThat(g.statusCode()).isEqualTo(200);
    }

    @Test
    void msalGetsATokenWithACertificateAssertion() throws Throwable {
        IAuthenticationResult r = acquire(TENANT, CERT_CLIENT, ClientCredentialFactory.createFromCertificate(certKeys.getPrivate(), cert));
        assertThat(r.accessToken()).isNotBlank();
    }

    @Test
    void assertionSignedWithAnotherKeyIsRejected() throws Throwable {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair other = g.generateKeyPair();
        assertThatThrownBy(() -> acquire(TENANT, CERT_CLIENT, ClientCredentialFactory.createFromCertificate(other.getPrivate(), cert)))
                .isInstanceOf(MsalServiceException.class).hasMessageContaining("AADSTS700027");
    }

    @Test
    void wrongSecret() {
        assertThatThrownBy(() -> acquire(TENANT, CLIENT, ClientCredentialFactory.createFromSecret("nope")))
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).startsWith("AADSTS7000215:");
                });
    }

    @Test
    void expiredSecret() {
        assertThatThrownBy(() -> acquire(TENANT, EXPIRED_CLIENT, ClientCredentialFactory.createFromSecret("old-secret")))
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).startsWith("AADSTS7000222:");
                });
    }

    @Test
    void unknownTenant() {
        assertThatThrownBy(() -> acquire("99999999-9999-4999-8999-999999999999", CLIENT, ClientCredentialFactory.createFromSecret(SECRET)))
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_tenant");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("AADSTS90002:");
                });
    }

    @Test
    void appNotInTenant() {
        assertThatThrownBy(() -> acquire(TENANT, "dddddddd-dddd-4ddd-8ddd-dddddddddddd", ClientCredentialFactory.createFromSecret(SECRET)))
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("unauthorized_client");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("AADSTS700016:");
                });
    }

    @Test
    void tokenErrorBodyHasTheEntraShapeAndTokenSuccessHasNoScope() throws Exception {
        HttpClient http = client(emu);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(emu.authorityHost() + "/" + TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT
                        + "&client_secret=wrong&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode sample = JSON.readTree(EXAMPLES.resolve("entra-token-error.sample.json").toFile());
        JsonNode body = json(bad);
        assertThat(fieldNames(body)).isEqualTo(fieldNames(sample));
        assertThat(body.get("error_description").asText()).matches("(?s)AADSTS7000215: .*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
        assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(bad.body()).doesNotContain("wrong");

        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(emu.authorityHost() + "/" + TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT
                        + "&client_secret=" + SECRET + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(fieldNames(json(ok))).containsExactlyInAnyOrder("token_type", "expires_in", "ext_expires_in", "access_token");
    }

    @Test
    void clientSecretBasicIsAcceptedAndAWrongScopeIsInvalidScope() throws Exception {
        HttpClient http = client(emu);
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(emu.authorityHost() + "/" + TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(emu.authorityHost() + "/" + TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT + "&client_secret=" + SECRET
                        + "&scope=User.Read")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).isEqualTo("invalid_scope");
    }

    static java.util.Set<String> fieldNames(JsonNode n) {
        java.util.Set<String> s = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
