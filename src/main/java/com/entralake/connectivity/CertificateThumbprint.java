package com.entralake.connectivity;

import com.entralake.auth.CertificateSource;
import com.entralake.config.EntraLakeProperties;
import com.entralake.tenant.TenantCredentials;

/** The SHA-1 thumbprint of a tenant's configured certificate, to find it among the app's keyCredentials. */
final class CertificateThumbprint {

    private CertificateThumbprint() {
    }

    /** Null when the tenant signs in with a secret, or the certificate cannot be read (sign-in says why). */
    static String of(EntraLakeProperties.Tenant tenant) {
        return local(tenant).map(AppCredential::customKeyIdentifier).orElse(null);
    }

    /** The configured certificate as a credential (thumbprint in hex, expiry from the file); empty for a secret. */
    static java.util.Optional<AppCredential> local(EntraLakeProperties.Tenant tenant) {
        try {
            return TenantCredentials.certificate(tenant).map(CertificateSource::load)
                    .map(c -> new AppCredential(AppCredential.Kind.CERTIFICATE, "configured certificate",
                            c.certificate().getSubjectX500Principal().getName(), c.notAfter(), c.sha1Thumbprint()));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
