package com.entralake.tenant;

import java.nio.file.Path;
import java.util.Optional;

import com.entralake.auth.CertificateSource;
import com.entralake.auth.EnvironmentSecret;
import com.entralake.auth.FileSecret;
import com.entralake.auth.PemCertificateSource;
import com.entralake.auth.Pkcs12CertificateSource;
import com.entralake.auth.SecretSource;
import com.entralake.config.EntraLakeProperties;

/**
 * Which credential a tenant signs in with, from its (validated) configuration: a certificate when
 * {@code client-certificate-file} or {@code client-certificate-pem-file} is set, the client secret
 * otherwise. Builds sources only; nothing is read until sign-in, so a rotated file is picked up by the
 * next run.
 *
 * <p>Other components can use {@link #certificate} to inspect the certificate a tenant uses, e.g.
 * {@code certificate(tenant).map(CertificateSource::load)} for its thumbprint and expiry.
 */
public final class TenantCredentials {

    private TenantCredentials() {
    }

    /** The tenant's certificate, if it signs in with one. */
    public static Optional<CertificateSource> certificate(EntraLakeProperties.Tenant tenant) {
        if (tenant.getClientCertificateFile() != null) {
            return Optional.of(new Pkcs12CertificateSource(tenant.getClientCertificateFile(), pkcs12Password(tenant)));
        }
        if (tenant.getClientCertificatePemFile() != null) {
            return Optional.of(new PemCertificateSource(tenant.getClientCertificatePemFile(),
                    tenant.getClientPrivateKeyPemFile()));
        }
        return Optional.empty();
    }

    /** The tenant's client secret; only meaningful when {@link #certificate} is empty. */
    public static SecretSource secret(EntraLakeProperties.Tenant tenant) {
        if (hasText(tenant.getClientSecretEnv())) {
            return new EnvironmentSecret(tenant.getClientSecretEnv());
        }
        if (tenant.getClientSecretFile() == null) {
            throw new IllegalStateException("tenant " + tenant.getName() + " has no client secret configured");
        }
        return new FileSecret(Path.of(tenant.getClientSecretFile().toString()));
    }

    /** Null when no password is configured: a PKCS#12 file without a password (as Key Vault exports it). */
    private static SecretSource pkcs12Password(EntraLakeProperties.Tenant tenant) {
        if (hasText(tenant.getClientCertificatePasswordEnv())) {
            return new EnvironmentSecret(tenant.getClientCertificatePasswordEnv());
        }
        if (tenant.getClientCertificatePasswordFile() != null) {
            return new FileSecret(tenant.getClientCertificatePasswordFile());
        }
        return null;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
