package com.entralake.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The access tokens the emulator issues and Graph accepts: v1.0 app-only JWTs with Entra's claims, signed with a key
 * made at start-up (HS256: the client never verifies them, as a client of real Graph never does).
 */
final class AccessTokens {

    private final byte[] key = new byte[32];

    AccessTokens() {
        new SecureRandom().nextBytes(key);
    }

    /** Wall-clock times, as Graph checks {@code exp} against its own clock. */
    String issue(String tenantId, String clientId, String appDisplayName, Set<String> roles, Instant issuedAt,
                 Duration lifetime) {
        ObjectNode c = Templates.JSON.createObjectNode();
        c.put("aud", "https://graph.microsoft.com");
        c.put("iss", "https://sts.windows.net/" + tenantId + "/");
        c.put("iat", issuedAt.getEpochSecond());
        c.put("nbf", issuedAt.getEpochSecond());
        c.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        c.put("app_displayname", appDisplayName);
        c.put("appid", clientId);
        c.put("appidacr", "1");
        c.put("idtyp", "app");
        c.put("oid", UUID.nameUUIDFromBytes((tenantId + clientId).getBytes(StandardCharsets.UTF_8)).toString());
        ArrayNode r = c.putArray("roles");
        roles.stream().sorted().forEach(r::add);
        c.put("sub", UUID.nameUUIDFromBytes((tenantId + clientId).getBytes(StandardCharsets.UTF_8)).toString());
        c.put("tid", tenantId);
        c.put("ver", "1.0");
        return Jwt.signHs256(c, key);
    }

    boolean verify(Jwt.Parsed token) {
        return Jwt.verifyHs256(token, key);
    }
}
