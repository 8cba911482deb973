package com.entralake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationValidatorTest {

    private static EntraLakeProperties valid() {
        EntraLakeProperties p = new EntraLakeProperties();
        EntraLakeProperties.Tenant t = new EntraLakeProperties.Tenant();
        t.setName("contoso");
        t.setTenantId("8f0b5a4e-3c1d-4c5e-9a7b-2d6f1e0c9b8a");
        t.setClientId("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
        t.setClientSecretEnv("CONTOSO_SECRET");
        p.getTenants().add(t);
        return p;
    }

    @Test
    void aCompleteConfigurationPasses() {
        ConfigurationValidator.validate(valid());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        EntraLakeProperties p = valid();
        EntraLakeProperties.Tenant t = p.getTenants().get(0);
        t.setTenantId("contoso.onmicrosoft.com");
        t.setClientSecretFile(Path.of("/run/secret"));
        t.getDataTypes().put("signins", "sometimes");
        t.getDataTypes().put("mailboxes", "yes");
        p.getCollection().setWindow(Duration.ofMinutes(7));
        assertThatThrownBy(() -> ConfigurationValidator.validate(p))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("entralake.tenants[0].tenant-id (tenant 'contoso') must be the Directory (tenant) ID")
                .hasMessageContaining("exactly one of client-secret-env")
                .hasMessageContaining("'sometimes' is not one of yes, no, managed")
                .hasMessageContaining("unknown data type 'mailboxes'")
                .hasMessageContaining("window must divide one day");
    }

    @Test
    void plainHttpEndpointsAreRefused() {
        EntraLakeProperties p = valid();
        p.getTenants().get(0).setGraphBaseUrl("http://graph.microsoft.com");
        assertThatThrownBy(() -> ConfigurationValidator.validate(p)).hasMessageContaining("must be an https:// URL");
    }

    @Test
    void noTenantIsAnErrorOutsideTheDemo() {
        EntraLakeProperties p = new EntraLakeProperties();
        assertThatThrownBy(() -> ConfigurationValidator.validate(p)).hasMessageContaining("no tenant is configured");
        p.setDemo(true);
        ConfigurationValidator.validate(p);
        assertThat(p.isDemo()).isTrue();
    }

    @TempDir
    Path dir;

    private Path file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "placeholder\n");
    }

    /** valid() with its secret replaced by nothing, to add a certificate to. */
    private static EntraLakeProperties withoutSecret() {
        EntraLakeProperties p = valid();
        p.getTenants().get(0).setClientSecretEnv(null);
        return p;
    }

    @Test
    void aPkcs12CertificateWithAPasswordSourcePasses() throws IOException {
        EntraLakeProperties p = withoutSecret();
        p.getTenants().get(0).setClientCertificateFile(file("app.p12"));
        p.getTenants().get(0).setClientCertificatePasswordEnv("CONTOSO_P12_PASSWORD");
        ConfigurationValidator.validate(p);
        // a PKCS#12 without a password (Key Vault's downloads) needs no password source
        p.getTenants().get(0).setClientCertificatePasswordEnv(null);
        ConfigurationValidator.validate(p);
    }

    @Test
    void aPemPairPasses() throws IOException {
        EntraLakeProperties p = withoutSecret();
        p.getTenants().get(0).setClientCertificatePemFile(file("app.pem"));
        p.getTenants().get(0).setClientPrivateKeyPemFile(file("app-key.pem"));
        ConfigurationValidator.validate(p);
    }

    @Test
    void noCredentialAtAllIsOneClearProblem() {
        assertThatThrownBy(() -> ConfigurationValidator.validate(withoutSecret()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("entralake.tenants[0] (tenant 'contoso'): no credential")
                .hasMessageContaining("client-secret-env or client-secret-file")
                .hasMessageContaining("client-certificate-file")
                .hasMessageContaining("client-certificate-pem-file with client-private-key-pem-file");
    }

    @Test
    void aSecretAndACertificateTogetherAreRefused() throws IOException {
        EntraLakeProperties p = valid();
        p.getTenants().get(0).setClientCertificateFile(file("both.p12"));
        assertThatThrownBy(() -> ConfigurationValidator.validate(p))
                .hasMessageContaining("more than one credential is set (a client secret (client-secret-env/-file),"
                        + " a PKCS#12 certificate (client-certificate-file)); set exactly one");
    }

    @Test
    void pkcs12AndPemTogetherAreRefused() throws IOException {
        EntraLakeProperties p = withoutSecret();
        EntraLakeProperties.Tenant t = p.getTenants().get(0);
        t.setClientCertificateFile(file("both.p12"));
        t.setClientCertificatePemFile(file("both.pem"));
        t.setClientPrivateKeyPemFile(file("both-key.pem"));
        assertThatThrownBy(() -> ConfigurationValidator.validate(p)).hasMessageContaining("more than one credential")
                .hasMessageContaining("PKCS#12").hasMessageContaining("PEM");
    }

    @Test
    void missingCertificateFilesAreLeftToSignInLikeSecretFilesSoOneTenantCannotStopTheOthers() {
        // a file is state, not configuration: its tenant fails to sign in (CertificateSourcesTest), the others run,
        // and status still answers
        EntraLakeProperties p = withoutSecret();
        EntraLakeProperties.Tenant t = p.getTenants().get(0);
        t.setClientCertificatePemFile(dir.resolve("absent.pem"));
        t.setClientPrivateKeyPemFile(dir.resolve("absent-key.pem"));
        ConfigurationValidator.validate(p);

        EntraLakeProperties q = withoutSecret();
        q.getTenants().get(0).setClientCertificateFile(dir.resolve("absent.p12"));
        q.getTenants().get(0).setClientCertificatePasswordFile(dir);
        ConfigurationValidator.validate(q);
    }

    @Test
    void halfAPemPairAndStrayOrDoublePasswordsAreRefused() throws IOException {
        EntraLakeProperties p = withoutSecret();
        EntraLakeProperties.Tenant t = p.getTenants().get(0);
        t.setClientCertificatePemFile(file("half.pem"));
        t.setClientCertificatePasswordEnv("PEM_PASSWORD");
        assertThatThrownBy(() -> ConfigurationValidator.validate(p))
                .hasMessageContaining("needs both client-certificate-pem-file (the certificate) and client-private-key-pem-file")
                .hasMessageContaining("client-certificate-password-env/-file only apply to client-certificate-file");

        EntraLakeProperties q = withoutSecret();
        q.getTenants().get(0).setClientCertificateFile(file("two-passwords.p12"));
        q.getTenants().get(0).setClientCertificatePasswordEnv("P12_PASSWORD");
        q.getTenants().get(0).setClientCertificatePasswordFile(file("p12-password"));
        assertThatThrownBy(() -> ConfigurationValidator.validate(q))
                .hasMessageContaining("set at most one of client-certificate-password-env or client-certificate-password-file");
    }

    @Test
    void aSecretIdBesideACertificateIsRefusedBecauseItWouldDescribeAnUnusedSecret() throws IOException {
        EntraLakeProperties p = withoutSecret();
        p.getTenants().get(0).setClientCertificateFile(file("with-secret-id.p12"));
        p.getTenants().get(0).setSecretId("6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        assertThatThrownBy(() -> ConfigurationValidator.validate(p))
                .hasMessageContaining("secret-id (tenant 'contoso') names a client secret, but this tenant signs in with a certificate");
    }
}
