package com.entralake.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A loaded certificate credential: the private key and the certificate chain, the app's own
 * certificate first (MSAL hashes the first certificate for the assertion's {@code x5t#S256} header).
 *
 * <p>The thumbprint and expiry are public facts about the certificate (Entra shows them beside it), so
 * other components may use them, e.g. to match the app's {@code keyCredentials[].customKeyIdentifier}
 * and warn before {@link #notAfter()}. {@link #toString()} never prints the key.
 */
public final class CertificateCredential {

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    public CertificateCredential(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate credential needs at least one certificate");
        }
    }

    /** Package-private: only the MSAL credential needs the key. */
    PrivateKey privateKey() {
        return privateKey;
    }

    /** The app's certificate first, then its issuers (if the file had them). */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The app's own certificate: the one registered on the app registration. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** When the certificate expires; Entra refuses it from then on. */
    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** SHA-1 thumbprint as upper-case hex, as the Entra admin center shows it under Certificates. */
    public String sha1Thumbprint() {
        return HexFormat.of().withUpperCase().formatHex(sha1());
    }

    /**
     * The same SHA-1 thumbprint base64-encoded, which is how Graph returns an uploaded certificate's
     * {@code keyCredentials[].customKeyIdentifier}: equal strings mean this is the registered certificate.
     */
    public String customKeyIdentifier() {
        return Base64.getEncoder().encodeToString(sha1());
    }

    private byte[] sha1() {
        try {
            return MessageDigest.getInstance("SHA-1").digest(certificate().getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the certificate thumbprint", e);
        }
    }

    @Override
    public String toString() {
        return "CertificateCredential[subject=" + certificate().getSubjectX500Principal().getName()
                + ", thumbprint=" + sha1Thumbprint() + ", notAfter=" + notAfter() + "]";
    }
}
