package com.entralake.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.testing.TestCertificate;

/** Loading a certificate credential from PKCS#12 and from PEM files, and the message for each way it goes wrong. */
class CertificateSourcesTest {

    static final String PASSWORD = "p12-pa55word-that-must-not-leak";

    @TempDir
    static Path dir;
    static TestCertificate app;

    @BeforeAll
    static void makeCertificate() {
        app = TestCertificate.selfSigned("entra-lake-app");
    }

    static SecretSource password(String value) {
        return new EnvironmentSecret("APP_P12_PASSWORD", name -> value);
    }

    @Test
    void pkcs12LoadsTheKeyAndCertificateAndExposesThumbprintAndExpiry() throws Exception {
        Path p12 = app.writePkcs12(dir.resolve("app.p12"), PASSWORD.toCharArray());

        CertificateCredential loaded = new Pkcs12CertificateSource(p12, password(PASSWORD)).load();

        assertThat(loaded.certificate()).isEqualTo(app.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(app.keys().getPrivate().getEncoded());
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(app.certificate().getEncoded());
        assertThat(loaded.sha1Thumbprint()).isEqualTo(HexFormat.of().withUpperCase().formatHex(sha1)).hasSize(40);
        assertThat(loaded.customKeyIdentifier()).isEqualTo(Base64.getEncoder().encodeToString(sha1));
        assertThat(loaded.notAfter()).isEqualTo(app.certificate().getNotAfter().toInstant());
        assertThat(loaded.toString()).contains(loaded.sha1Thumbprint()).doesNotContain("PrivateKey");
    }

    @Test
    void pkcs12WithAWrongPasswordNamesTheFileAndThePasswordSourceNotThePassword() {
        Path p12 = app.writePkcs12(dir.resolve("wrong.p12"), PASSWORD.toCharArray());
        Pkcs12CertificateSource source = new Pkcs12CertificateSource(p12, password("not-the-pa55word"));

        assertThatThrownBy(source::load).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("wrong.p12").hasMessageContaining("APP_P12_PASSWORD")
                .hasMessageNotContaining("not-the-pa55word").hasMessageNotContaining(PASSWORD);
        assertThat(source.describe()).contains("wrong.p12", "environment variable APP_P12_PASSWORD")
                .doesNotContain(PASSWORD);
    }

    @Test
    void pkcs12WithoutAConfiguredPasswordSaysWhichSettingIsMissing() {
        Path p12 = app.writePkcs12(dir.resolve("protected.p12"), PASSWORD.toCharArray());

        assertThatThrownBy(() -> new Pkcs12CertificateSource(p12, null).load())
                .hasMessageContaining("no password is configured").hasMessageContaining("client-certificate-password-env");
    }

    @Test
    void pkcs12WithoutAPasswordLoadsWhenNoneIsConfigured() {
        // Key Vault's PFX downloads have an empty password
        Path p12 = app.writePkcs12(dir.resolve("keyvault.pfx"), new char[0]);

        assertThat(new Pkcs12CertificateSource(p12, null).load().certificate()).isEqualTo(app.certificate());
    }

    @Test
    void aPemFileGivenAsPkcs12IsRefusedWithAPointerToThePemSettings() {
        Path pem = TestCertificate.writeCertificatesPem(dir.resolve("given-as-p12.pem"), app.certificate());

        assertThatThrownBy(() -> new Pkcs12CertificateSource(pem, password(PASSWORD)).load())
                .hasMessageContaining("given-as-p12.pem").hasMessageContaining("client-certificate-pem-file");
    }

    @Test
    void missingFilesAreNamed() {
        assertThatThrownBy(() -> new Pkcs12CertificateSource(dir.resolve("absent.p12"), password(PASSWORD)).load())
                .hasMessageContaining("absent.p12 does not exist");
        Path cert = TestCertificate.writeCertificatesPem(dir.resolve("present.pem"), app.certificate());
        assertThatThrownBy(() -> new PemCertificateSource(cert, dir.resolve("absent-key.pem")).load())
                .hasMessageContaining("absent-key.pem does not exist");
    }

    @Test
    void pemPairLoadsAndPutsTheKeysOwnCertificateFirst() {
        TestCertificate ca = TestCertificate.selfSigned("entra-lake-test-ca");
        TestCertificate leaf = TestCertificate.issue("entra-lake-app", ca, Instant.now().plus(Duration.ofDays(3)));
        // issuer first: the order some tools write a bundle in
        Path chain = TestCertificate.writeCertificatesPem(dir.resolve("chain.pem"), ca.certificate(), leaf.certificate());
        Path key = leaf.writePkcs8KeyPem(dir.resolve("chain-key.pem"));

        CertificateCredential loaded = new PemCertificateSource(chain, key).load();

        assertThat(loaded.chain()).containsExactly(leaf.certificate(), ca.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(leaf.keys().getPrivate().getEncoded());
        assertThat(new PemCertificateSource(chain, key).describe())
                .isEqualTo("certificate file " + chain + " with private key file " + key);
    }

    @Test
    void pkcs1KeyIsRefusedWithTheOpensslCommandThatConvertsIt() {
        Path cert = TestCertificate.writeCertificatesPem(dir.resolve("pkcs1-cert.pem"), app.certificate());
        Path key = app.writePkcs1KeyPem(dir.resolve("pkcs1-key.pem"));
        assertThat(content(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThatThrownBy(() -> new PemCertificateSource(cert, key).load())
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("pkcs1-key.pem").hasMessageContaining("PKCS#1")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + key)
                .hasMessageNotContaining("MII");
    }

    @Test
    void encryptedKeyIsRefusedWithHowToDecryptOrUsePkcs12() {
        Path cert = TestCertificate.writeCertificatesPem(dir.resolve("enc-cert.pem"), app.certificate());
        Path key = app.writeEncryptedPkcs8KeyPem(dir.resolve("enc-key.pem"), "passphrase".toCharArray());
        assertThat(content(key)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        assertThatThrownBy(() -> new PemCertificateSource(cert, key).load())
                .hasMessageContaining("enc-key.pem is encrypted")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt")
                .hasMessageContaining("client-certificate-file");
    }

    @Test
    void swappedFilesAndMismatchedPairsAreExplained() {
        Path cert = TestCertificate.writeCertificatesPem(dir.resolve("swap-cert.pem"), app.certificate());
        Path key = app.writePkcs8KeyPem(dir.resolve("swap-key.pem"));
        assertThatThrownBy(() -> new PemCertificateSource(key, cert).load()).hasMessageContaining("swapped");

        Path otherKey = TestCertificate.selfSigned("someone-else").writePkcs8KeyPem(dir.resolve("other-key.pem"));
        assertThatThrownBy(() -> new PemCertificateSource(cert, otherKey).load())
                .hasMessageContaining("swap-cert.pem holds no certificate for the private key in " + otherKey);
    }

    @Test
    void nonRsaKeyIsRefusedBecauseAssertionsAreRs256() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        Path key = dir.resolve("ec-key.pem");
        String pkcs8 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(ec.generateKeyPair().getPrivate().getEncoded());
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + pkcs8 + "\n-----END PRIVATE KEY-----\n");
        Path cert = TestCertificate.writeCertificatesPem(dir.resolve("ec-cert.pem"), app.certificate());

        assertThatThrownBy(() -> new PemCertificateSource(cert, key).load())
                .hasMessageContaining("EC key").hasMessageContaining("RSA");
    }

    private static String content(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
