package com.entralake.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class TokenRolesTest {

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void readsTheRolesClaim() {
        assertThat(TokenRoles.of(jwt("{\"tid\":\"t\",\"roles\":[\"User.Read.All\",\"AuditLog.Read.All\"]}")))
                .containsExactly("AuditLog.Read.All", "User.Read.All");
    }

    @Test
    void aTokenWithoutRolesHasNone() {
        assertThat(TokenRoles.of(jwt("{\"tid\":\"t\"}"))).isEmpty();
    }

    @Test
    void aMalformedTokenIsRefusedWithoutQuotingIt() {
        String token = "not-a-jwt-but-secret-looking";
        assertThatThrownBy(() -> TokenRoles.of(token)).hasMessageNotContaining(token);
        assertThatThrownBy(() -> TokenRoles.of("abc.@@@.def")).hasMessageNotContaining("@@@");
    }
}
