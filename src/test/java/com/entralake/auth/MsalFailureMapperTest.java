package com.entralake.auth;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
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

    static void assertNoLeak(AuthenticationFailure failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain("eyJ");
        assertThat(failure.toString()).doesNotContain(SECRET);
        assertThat(trace.toString()).doesNotContain(SECRET).doesNotContain("eyJ");
        assertThat(failure.getCause()).isNull();
    }
}
