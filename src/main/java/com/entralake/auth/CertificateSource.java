package com.entralake.auth;

/**
 * Where a certificate credential comes from (a PKCS#12 file, or a PEM certificate chain and key). Like
 * {@link SecretSource}, it is read on demand so a rotated certificate is picked up by the next run, and
 * {@link #describe()} names files and password sources only, never their contents.
 */
public interface CertificateSource {

    /**
     * Reads the key and certificates now.
     *
     * @throws SecretUnavailableException with a message that names the file and says what to do
     */
    CertificateCredential load();

    /** e.g. "certificate file /etc/x.p12 (password from environment variable X)"; never a value. */
    String describe();
}
