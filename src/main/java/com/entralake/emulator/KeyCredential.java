package com.entralake.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A certificate credential of an app registration (Graph {@code keyCredential}, always type {@code AsymmetricX509Cert},
 * usage {@code Verify}). Its dates are its own: Entra takes them from the certificate when it is uploaded, and tests
 * set them freely (an expiring certificate) with {@link #withEndDateTime(Instant)}.
 */
public record KeyCredential(String keyId, String displayName, Instant startDateTime, Instant endDateTime, X509Certificate certificate) {

    public KeyCredential {
        if (keyId == null || certificate == null) {
            throw new IllegalArgumentException("a key credential needs a keyId and a certificate");
        }
    }

    /** As Entra registers an uploaded certificate: display name = subject, dates = validity, a stable keyId. */
    public static KeyCredential of(X509Certificate certificate) {
        String keyId = UUID.nameUUIDFromBytes(("keyCredential:" + thumbprint(certificate)).getBytes(StandardCharsets.UTF_8)).toString();
        return new KeyCredential(keyId, certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), certificate);
    }

    public KeyCredential withEndDateTime(Instant end) {
        return new KeyCredential(keyId, displayName, startDateTime, end, certificate);
    }

    /**
     * {@code customKeyIdentifier}: Microsoft documents it as a 40-character value that "defaults to the thumbprint of the
     * certificate" (keyCredential resource); its examples write the SHA-1 thumbprint in upper-case hex.
     */
    public String customKeyIdentifier() {
        return thumbprint(certificate);
    }

    /** The {@code key} property: the certificate's DER bytes in Base64. */
    public String base64Key() {
        try {
            return java.util.Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    static String thumbprint(X509Certificate c) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the certificate thumbprint", e);
        }
    }
}
