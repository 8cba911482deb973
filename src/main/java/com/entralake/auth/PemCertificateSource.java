package com.entralake.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A certificate credential as two PEM files, the way certbot, cert-manager and {@code openssl req}
 * leave it: the certificate (optionally followed by its issuers) and an unencrypted PKCS#8 private key.
 * BouncyCastle's {@link PEMParser} reads both, so no PEM or ASN.1 is parsed by hand here; this class
 * only decides what is acceptable and says how to convert what is not.
 */
public final class PemCertificateSource implements CertificateSource {

    private final Path certificateFile;
    private final Path privateKeyFile;

    public PemCertificateSource(Path certificateFile, Path privateKeyFile) {
        this.certificateFile = Objects.requireNonNull(certificateFile, "certificateFile");
        this.privateKeyFile = Objects.requireNonNull(privateKeyFile, "privateKeyFile");
    }

    @Override
    public CertificateCredential load() {
        PrivateKey key = privateKey();
        List<X509Certificate> chain = certificates();
        return new CertificateCredential(key, ownCertificateFirst(key, chain));
    }

    private PrivateKey privateKey() {
        Object pem = onlyObject(privateKeyFile, "private key file");
        String convert = "convert it with: openssl pkcs8 -topk8 -nocrypt -in " + privateKeyFile + " -out key-pkcs8.pem";
        if (pem instanceof PKCS8EncryptedPrivateKeyInfo || pem instanceof PEMEncryptedKeyPair) {
            // an encrypted key would need a second secret beside the file; a PKCS#12 file already is that
            throw keyProblem("is encrypted; Entra Lake reads an unencrypted PKCS#8 key (protect the file by its"
                    + " permissions or a mounted secret instead), so either decrypt it (openssl pkcs8 -topk8 -nocrypt -in "
                    + privateKeyFile + " -out key-pkcs8.pem, which asks for the passphrase) or bundle key and"
                    + " certificate in a PKCS#12 file with a password and use client-certificate-file");
        }
        if (pem instanceof PEMKeyPair pair) {
            // "BEGIN RSA PRIVATE KEY" (PKCS#1) or "BEGIN EC PRIVATE KEY": the traditional OpenSSL formats
            throw keyProblem("holds a traditional OpenSSL (PKCS#1 or SEC1) key, not PKCS#8 (\"BEGIN PRIVATE KEY\"); "
                    + convert);
        }
        if (pem instanceof X509CertificateHolder) {
            throw keyProblem("holds a certificate, not a private key: are client-certificate-pem-file and"
                    + " client-private-key-pem-file swapped?");
        }
        if (!(pem instanceof PrivateKeyInfo info)) {
            throw keyProblem("holds no PKCS#8 private key (\"-----BEGIN PRIVATE KEY-----\")");
        }
        PrivateKey key;
        try {
            key = new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw keyProblem("holds a private key that cannot be decoded (" + e.getClass().getSimpleName() + ")");
        }
        if (!"RSA".equals(key.getAlgorithm()) || !(key instanceof RSAKey)) {
            throw keyProblem("holds a " + key.getAlgorithm() + " key, but Entra client assertions are signed with"
                    + " RS256 and need an RSA key");
        }
        return key;
    }

    private List<X509Certificate> certificates() {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object pem : objects(certificateFile, "certificate file")) {
            if (pem instanceof X509CertificateHolder holder) {
                try {
                    chain.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw certificateProblem("holds a certificate that cannot be decoded (" + e.getClass().getSimpleName() + ")");
                }
            }
        }
        if (chain.isEmpty()) {
            throw certificateProblem("holds no certificate (\"-----BEGIN CERTIFICATE-----\")");
        }
        return chain;
    }

    /** MSAL hashes the first certificate for x5t#S256, so the key's own certificate must lead. */
    private List<X509Certificate> ownCertificateFirst(PrivateKey key, List<X509Certificate> chain) {
        for (X509Certificate candidate : chain) {
            if (candidate.getPublicKey() instanceof RSAKey rsa
                    && rsa.getModulus().equals(((RSAKey) key).getModulus())) {
                List<X509Certificate> ordered = new ArrayList<>(chain.size());
                ordered.add(candidate);
                chain.stream().filter(c -> c != candidate).forEach(ordered::add);
                return ordered;
            }
        }
        throw certificateProblem("holds no certificate for the private key in " + privateKeyFile
                + ": the key and the certificate are not a pair");
    }

    private List<Object> objects(Path file, String what) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        } catch (NoSuchFileException e) {
            throw new SecretUnavailableException(what + " " + file + " does not exist");
        } catch (IOException | RuntimeException e) {
            // the parser's message can quote the file, which may be a key: only the exception type is kept
            throw new SecretUnavailableException(what + " " + file + " is not readable or not PEM ("
                    + e.getClass().getSimpleName() + ")");
        }
        return objects;
    }

    private Object onlyObject(Path file, String what) {
        List<Object> objects = objects(file, what);
        if (objects.isEmpty()) {
            throw new SecretUnavailableException(what + " " + file + " holds no PEM block: it should start with"
                    + " \"-----BEGIN PRIVATE KEY-----\" (a DER file converts with: openssl pkcs8 -topk8 -nocrypt"
                    + " -inform DER -in " + file + " -out key-pkcs8.pem)");
        }
        if (objects.size() > 1) {
            throw new SecretUnavailableException(what + " " + file + " holds " + objects.size()
                    + " PEM blocks; it should hold the private key only (certificates go in client-certificate-pem-file)");
        }
        return objects.get(0);
    }

    private SecretUnavailableException keyProblem(String what) {
        return new SecretUnavailableException("private key file " + privateKeyFile + " " + what);
    }

    private SecretUnavailableException certificateProblem(String what) {
        return new SecretUnavailableException("certificate file " + certificateFile + " " + what);
    }

    @Override
    public String describe() {
        return "certificate file " + certificateFile + " with private key file " + privateKeyFile;
    }

    @Override
    public String toString() {
        return describe();
    }
}
