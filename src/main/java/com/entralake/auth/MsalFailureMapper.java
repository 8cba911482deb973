package com.entralake.auth;

import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what MSAL throws into an {@link AuthenticationFailure} with one actionable message. Only
 * pieces known to be harmless are copied (AADSTS code, trace and correlation ids, exception class
 * names); MSAL's own message is never copied whole, and the MSAL exception is not kept as the cause.
 */
final class MsalFailureMapper {

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d{5,8})");
    private static final Pattern TRACE_ID = Pattern.compile("Trace ID: ([0-9a-fA-F-]{36})");
    private static final Pattern CORRELATION_ID = Pattern.compile("Correlation ID: ([0-9a-fA-F-]{36})");

    private final String tenantId;
    private final String clientId;
    private final String secretDescription;
    private final String authorityHost;

    MsalFailureMapper(String tenantId, String clientId, String secretDescription, String authorityHost) {
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.secretDescription = secretDescription;
        this.authorityHost = authorityHost;
    }

    AuthenticationFailure map(Throwable thrown) {
        Throwable network = networkCause(thrown);
        if (network != null) {
            return networkFailure(network);
        }
        MsalServiceException service = find(thrown, MsalServiceException.class);
        if (service != null) {
            return serviceFailure(service);
        }
        MsalException msal = find(thrown, MsalException.class);
        String code = msal == null ? null : safeToken(msal.errorCode());
        return new AuthenticationFailure(AuthenticationFailure.Reason.OTHER,
                "Could not obtain a token for app " + clientId + " in tenant " + tenantId + " from " + authorityHost
                        + " (" + (code != null ? "MSAL error " + code : thrown.getClass().getSimpleName())
                        + "). Check the tenant id, client id and " + secretDescription + ".",
                null, null, null);
    }

    private AuthenticationFailure serviceFailure(MsalServiceException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        String aadsts = firstGroup(AADSTS, text);
        String code = aadsts == null ? null : "AADSTS" + aadsts;
        String traceId = firstGroup(TRACE_ID, text);
        String correlationId = e.correlationId() != null && e.correlationId().matches("[0-9a-fA-F-]{36}")
                ? e.correlationId() : firstGroup(CORRELATION_ID, text);
        String ids = ids(code, traceId, correlationId);
        String app = "app " + clientId + " in tenant " + tenantId;
        AuthenticationFailure.Reason reason;
        String message;
        switch (aadsts == null ? "" : aadsts) {
            case "7000215" -> {
                reason = AuthenticationFailure.Reason.WRONG_SECRET;
                message = "The client secret for " + app + " is not valid" + ids + ". Use the secret's Value"
                        + " (not its Secret ID) from Entra admin center > App registrations > " + clientId
                        + " > Certificates & secrets, and update " + secretDescription + ".";
            }
            case "7000222" -> {
                reason = AuthenticationFailure.Reason.EXPIRED_SECRET;
                message = "The client secret for " + app + " has expired" + ids + ". Create a new secret in"
                        + " Entra admin center > App registrations > " + clientId + " > Certificates & secrets"
                        + " and update " + secretDescription + ".";
            }
            case "700027" -> {
                reason = AuthenticationFailure.Reason.WRONG_CERTIFICATE;
                message = "Entra did not accept the certificate for " + app + ids + ". Upload its public"
                        + " certificate (.cer or .pem, never the key) in Entra admin center > App registrations > "
                        + clientId + " > Certificates & secrets > Certificates, check that the thumbprint shown there"
                        + " matches and has not expired, and that the key belongs to the certificate in "
                        + secretDescription + ".";
            }
            case "700024" -> {
                reason = AuthenticationFailure.Reason.OTHER;
                message = "Entra refused the client assertion for " + app + " as outside its valid time range" + ids
                        + ". Check this machine's clock (NTP); the assertion is signed with "
                        + secretDescription + ".";
            }
            case "90002" -> {
                reason = AuthenticationFailure.Reason.UNKNOWN_TENANT;
                message = "Tenant " + tenantId + " was not found at " + authorityHost + ids + ". Check the"
                        + " Directory (tenant) ID on the app's Overview page, and that the cloud"
                        + " (global, US Gov, China) matches the tenant.";
            }
            case "700016" -> {
                reason = AuthenticationFailure.Reason.APP_NOT_IN_TENANT;
                message = "Application " + clientId + " was not found in tenant " + tenantId + ids + ". Check the"
                        + " Application (client) ID, and that the app is registered in (or consented to by)"
                        + " this tenant.";
            }
            default -> {
                reason = AuthenticationFailure.Reason.OTHER;
                String error = safeToken(e.errorCode());
                message = "The token endpoint " + authorityHost + " refused " + app
                        + (e.statusCode() != null ? " with HTTP " + e.statusCode() : "")
                        + (error != null ? " (" + error + ")" : "") + ids
                        + ". Look the AADSTS code up in Microsoft's error code reference and check the"
                        + " tenant id, client id and " + secretDescription + ".";
            }
        }
        return new AuthenticationFailure(reason, message, code, traceId, correlationId);
    }

    private AuthenticationFailure networkFailure(Throwable cause) {
        boolean tls = cause instanceof SSLException;
        String what;
        if (tls) {
            what = "the TLS handshake failed (" + cause.getClass().getSimpleName()
                    + "): check that the JVM or the configured trust store trusts the host's certificate"
                    + " and that it is valid for the host name";
        } else if (cause instanceof UnknownHostException) {
            what = "the host name does not resolve: check DNS and the configured cloud";
        } else if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                || cause instanceof InterruptedIOException) {
            what = "the connection timed out: check network access, proxy and firewall rules to the host";
        } else if (cause instanceof ConnectException) {
            what = "the connection was refused: check the host, port, proxy and firewall rules";
        } else {
            what = "the connection failed (" + cause.getClass().getSimpleName() + ")";
        }
        return new AuthenticationFailure(AuthenticationFailure.Reason.NETWORK,
                "Could not reach the token endpoint at " + authorityHost + " for tenant " + tenantId + ": "
                        + what + ". This is not a credential problem" + (tls ? " (TLS)." : "."),
                null, null, null);
    }

    private static Throwable networkCause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String ids(String code, String traceId, String correlationId) {
        StringBuilder ids = new StringBuilder();
        if (code != null) {
            ids.append(code);
        }
        if (traceId != null) {
            ids.append(ids.isEmpty() ? "" : ", ").append("trace id ").append(traceId);
        }
        if (correlationId != null) {
            ids.append(ids.isEmpty() ? "" : ", ").append("correlation id ").append(correlationId);
        }
        return ids.isEmpty() ? "" : " (" + ids + ")";
    }

    /** OAuth error codes are short snake_case words; anything else might be echoed input and is dropped. */
    private static String safeToken(String value) {
        return value != null && value.matches("[a-z_]{1,40}") ? value : null;
    }

    private static String firstGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
