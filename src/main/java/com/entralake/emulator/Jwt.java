package com.entralake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Minimal JWT handling: HS256 access tokens issued by the emulator, RS256 client assertions. */
final class Jwt {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private Jwt() {
    }

    record Parsed(JsonNode header, JsonNode claims, String signingInput, byte[] signature) {
    }

    static String signHs256(ObjectNode claims, byte[] key) {
        ObjectNode header = Templates.JSON.createObjectNode().put("typ", "JWT").put("alg", "HS256");
        String input = ENC.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + ENC.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return input + "." + ENC.encodeToString(hmac(input, key));
    }

    private static byte[] hmac(String input, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null if not a well-formed JWT. */
    static Parsed parse(String token) {
        try {
            String[] p = token.split("\\.", -1);
            if (p.length != 3) {
                return null;
            }
            JsonNode h = Templates.JSON.readTree(DEC.decode(p[0]));
            JsonNode c = Templates.JSON.readTree(DEC.decode(p[1]));
            if (h == null || c == null || !h.isObject() || !c.isObject()) {
                return null;
            }
            return new Parsed(h, c, p[0] + "." + p[1], DEC.decode(p[2]));
        } catch (Exception e) {
            return null;
        }
    }

    static boolean verifyHs256(Parsed p, byte[] key) {
        return "HS256".equals(p.header().path("alg").asText()) && MessageDigest.isEqual(hmac(p.signingInput(), key), p.signature());
    }

    static boolean verifyRs256(Parsed p, PublicKey key) {
        try {
            if (!"RS256".equals(p.header().path("alg").asText())) {
                return false;
            }
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(p.signingInput().getBytes(StandardCharsets.US_ASCII));
            return s.verify(p.signature());
        } catch (Exception e) {
            return false;
        }
    }
}
