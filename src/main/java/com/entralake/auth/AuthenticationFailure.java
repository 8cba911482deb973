package com.entralake.auth;

import java.util.Objects;

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
        /** The login host could not be reached (DNS, connect, TLS, timeout). */
        NETWORK,
        /** Anything else the token endpoint answered. */
        OTHER
    }

    private final Reason reason;
    private final String aadstsCode;
    private final String traceId;
    private final String correlationId;

    public AuthenticationFailure(Reason reason, String message, String aadstsCode, String traceId, String correlationId) {
        super(message, null, false, true);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.aadstsCode = aadstsCode;
        this.traceId = traceId;
        this.correlationId = correlationId;
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
