package com.entralake.connectivity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.entralake.auth.CertificateSource;
import com.entralake.config.EntraLakeProperties;
import com.entralake.tenant.TenantCredentials;

/**
 * Reviews the credential a tenant is configured with: against the app registration when it could be read,
 * else — for a certificate — from the certificate file itself. The file is read once per review.
 */
final class ConfiguredCredential {

    private ConfiguredCredential() {
    }

    static Optional<CredentialReview> review(Optional<AppRegistrationDetails> registration,
            EntraLakeProperties.Tenant tenant, Instant now, Duration warnWithin) {
        Optional<AppCredential> certificate = localCertificate(tenant);
        String thumbprint = certificate.map(AppCredential::customKeyIdentifier).orElse(null);
        return registration.map(r -> CredentialReview.of(r.credentials(), tenant.getSecretId(), thumbprint, now, warnWithin))
                .or(() -> certificate.map(c -> CredentialReview.ofLocalCertificate(c, now, warnWithin)));
    }

    /**
     * The configured certificate as a credential (SHA-1 thumbprint in hex, expiry from the file); empty for a
     * secret, or when the file cannot be read (sign-in says why).
     */
    private static Optional<AppCredential> localCertificate(EntraLakeProperties.Tenant tenant) {
        try {
            return TenantCredentials.certificate(tenant).map(CertificateSource::load)
                    .map(c -> new AppCredential(AppCredential.Kind.CERTIFICATE, "configured certificate",
                            c.certificate().getSubjectX500Principal().getName(), c.notAfter(), c.sha1Thumbprint()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
