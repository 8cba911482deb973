package com.entralake.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A token could not be obtained. The message is one actionable sentence for an operator; it never
 * contains a secret or a token, and the exception deliberately carries no cause, because MSAL's
 * exceptions can echo request details.
 */
public class AuthenticationFailure extends RuntimeException {

    /** Why authentication failed; decides the advice in the message. */
    public enum Reason {
        /** AADSTS7000215: the secret is not a valid secret of the app (often the Secret ID was used). */
        WRONG_SECRET,
        /** AADSTS7000222: the secret has expired. */
        EXPIRED_SECRET,
        /** AADSTS700027: Entra does not accept the certificate (not uploaded to the app, other key, expired). */
        WRONG_CERTIFICATE,
        /** AADSTS90002: the tenant id does not exist (in this cloud). */
        UNKNOWN_TENANT,
        /** AADSTS700016: the client id is not an app in this tenant. */
        APP_NOT_IN_TENANT,
        /** The secret could not be read from its source. */
        SECRET_UNAVAILABLE,
        /**
         * The login host could not be reached (DNS, connect, reset, timeout) on one attempt, or its TLS certificate
         * is not trusted (which no retry fixes: {@link #retryable()} is false then).
         */
        NETWORK,
        /**
         * The token endpoint was unavailable: timeouts, resets, HTTP 408/429/5xx, a proxy's error page, or an AADSTS
         * code Entra documents as transient. Not a credential problem: after every attempt failed the tenant fails
         * for this run (exit 1, not 3) and the next run tries again.
         */
        TOKEN_ENDPOINT_UNAVAILABLE,
        /** Anything else the token endpoint answered. */
        OTHER
    }

    private final Reason reason;
    private final String aadstsCode;
    private final String traceId;
    private final String correlationId;
    private final String transientCause;
    private final Duration retryAfter;

    /** A failure retrying does not fix (a credential answer, a missing secret, an untrusted certificate). */
    public AuthenticationFailure(Reason reason, String message, String aadstsCode, String traceId, String correlationId) {
        this(reason, message, aadstsCode, traceId, correlationId, null, null);
    }

    private AuthenticationFailure(Reason reason, String message, String aadstsCode, String traceId, String correlationId,
                                  String transientCause, Duration retryAfter) {
        super(message, null, false, true);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.aadstsCode = aadstsCode;
        this.traceId = traceId;
        this.correlationId = correlationId;
        this.transientCause = transientCause;
        this.retryAfter = retryAfter;
    }

    /**
     * One attempt failed in a way the next attempt may not: {@code cause} says how, as a phrase that can end a
     * sentence ("the connection timed out", "the token endpoint answered HTTP 503 (…)"); {@code retryAfter} is the
     * endpoint's {@code Retry-After}, or null.
     */
    public static AuthenticationFailure transientFailure(Reason reason, String message, String cause, Duration retryAfter,
                                                         String aadstsCode, String traceId, String correlationId) {
        return new AuthenticationFailure(reason, message, aadstsCode, traceId, correlationId,
                Objects.requireNonNull(cause, "cause"), retryAfter);
    }

    /** True when another attempt may succeed; the token provider retries these, nothing else does. */
    public boolean retryable() {
        return transientCause != null;
    }

    /** How a retryable attempt failed (see {@link #transientFailure}); null when not retryable. */
    public String transientCause() {
        return transientCause;
    }

    /** The token endpoint's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Reason reason() {
        return reason;
    }

    /** e.g. {@code AADSTS7000222}; null when the failure did not come from the token endpoint. */
    public String aadstsCode() {
        return aadstsCode;
    }

    public String traceId() {
        return traceId;
    }

    public String correlationId() {
        return correlationId;
    }
}
