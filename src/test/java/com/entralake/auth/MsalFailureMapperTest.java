package com.entralake.auth;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

class MsalFailureMapperTest {

    static final String SECRET = "Zq8Q~not.a.real.secret.but-it-must-never-leak";
    static final String TRACE = "0b3f5c8e-1d2a-4e5f-9a6b-7c8d9e0f1a2b";
    static final String CORRELATION = "11111111-2222-3333-4444-555555555555";

    final MsalFailureMapper mapper = new MsalFailureMapper("tenant-guid", "client-guid",
            "secret file /run/secrets/entralake", "https://login.microsoftonline.com");

    static MsalServiceException service(String code, String error) {
        // descriptions can echo what was sent; this one echoes the secret on purpose
        return new MsalServiceException("AADSTS" + code + ": Something about '" + SECRET + "' and a token eyJhbGciOi."
                + " Trace ID: " + TRACE + " Correlation ID: " + CORRELATION + " Timestamp: 2026-11-27 03:00:00Z", error);
    }

    @Test
    void expiredSecretGivesTheActionableMessage() {
        AuthenticationFailure failure = mapper.map(new ExecutionException(service("7000222", "invalid_client")));

        assertThat(failure.reason()).isEqualTo(AuthenticationFailure.Reason.EXPIRED_SECRET);
        assertThat(failure.getMessage()).isEqualTo("The client secret for app client-guid in tenant tenant-guid has expired"
                + " (AADSTS7000222, trace id " + TRACE + ", correlation id " + CORRELATION + "). Create a new secret in"
                + " Entra admin center > App registrations > client-guid > Certificates & secrets and update"
                + " secret file /run/secrets/entralake.");
        assertThat(failure.aadstsCode()).isEqualTo("AADSTS7000222");
        assertThat(failure.traceId()).isEqualTo(TRACE);
        assertNoLeak(failure);
    }

    @Test
    void eachKnownCodeHasItsReason() {
        assertThat(mapper.map(service("7000215", "invalid_client")).reason()).isEqualTo(AuthenticationFailure.Reason.WRONG_SECRET);
        assertThat(mapper.map(service("90002", "invalid_tenant")).reason()).isEqualTo(AuthenticationFailure.Reason.UNKNOWN_TENANT);
        assertThat(mapper.map(service("700016", "unauthorized_client")).reason()).isEqualTo(AuthenticationFailure.Reason.APP_NOT_IN_TENANT);
        AuthenticationFailure other = mapper.map(service("50034", "invalid_request"));
        assertThat(other.reason()).isEqualTo(AuthenticationFailure.Reason.OTHER);
        assertThat(other.getMessage()).contains("AADSTS50034", "invalid_request");
        for (String code : new String[] {"7000215", "90002", "700016", "50034"}) {
            assertNoLeak(mapper.map(service(code, "invalid_client")));
        }
    }

    @Test
    void networkFailuresNameTheHostAndWhetherItWasTls() {
        AuthenticationFailure tls = mapper.map(new ExecutionException(new MsalClientException(
                new SSLHandshakeException("PKIX path building failed " + SECRET))));
        assertThat(tls.reason()).isEqualTo(AuthenticationFailure.Reason.NETWORK);
        assertThat(tls.getMessage()).contains("https://login.microsoftonline.com", "TLS");
        assertNoLeak(tls);

        AuthenticationFailure refused = mapper.map(new MsalClientException(new ConnectException("Connection refused")));
        assertThat(refused.reason()).isEqualTo(AuthenticationFailure.Reason.NETWORK);
        assertThat(refused.getMessage()).contains("refused").doesNotContain("TLS");
    }

    // statuses, headers and non-JSON bodies come from real MSAL4J against a stub endpoint: MsalTokenProviderTest

