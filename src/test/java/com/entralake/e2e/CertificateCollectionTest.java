package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.entralake.emulator.License;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;
import com.entralake.testing.TestCertificate;

/**
 * Tenants whose app has a certificate registered (and no secret) collect over the real path: MSAL4J signs
 * a client assertion that the emulator's token endpoint verifies against the registered certificate.
 */
class CertificateCollectionTest extends EmulatedCollectionTest {

    static final String P12_PASSWORD = "p12~" + java.util.UUID.randomUUID() + "~PASSWORD";

    @Test
    void collectsWithAPkcs12FileAndItsPasswordFile() throws Exception {
        TestCertificate certificate = TestCertificate.selfSigned("cert-p12");
        Path p12 = certificate.writePkcs12(dir.resolve("cert-p12.p12"), P12_PASSWORD.toCharArray());
        TestTenant tenant = fixture.tenantWithCertificate("cert-p12", License.PREMIUM, 20, 4, certificate.certificate())
                .withCredential(Map.of("client-certificate-file", p12.toString(),
                        "client-certificate-password-file", passwordFile("cert-p12-password", P12_PASSWORD).toString()));

        assertCollected(tenant);
    }

    @Test
    void collectsWithAPemCertificateAndPkcs8Key() throws Exception {
        TestCertificate certificate = TestCertificate.selfSigned("cert-pem");
        TestTenant tenant = fixture.tenantWithCertificate("cert-pem", License.PREMIUM, 20, 4, certificate.certificate())
                .withCredential(Map.of(
                        "client-certificate-pem-file",
                        TestCertificate.writeCertificatesPem(dir.resolve("cert-pem.pem"), certificate.certificate()).toString(),
                        "client-private-key-pem-file", certificate.writePkcs8KeyPem(dir.resolve("cert-pem-key.pem")).toString()));

        assertCollected(tenant);
    }

    @Test
    void anUnregisteredCertificateAndAWrongPasswordAreAuthenticationFailuresThatNameTheFiles() throws Exception {
        TestCertificate registered = TestCertificate.selfSigned("cert-registered");
        TestCertificate other = TestCertificate.selfSigned("cert-other");
        TestTenant unregistered = fixture.tenantWithCertificate("cert-unregistered", License.PREMIUM, 5, 1,
                registered.certificate()).withCredential(Map.of(
                        "client-certificate-pem-file",
                        TestCertificate.writeCertificatesPem(dir.resolve("other.pem"), other.certificate()).toString(),
                        "client-private-key-pem-file", other.writePkcs8KeyPem(dir.resolve("other-key.pem")).toString()));
        Path p12 = registered.writePkcs12(dir.resolve("registered.p12"), P12_PASSWORD.toCharArray());
        TestTenant wrongPassword = fixture.tenantWithCertificate("cert-wrong-password", License.PREMIUM, 5, 1,
                registered.certificate()).withCredential(Map.of("client-certificate-file", p12.toString(),
                        "client-certificate-password-file", passwordFile("wrong-password", "not~the~password").toString()));
        Path config = fixture.config("cert-failures.properties", List.of(unregistered, wrongPassword),
                Map.of("entralake.lake-root", dir.resolve("lake-cert-failures").toString()));

        Captured run = fixture.collectCapturing(config, NOW);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.all()).contains("AADSTS700027", "other.pem", "Certificates & secrets")
                .contains("registered.p12", "wrong-password")
                .doesNotContain("not~the~password").doesNotContain(P12_PASSWORD).doesNotContain("BEGIN");
        assertThat(dir.resolve("lake-cert-failures").resolve("signins")).doesNotExist();
    }

    private static void assertCollected(TestTenant tenant) throws Exception {
        Path lake = dir.resolve("lake-" + tenant.name());
        Path config = fixture.config(tenant.name() + ".properties", List.of(tenant),
                Map.of("entralake.lake-root", lake.toString()));

        Captured run = fixture.collectCapturing(config, NOW);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain(P12_PASSWORD);
        try (LakeQueries rows = new LakeQueries(lake)) {
            assertThat(rows.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END))
                    .isNotEmpty();
            assertThat(rows.idRows("users")).containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"));
        }
    }

    private static Path passwordFile(String name, String password) throws Exception {
        return Files.writeString(dir.resolve(name), password + "\n", StandardCharsets.UTF_8);
    }
}
