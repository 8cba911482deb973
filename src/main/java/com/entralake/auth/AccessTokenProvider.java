package com.entralake.auth;

/** Bearer tokens for Microsoft Graph. Implementations are thread-safe and never log a token. */
public interface AccessTokenProvider {

    /** A valid token, from the cache while it has enough lifetime left. */
    String accessToken();

    /** A new token from the token endpoint, bypassing the cache (after Graph answered 401). */
    String refreshAccessToken();
}