    @Test
    void temporarilyUnavailableAndDocumentedTransientCodesAreRetryableAndSayItIsNotTheCredentials() {
        AuthenticationFailure busy = mapper.map(new ExecutionException(service("90033", "temporarily_unavailable")));
        // a documented transient code is enough, whatever error it comes with
        AuthenticationFailure budget = mapper.map(service("90024", "invalid_request"));
        AuthenticationFailure loop = mapper.map(service("50196", "invalid_request"));

        for (AuthenticationFailure f : List.of(busy, budget, loop)) {
            assertThat(f.reason()).isEqualTo(AuthenticationFailure.Reason.TOKEN_ENDPOINT_UNAVAILABLE);
            assertThat(f.retryable()).isTrue();
            assertThat(f.getMessage()).contains("https://login.microsoftonline.com", "tenant-guid",
                    "This is not a credential problem").doesNotContain("secret file");
            assertNoLeak(f);
        }
        assertThat(busy.transientCause()).isEqualTo("the token endpoint answered an error (temporarily_unavailable,"
                + " AADSTS90033, trace id " + TRACE + ", correlation id " + CORRELATION + ")");
        assertThat(busy.aadstsCode()).isEqualTo("AADSTS90033");
        assertThat(busy.traceId()).isEqualTo(TRACE);
    }

    @Test
    void aCredentialAnswerIsNeverRetryable() {
        for (String code : new String[] {"7000215", "7000222", "700027", "90002", "700016", "7000218", "700024", "50034"}) {
            AuthenticationFailure failure = mapper.map(service(code, "invalid_client"));
            assertThat(failure.retryable()).as("AADSTS" + code).isFalse();
            assertThat(failure.reason()).as("AADSTS" + code).isNotEqualTo(AuthenticationFailure.Reason.TOKEN_ENDPOINT_UNAVAILABLE);
        }
    }

    @Test
    void anErrorAnswerWithoutABodyIsRetryableWhenItsStatusIs() {
        // MSAL4J's own wording when there is no Entra body to read
        AuthenticationFailure empty = mapper.map(new MsalServiceException(
                "Unknown service exception. Http request returned status code 502 with no response body", "unknown"));
        assertThat(empty.retryable()).isTrue();
        assertThat(empty.transientCause()).isEqualTo("the token endpoint answered HTTP 502 without an error description");

        AuthenticationFailure notFound = mapper.map(new MsalServiceException(
                "Unknown service exception. Http request returned status code: 404 with http body: nothing here", "unknown"));
        assertThat(notFound.retryable()).isFalse();
    }

    @Test
    void retryAfterIsReadInAnyCaseAndSurvivesTheStatusLinesNullName() {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        headers.put(null, List.of("HTTP/1.1 429 Too Many Requests")); // how HttpURLConnection lists the status line
        headers.put("Retry-after", List.of("7"));
        assertThat(MsalFailureMapper.retryAfter(headers)).contains(Duration.ofSeconds(7));
        assertThat(MsalFailureMapper.retryAfter(Map.of("retry-after", List.of("2.128")))).contains(Duration.ofMillis(2128));
        assertThat(MsalFailureMapper.retryAfter(Map.of("Retry-After", List.of("Wed, 21 Oct 2026 07:28:00 GMT")))).isEmpty();
        assertThat(MsalFailureMapper.retryAfter(null)).isEmpty();
    }

    @Test
    void networkFailuresAreRetryableExceptAnUntrustedCertificate() {
        assertThat(mapper.map(new MsalClientException(new java.net.SocketTimeoutException("Read timed out"))).transientCause())
                .isEqualTo("the connection timed out");
        assertThat(mapper.map(new MsalClientException(new java.net.SocketException("Unexpected end of file from server")))
                .transientCause()).isEqualTo("the connection was closed without an answer");
        assertThat(mapper.map(new MsalClientException(new ConnectException("Connection refused"))).retryable()).isTrue();
        assertThat(mapper.map(new MsalClientException(new java.net.UnknownHostException("login.example"))).retryable())
                .isTrue();
        assertThat(mapper.map(new MsalClientException(new javax.net.ssl.SSLException("Connection reset"))).retryable())
                .as("a handshake cut short is the network, not the certificate").isTrue();

        AuthenticationFailure untrusted = mapper.map(new MsalClientException(new SSLHandshakeException(
                "PKIX path building failed")));
        assertThat(untrusted.reason()).isEqualTo(AuthenticationFailure.Reason.NETWORK);
        assertThat(untrusted.retryable()).as("no retry makes a certificate trusted").isFalse();
    }

    static void assertNoLeak(AuthenticationFailure failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain("eyJ");
        assertThat(failure.toString()).doesNotContain(SECRET);
        assertThat(trace.toString()).doesNotContain(SECRET).doesNotContain("eyJ");
        assertThat(failure.getCause()).isNull();
    }
}
