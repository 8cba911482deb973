package com.entralake.auth;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** MSAL4J for real, against a local HTTPS token endpoint with a self-signed certificate made by keytool. */
class MsalTokenProviderTest {

    static final String SECRET = "Zq8Q~local.test.secret-VALUE-that-must-not-leak";
    static final String TENANT = "8c6a4e1d-0000-4000-8000-000000000001";
    static final String CLIENT = "2b7f5d3c-0000-4000-8000-000000000002";

    @TempDir
    static Path dir;
    static SSLContext serverTls;
    static SSLContext clientTls;

    HttpsServer server;
    final List<String> forms = new CopyOnWriteArrayList<>();
    final AtomicInteger tokenCount = new AtomicInteger();
    final AtomicReference<String> errorBody = new AtomicReference<>();
    final AtomicInteger expiresIn = new AtomicInteger(3599);
    /** Answers the stub gives before its usual one, in order. */
    final java.util.Queue<Answer> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    record Answer(int status, String contentType, String body, String retryAfter) {
    }

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path keystore = dir.resolve("stub.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "stub", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("stub", keys.getCertificate("stub"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
    }

    @BeforeEach
    void startTokenEndpoint() throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/" + TENANT + "/oauth2/v2.0/token", exchange -> {
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer scripted = answers.poll();
            if (scripted != null) {
                byte[] bytes = scripted.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", scripted.contentType());
                if (scripted.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", scripted.retryAfter());
                }
                exchange.sendResponseHeaders(scripted.status(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
                return;
            }
            String error = errorBody.get();
            int status = error == null ? 200 : 401;
            String body = error != null ? error
                    : "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn.get() + ",\"ext_expires_in\":3599,"
                    + "\"access_token\":\"eyJ0eXAiOiJKV1QifQ.token-" + tokenCount.incrementAndGet() + ".sig\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    CloudEndpoints local() {
        return CloudEndpoints.of("https://127.0.0.1:" + server.getAddress().getPort(), "https://127.0.0.1:1");
    }

    MsalTokenProvider provider(CloudEndpoints cloud, javax.net.ssl.SSLSocketFactory tls) {
        SecretSource secret = new EnvironmentSecret("ENTRALAKE_TEST_SECRET",
                name -> name.equals("ENTRALAKE_TEST_SECRET") ? SECRET : null);
        return new MsalTokenProvider(TENANT, CLIENT, secret, cloud, tls,
                Duration.ofSeconds(5), Duration.ofSeconds(5), "https://graph.microsoft.com/.default");
    }

    @Test
    void cachesTheTokenAndRefreshesOnlyWhenAsked() {
        MsalTokenProvider tokens = provider(local(), clientTls.getSocketFactory());

        String first = tokens.accessToken();
        String again = tokens.accessToken();
        String refreshed = tokens.refreshAccessToken();

        assertThat(first).isEqualTo("eyJ0eXAiOiJKV1QifQ.token-1.sig").isEqualTo(again);
        assertThat(refreshed).isEqualTo("eyJ0eXAiOiJKV1QifQ.token-2.sig");
        assertThat(forms).hasSize(2);
        String form = URLDecoder.decode(forms.get(0), StandardCharsets.UTF_8);
        assertThat(form).contains("grant_type=client_credentials", "client_id=" + CLIENT,
                "scope=https://graph.microsoft.com/.default", "client_secret=" + SECRET);
        assertThat(tokens.toString()).doesNotContain(SECRET);
    }

    @Test
    void certificateCredentialSendsASignedAssertionInsteadOfASecret() {
        MsalTokenProvider tokens = MsalTokenProvider.withCertificate(TENANT, CLIENT, dir.resolve("stub.p12"),
                new EnvironmentSecret("P12_PASSWORD", name -> "changeit"), local(), clientTls.getSocketFactory(),
                Duration.ofSeconds(5), Duration.ofSeconds(5), "https://graph.microsoft.com/.default");

        assertThat(tokens.accessToken()).startsWith("eyJ");
        String form = URLDecoder.decode(forms.get(0), StandardCharsets.UTF_8);
        assertThat(form).contains("client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion=").doesNotContain("client_secret");
        assertThat(tokens.toString()).contains("certificate file").doesNotContain("changeit");
    }

    @Test
    void wrongCertificatePasswordIsACredentialProblem() {
        MsalTokenProvider tokens = MsalTokenProvider.withCertificate(TENANT, CLIENT, dir.resolve("stub.p12"),
                new EnvironmentSecret("P12_PASSWORD", name -> "wrong-password"), local(), clientTls.getSocketFactory(),
                null, null, null);

        AuthenticationFailure failure = catchThrowableOfType(tokens::accessToken, AuthenticationFailure.class);

        assertThat(failure.reason()).isEqualTo(AuthenticationFailure.Reason.SECRET_UNAVAILABLE);
        assertThat(failure.getMessage()).contains("stub.p12", "P12_PASSWORD").doesNotContain("wrong-password");
        assertThat(forms).isEmpty();
    }

    @Test
    void pemCertificateSignsAnAssertionThatNamesThatCertificate() throws Exception {
        com.entralake.testing.TestCertificate app = com.entralake.testing.TestCertificate.selfSigned("pem-app");
        Path cert = com.entralake.testing.TestCertificate.writeCertificatesPem(dir.resolve("pem-app.pem"), app.certificate());
        Path key = app.writePkcs8KeyPem(dir.resolve("pem-app-key.pem"));
        MsalTokenProvider tokens = MsalTokenProvider.withCertificate(TENANT, CLIENT, new PemCertificateSource(cert, key),
                local(), clientTls.getSocketFactory(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                "https://graph.microsoft.com/.default");

        assertThat(tokens.accessToken()).startsWith("eyJ");

        String form = URLDecoder.decode(forms.get(0), StandardCharsets.UTF_8);
        assertThat(form).contains("client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .doesNotContain("client_secret");
        String assertion = form.replaceAll("(?s).*client_assertion=([^&]+).*", "$1");
        String header = new String(java.util.Base64.getUrlDecoder().decode(assertion.split("\\.")[0]), StandardCharsets.UTF_8);
        // MSAL4J 1.26.1 writes x5t#S256 in standard (not URL-safe) base64
        String x5tS256 = java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(app.certificate().getEncoded()));
        assertThat(header).contains("\"alg\":\"RS256\"").contains(x5tS256);
        // the signature verifies with the certificate's public key: the PEM key was the one used
        java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
        rs256.initVerify(app.certificate().getPublicKey());
        String[] parts = assertion.split("\\.");
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(java.util.Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(tokens.toString()).contains("pem-app.pem", "pem-app-key.pem").doesNotContain("BEGIN");
    }

    @Test
    void certificateEntraRefusesIsReportedWithItsFileAndThumbprint() {
        errorBody.set("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS700027: The certificate with"
                + " identifier used to sign the client assertion is not registered on application. Trace ID:"
                + " 0b3f5c8e-1d2a-4e5f-9a6b-7c8d9e0f1a2b Correlation ID: 11111111-2222-3333-4444-555555555555\","
                + "\"error_codes\":[700027]}");
        com.entralake.testing.TestCertificate app = com.entralake.testing.TestCertificate.selfSigned("unregistered");
        Path p12 = app.writePkcs12(dir.resolve("unregistered.p12"), "changeit".toCharArray());
        MsalTokenProvider tokens = MsalTokenProvider.withCertificate(TENANT, CLIENT, p12,
                new EnvironmentSecret("P12_PASSWORD", name -> "changeit"), local(), clientTls.getSocketFactory(),
                null, null, null);

        AuthenticationFailure failure = catchThrowableOfType(tokens::accessToken, AuthenticationFailure.class);

        assertThat(failure.reason()).isEqualTo(AuthenticationFailure.Reason.WRONG_CERTIFICATE);
        assertThat(failure.getMessage()).contains("AADSTS700027", "unregistered.p12", "Certificates & secrets",
                new PemOrP12Thumbprint(app).value()).doesNotContain("changeit");
    }

    /** The upper-case hex SHA-1 the Entra admin center shows. */
    record PemOrP12Thumbprint(com.entralake.testing.TestCertificate app) {
        String value() {
            try {
                return java.util.HexFormat.of().withUpperCase().formatHex(
                        java.security.MessageDigest.getInstance("SHA-1").digest(app.certificate().getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void tokenWithLessThanFiveMinutesLeftIsNotReused() {
        expiresIn.set(200);
        MsalTokenProvider tokens = provider(local(), clientTls.getSocketFactory());

        assertThat(tokens.accessToken()).isNotEqualTo(tokens.accessToken());
        assertThat(forms).hasSize(2);
    }

    @Test
    void wrongSecretIsReportedWithoutTheSecretEvenWhenTheServerEchoesIt() {
        errorBody.set("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret"
                + " provided: '" + SECRET + "'. Trace ID: 0b3f5c8e-1d2a-4e5f-9a6b-7c8d9e0f1a2b Correlation ID:"
                + " 11111111-2222-3333-4444-555555555555 Timestamp: 2026-11-27 03:00:00Z\",\"error_codes\":[7000215],"
                + "\"timestamp\":\"2026-11-27 03:00:00Z\",\"trace_id\":\"0b3f5c8e-1d2a-4e5f-9a6b-7c8d9e0f1a2b\","
                + "\"correlation_id\":\"11111111-2222-3333-4444-555555555555\"}");
        MsalTokenProvider tokens = provider(local(), clientTls.getSocketFactory());

        AuthenticationFailure failure = catchThrowableOfType(tokens::accessToken, AuthenticationFailure.class);

        assertThat(failure.reason()).isEqualTo(AuthenticationFailure.Reason.WRONG_SECRET);
        assertThat(failure.getMessage()).contains("AADSTS7000215", CLIENT, TENANT,
                "environment variable ENTRALAKE_TEST_SECRET", "0b3f5c8e-1d2a-4e5f-9a6b-7c8d9e0f1a2b");
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(failure.getMessage()).doesNotContain(SECRET);
        assertThat(failure.toString()).doesNotContain(SECRET);
        assertThat(trace.toString()).doesNotContain(SECRET);
    }

    static String entraError(String error, String aadsts, String description) {
        return "{\"error\":\"" + error + "\",\"error_description\":\"AADSTS" + aadsts + ": " + description
                + "\\r\\nTrace ID: 0b3f5c8e-1d2a-4e5f-9a6b-7c8d9e0f1a2b\\r\\nCorrelation ID:"
                + " 11111111-2222-3333-4444-555555555555\\r\\nTimestamp: 2026-11-27 03:00:00Z\",\"error_codes\":[" + aadsts
                + "],\"timestamp\":\"2026-11-27 03:00:00Z\",\"trace_id\":\"0b3f5c8e-1d2a-4e5f-9a6b-7c8d9e0f1a2b\","
                + "\"correlation_id\":\"11111111-2222-3333-4444-555555555555\"}";
    }

    AuthenticationFailure failureFor(Answer answer) {
        answers.add(answer);
        return catchThrowableOfType(provider(local(), clientTls.getSocketFactory())::accessToken, AuthenticationFailure.class);
    }

    @Test
    void anUnavailableTokenEndpointIsOneRetryableAttemptPerCall() {
        // MSAL4J's DefaultRetryPolicy would resend a 5xx once after a real 1 s sleep; it is switched off, so one call
        // is one request and the RetryingTokenProvider's budget is the only one
        AuthenticationFailure busy = failureFor(new Answer(503, "application/json; charset=utf-8",
                entraError("temporarily_unavailable", "90033", "A transient error has occurred. Please try again."), null));

        assertThat(forms).hasSize(1);
        assertThat(busy.reason()).isEqualTo(AuthenticationFailure.Reason.TOKEN_ENDPOINT_UNAVAILABLE);
        assertThat(busy.retryable()).isTrue();
        assertThat(busy.retryAfter()).isEmpty();
        assertThat(busy.transientCause()).isEqualTo("the token endpoint answered HTTP 503 (temporarily_unavailable,"
                + " AADSTS90033, trace id 0b3f5c8e-1d2a-4e5f-9a6b-7c8d9e0f1a2b,"
                + " correlation id 11111111-2222-3333-4444-555555555555)");
        assertThat(busy.getMessage()).contains("This is not a credential problem").doesNotContain(SECRET);
    }

    @Test
    void throttlingCarriesItsRetryAfter() {
        AuthenticationFailure throttled = failureFor(new Answer(429, "application/json; charset=utf-8",
                entraError("temporarily_unavailable", "90055", "TenantThrottlingError"), "7"));

        assertThat(throttled.retryable()).isTrue();
        assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(throttled.transientCause()).startsWith("the token endpoint answered HTTP 429 (temporarily_unavailable");
    }

    @Test
    void aProxysHtmlPageOrAnEmptyErrorIsRetryableAndAClientErrorIsNot() {
        AuthenticationFailure page = failureFor(new Answer(502, "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", null));
        assertThat(page.retryable()).isTrue();
        assertThat(page.transientCause()).contains("not JSON");

        AuthenticationFailure empty = failureFor(new Answer(504, "text/plain", "", null));
        assertThat(empty.retryable()).isTrue();
        assertThat(empty.transientCause()).isEqualTo("the token endpoint answered HTTP 504 without an error description");

        AuthenticationFailure timeout = failureFor(new Answer(408, "application/json; charset=utf-8",
                entraError("invalid_request", "90012", "RequestTimeout"), null));
        assertThat(timeout.retryable()).isTrue();

        AuthenticationFailure wrongSecretOn500 = failureFor(new Answer(500, "application/json; charset=utf-8",
                entraError("invalid_client", "7000215", "Invalid client secret provided."), null));
        assertThat(wrongSecretOn500.reason()).as("a credential answer, whatever its status")
                .isEqualTo(AuthenticationFailure.Reason.WRONG_SECRET);
        assertThat(wrongSecretOn500.retryable()).isFalse();
        assertThat(forms).hasSize(4);
    }

    @Test
    void untrustedCertificateIsANetworkFailureThatSaysTls() {
        MsalTokenProvider tokens = provider(local(), null); // JVM trust store does not trust the stub

        AuthenticationFailure failure = catchThrowableOfType(tokens::accessToken, AuthenticationFailure.class);

        assertThat(failure.reason()).isEqualTo(AuthenticationFailure.Reason.NETWORK);
        assertThat(failure.getMessage()).contains("127.0.0.1:" + server.getAddress().getPort(), "TLS");
        assertThat(failure.retryable()).as("no retry makes the certificate trusted").isFalse();
        assertThat(forms).isEmpty();
    }

    @Test
    void nobodyListeningIsANetworkFailure() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        MsalTokenProvider tokens = provider(CloudEndpoints.of("https://127.0.0.1:" + port, "https://127.0.0.1:1"),
                clientTls.getSocketFactory());

        AuthenticationFailure failure = catchThrowableOfType(tokens::accessToken, AuthenticationFailure.class);

        assertThat(failure.reason()).isEqualTo(AuthenticationFailure.Reason.NETWORK);
        assertThat(failure.getMessage()).contains("127.0.0.1:" + port).doesNotContain("TLS");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.transientCause()).isEqualTo("the connection was refused");
    }

    @Test
    void missingSecretIsReportedBeforeAnyRequest() {
        MsalTokenProvider tokens = new MsalTokenProvider(TENANT, CLIENT, new EnvironmentSecret("ENTRALAKE_NOT_SET_ANYWHERE_42"),
                local(), clientTls.getSocketFactory(), null, null);

        AuthenticationFailure failure = catchThrowableOfType(tokens::accessToken, AuthenticationFailure.class);

        assertThat(failure.reason()).isEqualTo(AuthenticationFailure.Reason.SECRET_UNAVAILABLE);
        assertThat(failure.getMessage()).contains("environment variable ENTRALAKE_NOT_SET_ANYWHERE_42 is not set");
        assertThat(forms).isEmpty();
    }
}
