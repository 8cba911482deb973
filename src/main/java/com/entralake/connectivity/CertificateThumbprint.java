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
        try {
            return TenantCredentials.certificate(tenant).map(CertificateSource::load)
                    .map(c -> c.sha1Thumbprint()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
