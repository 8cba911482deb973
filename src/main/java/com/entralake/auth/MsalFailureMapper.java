package com.entralake.auth;

import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns what MSAL throws into an {@link AuthenticationFailure} with one actionable message. Only
 * pieces known to be harmless are copied (AADSTS code, trace and correlation ids, exception class
 * names); MSAL's own message is never copied whole, and the MSAL exception is not kept as the cause.
 *
 * <p>It also decides what is worth another attempt. What MSAL4J 1.26.1 throws (read in its source and
 * seen against the emulator, {@code TokenEndpointMsalTest}): an Entra error body gives an
 * {@link MsalServiceException} with the status, the OAuth {@code error} and the response headers
 * (Retry-After); a body that is not JSON (a proxy's HTML page) gives an {@code MsalJsonParsingException}
 * (error code {@code invalid_json}) without status or headers; an empty or unreadable error body gives
 * "Unknown service exception. Http request returned status code …"; timeouts, resets and refused
 * connections give an {@code MsalClientException} around the {@link IOException}. Credential answers are
 * never retried; 408, 429, 5xx, non-JSON answers, {@code temporarily_unavailable}, transient AADSTS codes
 * and network failures are (except an untrusted TLS certificate, which no retry fixes).
 */
final class MsalFailureMapper {

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d{5,8})");
    private static final Pattern TRACE_ID = Pattern.compile("Trace ID: ([0-9a-fA-F-]{36})");
    private static final Pattern CORRELATION_ID = Pattern.compile("Correlation ID: ([0-9a-fA-F-]{36})");
    /** MSAL4J's wording for an error answer without a readable Entra body: "… returned status code[:] 503 with …". */
    private static final Pattern UNREADABLE_STATUS = Pattern.compile("returned status code:? (\\d{3})");
    /** OAuth's "server is temporarily too busy; retry the request" (Entra's error-code reference). */
    private static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";
    /** What MSAL4J's JSON reader reports for a body that is not JSON. */
    private static final String INVALID_JSON = "invalid_json";
    /**
     * AADSTS codes Entra's error-code reference (MicrosoftDocs/entra-docs,
     * docs/identity-platform/reference-error-codes.md) calls transient or retryable, or that mean "too many
     * requests", where waiting is the cure: 50033 RetryableError, 90006 ExternalServerRetryableError,
     * 90012 RequestTimeout, 90024 RequestBudgetExceededError, 90033 MsodsServiceUnavailable,
     * 90090 GraphRetryableError, 90055 TenantThrottlingError, 50196 LoopDetected.
     */
    private static final Set<String> TRANSIENT_AADSTS = Set.of("50033", "90006", "90012", "90024", "90033", "90090",
            "90055", "50196");

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
                Optional<AuthenticationFailure> unavailable = unavailable(e, text, aadsts, code, traceId, correlationId);
                if (unavailable.isPresent()) {
                    return unavailable.get();
                }
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

    /**
     * The answer of a token endpoint that is down, overloaded or behind a failing proxy, rather than one about the
     * credentials: worth another attempt. Empty for anything else.
     */
    private Optional<AuthenticationFailure> unavailable(MsalServiceException e, String text, String aadsts, String code,
                                                        String traceId, String correlationId) {
        // "unknown" is MSAL4J's own placeholder when there was no Entra body to read the error from
        String error = "unknown".equals(e.errorCode()) ? null : safeToken(e.errorCode());
        Integer status = e.statusCode() != null ? e.statusCode() : statusFromText(text);
        String cause;
        if (INVALID_JSON.equals(e.errorCode())) {
            // MSAL4J drops the status of an answer it cannot parse; a token endpoint never answers so by itself
            cause = "the token endpoint answered with a page that is not JSON (an error page of a proxy or gateway?)";
        } else if (isTransientStatus(status) || TEMPORARILY_UNAVAILABLE.equals(e.errorCode())
                || (aadsts != null && TRANSIENT_AADSTS.contains(aadsts))) {
            String details = String.join(", ", Stream.of(error, idList(code, traceId, correlationId))
                    .filter(part -> part != null && !part.isEmpty()).toList());
            cause = "the token endpoint answered " + (status == null ? "an error" : "HTTP " + status)
                    + (details.isEmpty() ? " without an error description" : " (" + details + ")");
        } else {
            return Optional.empty();
        }
        String message = "The token endpoint " + authorityHost + " was unavailable for tenant " + tenantId + ": " + cause
                + ". This is not a credential problem.";
        return Optional.of(AuthenticationFailure.transientFailure(AuthenticationFailure.Reason.TOKEN_ENDPOINT_UNAVAILABLE,
                message, cause, retryAfter(e.headers()).orElse(null), code, traceId, correlationId));
    }

    private static boolean isTransientStatus(Integer status) {
        return status != null && (status == 408 || status == 429 || (status >= 500 && status <= 599));
    }

    private static Integer statusFromText(String text) {
        String status = firstGroup(UNREADABLE_STATUS, text);
        return status == null ? null : Integer.valueOf(status);
    }

    /**
     * Retry-After in (possibly fractional) seconds, as the Graph client reads it. MSAL4J hands over the headers as
     * HttpURLConnection read them: names in any case, and a null name for the status line.
     */
    static Optional<Duration> retryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase("Retry-After")
                    && header.getValue() != null && !header.getValue().isEmpty()) {
                try {
                    java.math.BigDecimal seconds = new java.math.BigDecimal(header.getValue().get(0).trim());
                    return seconds.signum() < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(
                            seconds.movePointRight(9).setScale(0, java.math.RoundingMode.CEILING).longValueExact()));
                } catch (NumberFormatException | ArithmeticException e) {
                    return Optional.empty(); // an HTTP-date would need the server's clock; backoff instead
                }
            }
        }
        return Optional.empty();
    }

    private AuthenticationFailure networkFailure(Throwable cause) {
        if (untrustedCertificate(cause)) {
            return new AuthenticationFailure(AuthenticationFailure.Reason.NETWORK,
                    "Could not reach the token endpoint at " + authorityHost + " for tenant " + tenantId
                            + ": the TLS handshake failed (" + cause.getClass().getSimpleName()
                            + "): check that the JVM or the configured trust store trusts the host's certificate"
                            + " and that it is valid for the host name. This is not a credential problem (TLS).",
                    null, null, null);
        }
        String what;
        String advice;
        if (cause instanceof UnknownHostException) {
            what = "the host name does not resolve";
            advice = "check DNS and the configured cloud";
        } else if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                || cause instanceof InterruptedIOException) {
            what = "the connection timed out";
            advice = "check network access, proxy and firewall rules to the host";
        } else if (cause instanceof ConnectException) {
            what = "the connection was refused";
            advice = "check the host, port, proxy and firewall rules";
        } else if (closedWithoutAnswer(cause)) {
            what = "the connection was closed without an answer";
            advice = "check proxies and load balancers on the way to the host";
        } else {
            what = "the connection failed (" + cause.getClass().getSimpleName() + ")";
            advice = "check network access to the host";
        }
        return AuthenticationFailure.transientFailure(AuthenticationFailure.Reason.NETWORK,
                "Could not reach the token endpoint at " + authorityHost + " for tenant " + tenantId + ": " + what
                        + ": " + advice + ". This is not a credential problem.",
                what, null, null, null, null);
    }

    /** A certificate the client does not trust (PKIX, host name): deterministic, unlike a handshake cut short. */
    private static boolean untrustedCertificate(Throwable cause) {
        if (!(cause instanceof SSLException)) {
            return false;
        }
        if (cause instanceof SSLPeerUnverifiedException) {
            return true;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof GeneralSecurityException || text.contains("pkix") || text.contains("certificate")
                    || text.contains("subject alternative")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean closedWithoutAnswer(Throwable cause) {
        String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        return text.contains("reset") || text.contains("end of file") || text.contains("closed")
                || text.contains("terminated");
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
        String ids = idList(code, traceId, correlationId);
        return ids.isEmpty() ? "" : " (" + ids + ")";
    }

    private static String idList(String code, String traceId, String correlationId) {
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
        return ids.toString();
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
