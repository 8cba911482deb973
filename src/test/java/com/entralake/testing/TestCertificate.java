package com.entralake.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An RSA key pair and an X.509 certificate made in the test (BouncyCastle, as the emulator's {@code Tls}
 * does), written in the formats an operator might hand Entra Lake: PKCS#12, PEM certificate, PKCS#8,
 * PKCS#1 and encrypted PKCS#8 keys.
 */
public record TestCertificate(KeyPair keys, X509Certificate certificate) {

    /** A self-signed certificate valid from an hour ago for a day, as an app registration would hold it. */
    public static TestCertificate selfSigned(String commonName) {
        return issue(commonName, null, Instant.now().plus(Duration.ofDays(1)));
    }

    /** A certificate for {@code commonName} signed by {@code issuer} (null = self-signed). */
    public static TestCertificate issue(String commonName, TestCertificate issuer, Instant notAfter) {
        try {
            KeyPair keys = rsaKeys();
            X500Name subject = new X500Name("CN=" + commonName);
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate.getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(64, new SecureRandom()), Date.from(Instant.now().minus(Duration.ofHours(1))),
                    Date.from(notAfter), subject, keys.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA")
                            .build(issuer == null ? keys.getPrivate() : issuer.keys.getPrivate())));
            return new TestCertificate(keys, certificate);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    private static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** PKCS#12 with the key and {@code chain} (this certificate first when chain is empty). */
    public Path writePkcs12(Path file, char[] password, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("app", keys.getPrivate(), password,
                    chain.length == 0 ? new X509Certificate[] {certificate} : chain);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The given certificates as PEM, in the given order. */
    public static Path writeCertificatesPem(Path file, X509Certificate... certificates) {
        return writePem(file, (Object[]) certificates);
    }

    /** "BEGIN PRIVATE KEY": unencrypted PKCS#8, the format Entra Lake reads. */
    public Path writePkcs8KeyPem(Path file) {
        try {
            return writePem(file, new JcaPKCS8Generator(keys.getPrivate(), null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "BEGIN RSA PRIVATE KEY": the traditional OpenSSL (PKCS#1) format. */
    public Path writePkcs1KeyPem(Path file) {
        return writePem(file, keys.getPrivate());
    }

    /** "BEGIN ENCRYPTED PRIVATE KEY": PKCS#8 under a passphrase. */
    public Path writeEncryptedPkcs8KeyPem(Path file, char[] passphrase) {
        try {
            return writePem(file, new JcaPKCS8Generator(keys.getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                            .setPassword(passphrase).build())
                    .generate());
        } catch (org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePem(Path file, Object... objects) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            for (Object o : objects) {
                pem.writeObject(o);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
