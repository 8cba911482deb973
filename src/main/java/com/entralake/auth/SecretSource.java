package com.entralake.auth;

/**
 * Where a client secret (or certificate password) comes from. Implementations never keep the value
 * in a field that {@code toString} could print, and {@link #describe()} names the place, not the value,
 * so it can appear in any message telling an operator what to update.
 */
public interface SecretSource {

    /**
     * Reads the secret now (so a rotated Kubernetes secret is picked up by the next run).
     * The caller should overwrite the array once it is done with it.
     *
     * @throws SecretUnavailableException with a message that says what is missing and where
     */
    char[] read();

    /** Where the secret lives, e.g. "environment variable ENTRALAKE_X_SECRET"; never the value. */
    String describe();
}
