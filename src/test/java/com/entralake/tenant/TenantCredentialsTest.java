package com.entralake.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.entralake.auth.PemCertificateSource;
import com.entralake.auth.Pkcs12CertificateSource;
import com.entralake.config.EntraLakeProperties;

/** The credential a tenant signs in with follows from which properties are set, and is described by place only. */
class TenantCredentialsTest {

    private static EntraLakeProperties.Tenant tenant() {
        EntraLakeProperties.Tenant t = new EntraLakeProperties.Tenant();
        t.setName("contoso");
        return t;
    }

    @Test
    void aClientSecretTenantHasNoCertificate() {
        EntraLakeProperties.Tenant t = tenant();
        t.setClientSecretEnv("CONTOSO_SECRET");
        assertThat(TenantCredentials.certificate(t)).isEmpty();
        assertThat(TenantCredentials.secret(t).describe()).isEqualTo("environment variable CONTOSO_SECRET");
        t.setClientSecretEnv(null);
        t.setClientSecretFile(Path.of("/run/secrets/contoso"));
        assertThat(TenantCredentials.secret(t).describe()).isEqualTo("secret file /run/secrets/contoso");
    }

    @Test
    void pkcs12IsDescribedByFileAndPasswordSource() {
        EntraLakeProperties.Tenant t = tenant();
        t.setClientCertificateFile(Path.of("/run/secrets/contoso.p12"));
        t.setClientCertificatePasswordFile(Path.of("/run/secrets/contoso-p12-password"));
        assertThat(TenantCredentials.certificate(t)).get().isInstanceOf(Pkcs12CertificateSource.class)
                .extracting(c -> c.describe()).isEqualTo("certificate file /run/secrets/contoso.p12"
                        + " (password from secret file /run/secrets/contoso-p12-password)");
        t.setClientCertificatePasswordFile(null);
        t.setClientCertificatePasswordEnv("CONTOSO_P12_PASSWORD");
        assertThat(TenantCredentials.certificate(t).orElseThrow().describe())
                .endsWith("(password from environment variable CONTOSO_P12_PASSWORD)");
        t.setClientCertificatePasswordEnv(null);
        assertThat(TenantCredentials.certificate(t).orElseThrow().describe()).endsWith("(no password)");
    }

    @Test
    void pemPairIsDescribedByItsTwoFiles() {
        EntraLakeProperties.Tenant t = tenant();
        t.setClientCertificatePemFile(Path.of("/etc/entra-lake/app.pem"));
        t.setClientPrivateKeyPemFile(Path.of("/etc/entra-lake/app-key.pem"));
        assertThat(TenantCredentials.certificate(t)).get().isInstanceOf(PemCertificateSource.class)
                .extracting(c -> c.describe())
                .isEqualTo("certificate file /etc/entra-lake/app.pem with private key file /etc/entra-lake/app-key.pem");
    }
}
