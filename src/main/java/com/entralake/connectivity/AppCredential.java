package com.entralake.connectivity;

import java.time.Instant;

/**
 * A client secret or certificate on the app registration: its key id (a secret's "Secret ID"), name
 * and expiry. {@code customKeyIdentifier} is a certificate's thumbprint. Never holds a secret value.
 */
public record AppCredential(Kind kind, String keyId, String displayName, Instant endDateTime, String customKeyIdentifier) {

    public enum Kind { SECRET, CERTIFICATE }

    public String describe() {
        String name = displayName == null || displayName.isBlank() ? "" : " '" + displayName + "'";
        return (kind == Kind.SECRET ? "secret " : "certificate ") + keyId + name;
    }
}
