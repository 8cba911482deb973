package com.entralake.emulator;

import java.time.Instant;

/** A client secret of an app registration ("Secret ID" keyId, the secret value, its expiry). */
public record ClientSecret(String keyId, String value, Instant endDateTime) {
    @Override
    public String toString() {
        return "ClientSecret[keyId=" + keyId + ", endDateTime=" + endDateTime + "]"; // never print the value
    }
}
