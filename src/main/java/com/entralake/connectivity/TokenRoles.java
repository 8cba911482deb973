package com.entralake.connectivity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The application permissions an app-only access token carries in its {@code roles} claim. Only the
 * payload is decoded: the token came straight from the token endpoint over TLS, and Graph validates it
 * anyway. The token itself is never logged or kept.
 */
public final class TokenRoles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenRoles() {
    }

    public static Set<String> of(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("the access token is not a JWT");
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            Set<String> roles = new TreeSet<>();
            claims.path("roles").forEach(r -> roles.add(r.asText()));
            return roles;
        } catch (java.io.IOException | IllegalArgumentException e) {
            // the message must not quote the token
            throw new IllegalArgumentException("the access token's claims cannot be read");
        }
    }
}
