package com.entralake.emulator;

import java.time.Instant;

/**
 * A client secret of an app registration (Graph {@code passwordCredential}): "Secret ID" keyId, the secret value, its
 * expiry, and what Graph shows of it besides (displayName, startDateTime; the hint is derived from the value).
 * displayName and startDateTime may be null (the emulator then serves a null name and a derived start).
 */
public record ClientSecret(String keyId, String value, Instant endDateTime, String displayName, Instant startDateTime) {

    /** A secret with only the fields the token endpoint needs. */
    public ClientSecret(String keyId, String value, Instant endDateTime) {
        this(keyId, value, endDateTime, null, null);
    }

    /** Graph's {@code hint}: "the first three characters of the password". */
    public String hint() {
        return value == null ? null : value.substring(0, Math.min(3, value.length()));
    }

    @Override
    public String toString() {
        return "ClientSecret[keyId=" + keyId + ", displayName=" + displayName + ", startDateTime=" + startDateTime
                + ", endDateTime=" + endDateTime + "]"; // never print the value
    }
}
